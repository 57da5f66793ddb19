import { afterEach, describe, expect, it } from "vitest";
import { StoreWriteError } from "../../../src/index.js";
import { RedisStore, StoreUnavailableError } from "../../../src/redis/index.js";
import { SKIP_REDIS, startRedis, type TestRedis } from "../../support/redis-server.js";
import { eventually, guildOfShard, player } from "./fixtures.js";

describe.skipIf(SKIP_REDIS)("RedisStore when Redis is down", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });
  const started = async (): Promise<TestRedis> => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    return redis;
  };

  it("at start: open rejects with StoreUnavailableError, and opens once Redis is up", async () => {
    const redis = await started();
    await redis.kill();
    const store = new RedisStore({ url: redis.url, commandTimeoutMs: 500 });
    cleanup.push(() => store.close());
    const error = await store.open({ clientId: "bot" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: "STORE_UNAVAILABLE", store: "redis" });
    expect((error as Error).message).toMatch(/cannot be reached/);
    // Degraded, not broken: the same store opens when Redis is back.
    await redis.restart();
    expect(await store.open({ clientId: "bot" })).toEqual({ players: [], nodes: [] });
  });

  it("mid-run: writes reject with StoreWriteError, the store reconnects, acknowledged records survive", async () => {
    const redis = await started();
    const store = new RedisStore({ url: redis.url, commandTimeoutMs: 500 });
    cleanup.push(() => store.close());
    await store.open({ clientId: "bot" });
    const [g1, g2] = [guildOfShard(0, 1, 0), guildOfShard(0, 1, 1)];
    await store.write([{ kind: "player", guildId: g1, value: player(g1, ["acked"]) }]);

    await redis.kill();
    const error = await store
      .write([{ kind: "player", guildId: g2, value: player(g2) }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect(error).toMatchObject({ code: "STORE_WRITE", store: "redis" });
    expect((error as Error).message).toMatch(/did not acknowledge/);

    await redis.restart();
    // The client reconnects by itself; the rejected change is written again by its caller.
    await eventually(
      () =>
        store.write([{ kind: "player", guildId: g2, value: player(g2) }]).then(
          () => true,
          () => false,
        ),
      "a write to succeed after Redis restarted",
    );
    await store.close();
    const again = new RedisStore({ url: redis.url });
    cleanup.push(() => again.close());
    const contents = await again.open({ clientId: "bot" });
    expect(contents.players.map((p) => p.guildId).sort()).toEqual([g1, g2].sort());
    expect(contents.players.find((p) => p.guildId === g1)?.queue.upcoming[0]?.info.identifier).toBe("acked");
  });

  it("a wrong address fails the open with StoreUnavailableError, not a hang or a crash", async () => {
    // Port 1 on loopback: nothing listens there.
    const store = new RedisStore({ url: "redis://127.0.0.1:1", commandTimeoutMs: 500 });
    await expect(store.open({ clientId: "bot" })).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });
});
