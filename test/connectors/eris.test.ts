import { Client as ErisClient, Shard as ErisShard } from "eris";
import { describe, expect, it, vi } from "vitest";
import { attachEris, erisSend, InvalidOptionError } from "../../src/index.js";
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

/** A real Eris client, not connected, with shard 0 spawned the way `connect()` spawns it (minus the socket). */
function erisClient() {
  const eris = new ErisClient("Bot not-a-token", { intents: ["guilds", "guildVoiceStates"], maxShards: 1 });
  const shard = new ErisShard(0, eris);
  eris.shards.set(0, shard);
  // What READY would have set: Eris matches the bot's own voice state against it.
  (eris as unknown as { user: { id: string } }).user = { id: BOT_ID };
  return { eris, shard };
}

describe("Eris connector (Eris 0.18, real client)", () => {
  it("joins through the guild's shard and feeds Eris's rawWS packets into the player", async () => {
    const { eris, shard } = erisClient();
    const sendWS = vi.spyOn(shard, "sendWS");
    // Eris learns the guild from GUILD_CREATE, through the shard's own packet handler.
    shard.onPacket({
      op: 0,
      s: 1,
      t: "GUILD_CREATE",
      d: {
        id: GUILD,
        name: "g",
        unavailable: false,
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
      },
    } as never);
    expect(eris.guilds.get(GUILD)?.shard).toBe(shard);

    const { env, client } = await connectorEnv(erisSend(eris));
    const detach = attachEris(client, eris);
    const player = await client.getPlayer(GUILD);
    await player.connect(CHANNEL, { selfDeaf: true });
    expect(sendWS).toHaveBeenCalledWith(JOIN.op, JOIN.d);

    shard.onPacket(voiceStateDispatch(2) as never);
    shard.onPacket(voiceServerDispatch(3) as never);
    await expectVoiceReachedNode(env, client);

    detach();
    const handled = vi.spyOn(client, "handleRaw");
    shard.onPacket(voiceServerDispatch(4) as never);
    expect(handled).not.toHaveBeenCalled();
    eris.disconnect({ reconnect: false });
  });

  it("refuses an object that is not an Eris client", () => {
    expect(() => erisSend({} as never)).toThrow(InvalidOptionError);
  });
});
