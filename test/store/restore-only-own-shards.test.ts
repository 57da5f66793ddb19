import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { storedPlayer } from "./store-contract.js";

// Guild ids on shards 0 and 1 of 2: (id >> 22) % 2.
const ON_SHARD_0 = String(6n << 22n);
const ON_SHARD_1 = String(7n << 22n);

describe("a sharded client", () => {
  it("restores only the guilds of its own shards", async () => {
    const store = new MemoryStore();
    await store.open({ clientId: "default" });
    await store.write([
      { kind: "player", guildId: ON_SHARD_0, value: storedPlayer(ON_SHARD_0, { track: null, paused: true }) },
      { kind: "player", guildId: ON_SHARD_1, value: storedPlayer(ON_SHARD_1, { track: null, paused: true }) },
    ]);
    await store.close();
    const env = await sonoraEnv({ connect: false });
    const shard1 = env.createClient({ store, clientId: "shard-1", shards: { ids: [1], count: 2 } });
    await env.drive(shard1.start());
    expect([...shard1.players.keys()]).toEqual([ON_SHARD_1]);
    expect(shard1.players.get(ON_SHARD_1)?.queue.upcoming).toHaveLength(2);
  });
});
