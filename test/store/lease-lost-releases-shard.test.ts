import { describe, expect, it } from "vitest";
import {
  MemoryStore,
  type Player,
  type PlayerDestroyReason,
  type SonoraStore,
  type StoreChange,
  type StoreContents,
  StoreLeaseLostError,
  type StoreScope,
} from "../../src/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";

// Guild ids on shards 0 and 1 of 2: (id >> 22) % 2.
const ON_SHARD_0 = String(6n << 22n);
const ON_SHARD_1 = String(7n << 22n);
const shardOf = (guildId: string) => Number((BigInt(guildId) >> 22n) % 2n);

/**
 * A MemoryStore that can lose leases the way a shared store does when another process takes them
 * (see RedisStore): a write holding a guild of a lost shard is refused whole, as one atomic batch;
 * losing the client's own lease refuses every write.
 */
class LeasingStore implements SonoraStore {
  readonly kind = "leasing";
  readonly inner = new MemoryStore();
  lostShard: number | null = null;
  lostClient = false;
  writes: StoreChange[][] = [];
  open(scope: StoreScope): Promise<StoreContents> {
    return this.inner.open(scope);
  }
  async write(changes: readonly StoreChange[]): Promise<void> {
    this.writes.push([...changes]);
    if (this.lostClient) throw new StoreLeaseLostError(-1, "the lease on client default was lost");
    for (const change of changes) {
      if (change.kind === "player" && shardOf(change.guildId) === this.lostShard) {
        throw new StoreLeaseLostError(this.lostShard);
      }
    }
    await this.inner.write(changes);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  async record(guildId: string) {
    const { players } = await this.inner.open({ clientId: "default" });
    return players.find((p) => p.guildId === guildId);
  }
}

async function setup() {
  const store = new LeasingStore();
  const env = await sonoraEnv({ client: { store, shards: { ids: [0, 1], count: 2 } } });
  const p0 = await env.player(ON_SHARD_0);
  const p1 = await env.player(ON_SHARD_1);
  const [a, b] = env.tracks(2);
  await p0.play(a!);
  await p1.play(b!);
  const destroyed: [Player, PlayerDestroyReason][] = [];
  const errors: unknown[] = [];
  env.client.on("playerDestroy", (player, reason) => destroyed.push([player, reason]));
  env.client.on("error", (error) => errors.push(error));
  return { store, env, p0, p1, destroyed, errors };
}

describe("a lost shard lease: the client stops driving that shard's guilds and keeps the others", () => {
  it("the lost shard's player ends locally; a command on another shard in the same write still lands", async () => {
    const { store, env, p0, p1, destroyed, errors } = await setup();
    const deletesBefore = env.simulator.log.entries().filter((e) => e.method === "DELETE").length;
    store.lostShard = 1;
    // Both changes go into one write, which the store refuses whole because of shard 1.
    const [v0, v1] = await Promise.allSettled([p0.setVolume(40), p1.setVolume(60)]);
    expect(v0.status).toBe("fulfilled");
    // The command on the lost guild tells its caller why its change was not kept.
    expect(v1.status === "rejected" && v1.reason).toBeInstanceOf(StoreLeaseLostError);
    expect(destroyed).toEqual([[p1, "storeLeaseLost"]]);
    expect(p1.destroyed).toBe(true);
    expect(env.client.players.has(ON_SHARD_1)).toBe(false);
    expect(env.client.players.get(ON_SHARD_0)).toBe(p0);
    expect(
      errors.filter((e) => e instanceof StoreLeaseLostError).map((e) => (e as StoreLeaseLostError).shard),
    ).toEqual([1]);
    // Shard 0's change is durable; shard 1's record is the new owner's business (untouched here).
    expect((await store.record(ON_SHARD_0))?.volume).toBe(40);
    expect((await store.record(ON_SHARD_1))?.volume).toBe(100);
    // The node and Discord belong to the new owner: no DELETE was sent for the guild.
    expect(env.simulator.log.entries().filter((e) => e.method === "DELETE").length).toBe(deletesBefore);
    expect(env.nodePlayer(ON_SHARD_1)?.track).toBeTruthy();
    // A new player there is refused with the same typed error; shard 0 goes on as before.
    await expect(env.client.getPlayer(ON_SHARD_1)).rejects.toMatchObject({
      code: "STORE_LEASE_LOST",
      shard: 1,
    });
    await p0.setVolume(50);
    expect((await store.record(ON_SHARD_0))?.volume).toBe(50);
    // Later writes never carry the released guild again.
    const after = store.writes.at(-1) ?? [];
    expect(after.some((c) => c.kind === "player" && c.guildId === ON_SHARD_1)).toBe(false);
  });

  it("a checkpoint finds the loss too: the playing player of that shard ends, the other keeps playing", async () => {
    const { store, env, p0, destroyed } = await setup();
    const checkpointed = (await store.record(ON_SHARD_1))?.positionAt ?? 0;
    store.lostShard = 0;
    await env.advance(6_000); // past the 5 s checkpoint interval: both players in one write
    await env.settle();
    expect(destroyed.map(([p, r]) => [p.guildId, r])).toEqual([[ON_SHARD_0, "storeLeaseLost"]]);
    expect(p0.destroyed).toBe(true);
    expect(env.client.players.has(ON_SHARD_1)).toBe(true);
    // The refused batch went again without shard 0: shard 1's checkpoint is durable.
    expect((await store.record(ON_SHARD_1))?.positionAt).toBeGreaterThan(checkpointed);
    const refused = [...store.writes]
      .reverse()
      .find((w) => w.some((c) => c.kind === "player" && c.guildId === ON_SHARD_0));
    expect(refused?.some((c) => c.kind === "player" && c.guildId === ON_SHARD_1)).toBe(true);
    const retried = store.writes.at(-1) ?? [];
    expect(retried.map((c) => (c.kind === "player" ? c.guildId : c.name))).toContain(ON_SHARD_1);
    expect(retried.map((c) => (c.kind === "player" ? c.guildId : c.name))).not.toContain(ON_SHARD_0);
  });

  it("losing the client's own lease ends every player, and later writes are refused with it", async () => {
    const { store, env, p0, p1, destroyed } = await setup();
    store.lostClient = true;
    const failed = await p0.setVolume(40).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StoreLeaseLostError);
    expect(destroyed.map(([p, r]) => [p.guildId, r]).sort()).toEqual(
      [
        [ON_SHARD_0, "storeLeaseLost"],
        [ON_SHARD_1, "storeLeaseLost"],
      ].sort(),
    );
    expect(p1.destroyed).toBe(true);
    expect(env.client.players.size).toBe(0);
    await expect(env.client.getPlayer(ON_SHARD_1)).rejects.toBeInstanceOf(StoreLeaseLostError);
  });
});
