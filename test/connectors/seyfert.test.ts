import { Client as SeyfertClient, ShardManager } from "seyfert";
import { describe, expect, it, vi } from "vitest";
import { attachSeyfert, InvalidOptionError, seyfertSend } from "../../src/index.js";
import {
  CHANNEL,
  connectorEnv,
  expectVoiceReachedNode,
  GUILD,
  JOIN,
  voiceServerDispatch,
  voiceStateDispatch,
} from "./helpers.js";

/** A bot token of the right shape (Seyfert reads the bot id from its first part); not a real token. */
const TOKEN = `${Buffer.from("1234").toString("base64")}.not.real`;

/**
 * A real Seyfert client, not started: its own ShardManager handed over with `setServices` (which
 * wires the shard packets into `client.onPacket`, as `start()` does), and shard 0 created as
 * `spawnShards()` creates it (minus the connect).
 */
function seyfertClient() {
  const seyfert = new SeyfertClient();
  const gateway = new ShardManager({
    token: TOKEN,
    intents: 0,
    info: {
      url: "wss://gateway.invalid",
      shards: 1,
      session_start_limit: { total: 1, remaining: 1, reset_after: 0, max_concurrency: 1 },
    },
    handlePayload: () => undefined,
  });
  seyfert.setServices({ gateway });
  const shard = gateway.create(0);
  /** What the shard's socket does with each message it receives. */
  const receive = (packet: object) =>
    (shard as unknown as { handleMessage(data: string): Promise<void> }).handleMessage(
      JSON.stringify(packet),
    );
  return { seyfert, gateway, shard, receive };
}

describe("Seyfert connector (Seyfert 5, real client)", () => {
  it("joins through the guild's shard and feeds Seyfert's RAW event into the player", async () => {
    const { seyfert, shard, receive } = seyfertClient();
    const send = vi.spyOn(shard, "send").mockResolvedValue(undefined);
    // A raw event the bot already had keeps running.
    const ownRaw = vi.fn();
    seyfert.events.values.RAW = { data: { name: "raw" }, run: ownRaw } as never;

    const { env, client } = await connectorEnv(seyfertSend(seyfert));
    const detach = attachSeyfert(client, seyfert);
    const player = await client.getPlayer(GUILD);
    await player.connect(CHANNEL, { selfDeaf: true });
    expect(send).toHaveBeenCalledWith(false, JOIN);

    await receive(voiceStateDispatch(2));
    await receive(voiceServerDispatch(3));
    await expectVoiceReachedNode(env, client);
    await vi.waitFor(() => expect(ownRaw).toHaveBeenCalledTimes(2));

    detach();
    expect((seyfert.events.values as { RAW?: { run: unknown } }).RAW?.run).toBe(ownRaw);
  });

  it("says what is missing when the bot was not started, and refuses a non-client", async () => {
    const send = seyfertSend(new SeyfertClient());
    await expect(send(GUILD, JOIN)).rejects.toThrow(/bot\.start\(\)/);
    expect(() => attachSeyfert({ handleRaw: async () => {} } as never, {} as never)).toThrow(
      InvalidOptionError,
    );
  });
});
