import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Player, type PlayerDestroyReason, StoreLeaseLostError } from "../../../src/index.js";
import { RedisStore } from "../../../src/redis/index.js";
import { sonoraEnv } from "../../../src/testing/vitest.js";
import { SKIP_REDIS, startRedis, type TestRedis } from "../../support/redis-server.js";
import { eventually, guildOfShard, pausable, rawClient } from "./fixtures.js";

// Short leases: Redis expires keys in wall time; the test waits on Redis's own state.
const LEASE_MS = 400;

/**
 * A bot process paused past its lease (a long GC, a frozen VM) while another process took one of
 * its shards. When it wakes, Redis refuses its writes for that shard: the client releases the
 * shard's players (no node or Discord traffic: they are the new owner's) and keeps the rest.
 */
describe.skipIf(SKIP_REDIS)("a SonoraClient whose shard lease was taken by another process", () => {
  let redis: TestRedis;
  let check: Awaited<ReturnType<typeof rawClient>>;
  beforeAll(async () => {
    redis = await startRedis();
    check = await rawClient(redis.url);
  });
  afterAll(async () => {
    await check?.close();
    await redis?.stop();
  });

  it("releases that shard's players, keeps the other shard's, and refuses new players there", async () => {
    const prefix = "leaselost";
    const own = await rawClient(redis.url);
    const gate = pausable(own);
    const lostLeases: number[] = [];
    const store = new RedisStore({
      client: gate,
      prefix,
      leaseMs: LEASE_MS,
      onLeaseLost: (e) => lostLeases.push(e.shard),
    });
    const env = await sonoraEnv({ client: { store, clientId: "a", shards: { ids: [0, 1], count: 2 } } });
    const g0 = guildOfShard(0, 2);
    const g1 = guildOfShard(1, 2);
    const p0 = await env.player(g0);
    const p1 = await env.player(g1);
    const [a, b] = env.tracks(2, { length: 600_000 });
    await p0.play(a!);
    await p1.play(b!);
    const destroyed: [Player, PlayerDestroyReason][] = [];
    const errors: unknown[] = [];
    env.client.on("playerDestroy", (player, reason) => destroyed.push([player, reason]));
    env.client.on("error", (error) => errors.push(error));

    // This process freezes; another takes shard 1 once the lease expires, and writes its own record.
    gate.pause();
    const other = new RedisStore({
      url: redis.url,
      prefix,
      leaseMs: LEASE_MS,
      acquireTimeoutMs: LEASE_MS * 20,
    });
    const taken = await other.open({ clientId: "b", shards: { ids: [1], count: 2 } });
    expect(taken.players.map((p) => p.guildId)).toEqual([g1]);
    const theirs = { ...taken.players[0]!, volume: 7 };
    await other.write([{ kind: "player", guildId: g1, value: theirs }]);
    gate.resume();

    const [v0, v1] = await Promise.allSettled([p0.setVolume(40), p1.setVolume(60)]);
    expect(v0.status).toBe("fulfilled");
    expect(v1.status === "rejected" && v1.reason).toBeInstanceOf(StoreLeaseLostError);
    expect(destroyed).toEqual([[p1, "storeLeaseLost"]]);
    expect(env.client.players.has(g1)).toBe(false);
    expect(errors.some((e) => e instanceof StoreLeaseLostError && e.shard === 1)).toBe(true);
    await expect(env.client.getPlayer(g1)).rejects.toMatchObject({ code: "STORE_LEASE_LOST", shard: 1 });

    // Redis holds this process's change for shard 0, and the new owner's record for shard 1.
    await eventually(
      async () => JSON.parse((await check.hGet(`${prefix}:players`, g0)) ?? "null")?.volume === 40,
      "shard 0's volume is durable",
    );
    expect(JSON.parse((await check.hGet(`${prefix}:players`, g1)) ?? "null")?.volume).toBe(7);
    // Shard 0 goes on: later commands are written as before.
    await p0.setVolume(45);
    expect(JSON.parse((await check.hGet(`${prefix}:players`, g0)) ?? "null")?.volume).toBe(45);
    expect(env.nodePlayer(g1)?.track).toBeTruthy(); // left to the new owner, not deleted

    await env.dispose();
    await other.close();
    await own.close();
  });
});
