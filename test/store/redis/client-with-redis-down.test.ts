import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreWriteError } from "../../../src/index.js";
import { RedisStore, StoreUnavailableError } from "../../../src/redis/index.js";
import { createTestEnvironment, TEST_GUILD_ID } from "../../../src/testing/index.js";
import { sonoraEnv } from "../../../src/testing/vitest.js";
import { SKIP_REDIS, startRedis, type TestRedis } from "../../support/redis-server.js";
import { eventually } from "./fixtures.js";

// The client's side of the degraded modes: what a bot sees when Redis is down at start or mid-run.
describe.skipIf(SKIP_REDIS)("a SonoraClient with a RedisStore when Redis goes down", () => {
  let redis: TestRedis;
  let prefixes = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("Redis down at start: start() rejects with StoreUnavailableError and connects no node", async () => {
    const store = new RedisStore({ url: "redis://127.0.0.1:1", commandTimeoutMs: 300 });
    const env = await createTestEnvironment({ client: { store }, connect: false });
    try {
      const error = await env.drive(env.client.start()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect([...env.client.nodes].map((n) => n.state)).not.toContain("ready");
      expect(env.simulator.sessions).toHaveLength(0);
    } finally {
      await env.dispose();
    }
  });

  it("Redis down mid-run: the command rejects with StoreWriteError, memory keeps the change, and it is written once Redis is back", async () => {
    const prefix = `client${++prefixes}`;
    const store = new RedisStore({ url: redis.url, prefix, commandTimeoutMs: 300 });
    const env = await sonoraEnv({ client: { store } });
    const player = await env.player();
    const [first, second, during] = env.tracks(3, { length: 600_000 });
    await player.play(first!);
    await player.queue.add(second!);

    await redis.kill();
    const error = await player.queue.add(during!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect((error as StoreWriteError).store).toBe("redis");
    // Nothing silently dropped: the queue in memory has the track, the caller knows it is not durable.
    expect(player.queue.upcoming.map((t) => t.encoded)).toEqual([second!.encoded, during!.encoded]);

    await redis.restart();
    // The store reconnects by itself; the failed change is still marked and goes with the next write.
    await eventually(
      () =>
        player.saved().then(
          () => true,
          () => false,
        ),
      "the store to write again",
    );
    await env.client.close();
    const reader = new RedisStore({ url: redis.url, prefix });
    const contents = await reader.open({ clientId: "reader" });
    await reader.close();
    const stored = contents.players.find((p) => p.guildId === TEST_GUILD_ID);
    expect(stored?.queue.upcoming.map((t) => t.encoded)).toEqual([second!.encoded, during!.encoded]);
  });
});
