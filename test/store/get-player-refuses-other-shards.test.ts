import { describe, expect, it } from "vitest";
import { ClientStateError, InvalidOptionError, SonoraClient } from "../../src/index.js";
import { createTestEnvironment } from "../../src/testing/index.js";

/** The first of a few snowflakes whose shard (`(id >> 22) % count`) is `shard`. */
function guildOfShard(shard: number, count: number): string {
  for (let i = 1n; ; i++) {
    const id = (i << 22n) + 5n;
    if (Number((id >> 22n) % BigInt(count)) === shard) return id.toString();
  }
}

describe("a sharded client drives only its own shards' guilds", () => {
  it("getPlayer refuses a guild of another shard with ClientStateError, and creates its own", async () => {
    const env = await createTestEnvironment({ seed: 7, client: { shards: { ids: [1], count: 3 } } });
    try {
      const own = guildOfShard(1, 3);
      const other = guildOfShard(2, 3);
      expect((await env.client.getPlayer(own)).guildId).toBe(own);
      await expect(env.client.getPlayer(other)).rejects.toThrow(ClientStateError);
      await expect(env.client.getPlayer(other)).rejects.toThrow(/shard 2 of 3/);
      expect(env.client.players.has(other)).toBe(false);
    } finally {
      await env.dispose();
    }
  });

  it("bad shards are refused when the client is built", () => {
    const nodes = [{ host: "127.0.0.1", port: 1, password: "x" }];
    expect(() => new SonoraClient(nodes, { shards: { ids: [3], count: 3 } })).toThrow(InvalidOptionError);
    expect(() => new SonoraClient(nodes, { shards: { ids: [0], count: 0 } })).toThrow(InvalidOptionError);
  });
});
