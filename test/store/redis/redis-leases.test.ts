import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoreLeaseLostError } from "../../../src/index.js";
import {
  type RedisClientLike,
  RedisStore,
  type RedisStoreOptions,
  StoreLeaseHeldError,
} from "../../../src/redis/index.js";
import { SKIP_REDIS, startRedis, type TestRedis } from "../../support/redis-server.js";
import { eventually, guildOfShard, pausable, player, rawClient } from "./fixtures.js";

// Lease times here are short (Redis expires keys in wall time): the tests wait for expiry with
// waitUntil on Redis's own state, never by asserting durations.
const LEASE_MS = 400;

describe.skipIf(SKIP_REDIS)("RedisStore shard leases and fencing", () => {
  let redis: TestRedis;
  let check: Awaited<ReturnType<typeof rawClient>>;
  let prefixes = 0;
  const cleanup: (() => Promise<unknown>)[] = [];
  const freshPrefix = () => `lease${++prefixes}`;
  const shard0 = { clientId: "s0", shards: { ids: [0], count: 2 } };
  const guild = guildOfShard(0, 2);

  beforeAll(async () => {
    redis = await startRedis();
    check = await rawClient(redis.url);
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });
  afterAll(async () => {
    await check?.close();
    await redis?.stop();
  });

  /** A store on `prefix` with short leases, through its own client or through `client` (a paused one). */
  const store = (
    prefix: string,
    extra: Omit<RedisStoreOptions, "url" | "client" | "prefix"> = {},
    client?: RedisClientLike,
  ) => {
    const where = client === undefined ? { url: redis.url } : { client };
    const created = new RedisStore({ ...where, prefix, leaseMs: LEASE_MS, ...extra });
    cleanup.push(() => created.close());
    return created;
  };

  it("a second owner cannot take a live lease: open waits, then fails with StoreLeaseHeldError", async () => {
    const prefix = freshPrefix();
    await store(prefix).open(shard0);
    const error = await store(prefix, { acquireTimeoutMs: LEASE_MS * 3 })
      .open({ ...shard0, clientId: "other" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLeaseHeldError);
    expect(error).toMatchObject({ code: "STORE_LEASE_HELD", resource: "shard 0", waitedMs: LEASE_MS * 3 });
    expect((error as StoreLeaseHeldError).holder).toMatch(/^s0\//);
    // The renewal kept the first owner's lease alive through three lease times.
    expect(await check.get(`${prefix}:lease:shard:0`)).toMatch(/^1\|s0\//);
  });

  it("the same clientId twice is refused too (node sessions belong to one process)", async () => {
    const prefix = freshPrefix();
    await store(prefix).open({ clientId: "bot" });
    await expect(store(prefix, { acquireTimeoutMs: 0 }).open({ clientId: "bot" })).rejects.toMatchObject({
      resource: "client bot",
    });
  });

  it("close releases the leases: the next owner opens at once, with a higher token", async () => {
    const prefix = freshPrefix();
    const first = store(prefix);
    await first.open(shard0);
    await first.close();
    const second = store(prefix, { acquireTimeoutMs: 0 });
    await second.open(shard0);
    expect(await check.get(`${prefix}:fence:shard:0`)).toBe("2");
    expect(await check.get(`${prefix}:lease:shard:0`)).toMatch(/^2\|/);
  });

  it("an expired lease is taken with a higher token, and the paused old owner's writes are refused", async () => {
    const prefix = freshPrefix();
    const client = await rawClient(redis.url);
    cleanup.push(() => client.close());
    const gate = pausable(client);
    const lost: StoreLeaseLostError[] = [];
    const old = store(prefix, { onLeaseLost: (e) => lost.push(e) }, gate);
    await old.open(shard0);
    await old.write([{ kind: "player", guildId: guild, value: player(guild, ["old"]) }]);

    // The old owner stops (a long pause): its renewals no longer reach Redis, so its lease expires.
    gate.pause();
    const next = store(prefix, { acquireTimeoutMs: LEASE_MS * 10 });
    const contents = await next.open({ ...shard0, clientId: "s0-new" });
    expect(contents.players.map((p) => p.queue.upcoming[0]?.info.identifier)).toEqual(["old"]);
    expect(await check.get(`${prefix}:fence:shard:0`)).toBe("2");
    await next.write([{ kind: "player", guildId: guild, value: player(guild, ["new"]) }]);

    // The old owner wakes up and writes: Redis refuses it (its token 1 < 2), atomically.
    const writing = old.write([{ kind: "player", guildId: guild, value: player(guild, ["stale"]) }]);
    gate.resume();
    const error = await writing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLeaseLostError);
    expect(error).toMatchObject({ code: "STORE_LEASE_LOST", shard: 0 });
    const stored = JSON.parse((await check.hGet(`${prefix}:players`, guild)) ?? "null");
    expect(stored.queue.upcoming[0].info.identifier).toBe("new");
    expect(lost.map((e) => e.shard)).toEqual([0]);
    // Refused from now on without asking Redis, and its close does not release the new owner's lease.
    await expect(old.write([{ kind: "player", guildId: guild, value: null }])).rejects.toBeInstanceOf(
      StoreLeaseLostError,
    );
    await old.close();
    expect(await check.get(`${prefix}:lease:shard:0`)).toMatch(/^2\|s0-new\//);
  });

  it("an owner whose lease expired while nobody took the shard keeps it (the fence still names it)", async () => {
    const prefix = freshPrefix();
    const client = await rawClient(redis.url);
    cleanup.push(() => client.close());
    const gate = pausable(client);
    const owner = store(prefix, {}, gate);
    await owner.open(shard0);
    gate.pause();
    await eventually(
      async () => (await check.exists(`${prefix}:lease:shard:0`)) === 0,
      "the lease to expire",
    );
    const writing = owner.write([{ kind: "player", guildId: guild, value: player(guild) }]);
    gate.resume();
    await writing;
    expect(await check.get(`${prefix}:lease:shard:0`)).toMatch(/^1\|s0\//);
    expect(await check.hGet(`${prefix}:players`, guild)).not.toBeNull();
  });

  it("a dead owner's lease (never released) is taken once it expires", async () => {
    const prefix = freshPrefix();
    // What a SIGKILLed process leaves: a lease key with a TTL and nobody renewing it.
    await check.set(`${prefix}:fence:shard:0`, "7");
    await check.set(`${prefix}:lease:shard:0`, "7|dead/host/1/00", { PX: LEASE_MS });
    const next = store(prefix, { acquireTimeoutMs: LEASE_MS * 10 });
    await next.open(shard0);
    expect(await check.get(`${prefix}:lease:shard:0`)).toMatch(/^8\|s0\//);
  });
});
