import { Client as OceanicClient, Shard as OceanicShard } from "oceanic.js";
import { describe, expect, it, vi } from "vitest";
import { attachOceanic, InvalidOptionError, oceanicSend } from "../../src/index.js";
import {
  BOT_ID,
  CHANNEL,
  connectorEnv,
  expectVoiceReachedNode,
  GUILD,
  JOIN,
  voiceServerDispatch,
  voiceStateDispatch,
} from "./helpers.js";

/** A real Oceanic.js client, not connected, with shard 0 created as `spawn()` creates it (minus the connect). */
function oceanicClient() {
  const oceanic = new OceanicClient({
    auth: "Bot not-a-token",
    gateway: { intents: ["GUILDS", "GUILD_VOICE_STATES"], maxShards: 1 },
  });
  const shard = new OceanicShard(0, oceanic.shards);
  oceanic.shards.set(0, shard);
  // What `connect()` sets once the gateway is reached: Guild#shard refuses to answer before.
  oceanic.shards.connected = true;
  // What READY would have set: Oceanic matches the bot's own voice state against it.
  (oceanic as unknown as { _user: { id: string } })._user = { id: BOT_ID };
  /** The shard's own handler of each packet its socket receives (private in Oceanic's typings). */
  const receive = (packet: object) =>
    (shard as unknown as { onPacket(packet: object): void }).onPacket(packet);
  return { oceanic, shard, receive };
}

const guildCreate = {
  op: 0,
  s: 1,
  t: "GUILD_CREATE",
  d: {
    id: GUILD,
    name: "g",
    unavailable: false,
    owner_id: BOT_ID,
    channels: [],
    members: [],
    roles: [],
    emojis: [],
    voice_states: [],
    presences: [],
    stickers: [],
    features: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  },
};

describe("Oceanic.js connector (Oceanic.js 1.15, real client)", () => {
  it("joins through the guild's shard and feeds Oceanic's packet events into the player", async () => {
    const { oceanic, shard, receive } = oceanicClient();
    const send = vi.spyOn(shard, "send");
    // Oceanic learns the guild (and its shard) from GUILD_CREATE, through the shard's packet handler.
    receive(guildCreate);
    await vi.waitFor(() => expect(oceanic.guilds.get(GUILD)?.shard).toBe(shard));

    const { env, client } = await connectorEnv(oceanicSend(oceanic));
    const detach = attachOceanic(client, oceanic);
    const player = await client.getPlayer(GUILD);
    await player.connect(CHANNEL, { selfDeaf: true });
    expect(send).toHaveBeenCalledWith(JOIN.op, JOIN.d);

    receive(voiceStateDispatch(2));
    receive(voiceServerDispatch(3));
    await expectVoiceReachedNode(env, client);

    detach();
    const handled = vi.spyOn(client, "handleRaw");
    receive(voiceServerDispatch(4));
    expect(handled).not.toHaveBeenCalled();
    oceanic.disconnect(false);
  });

  it("refuses an object that is not an Oceanic.js client", () => {
    expect(() => attachOceanic({ handleRaw: async () => {} } as never, {} as never)).toThrow(
      InvalidOptionError,
    );
  });
});
