import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  InvalidOptionError,
  StoreCorruptError,
  StoreSchemaError,
  StoreWriteError,
} from "../../../src/index.js";
import { RedisStore } from "../../../src/redis/index.js";
import { SKIP_REDIS, startRedis, type TestRedis } from "../../support/redis-server.js";
import { guildOfShard, node, player, rawClient } from "./fixtures.js";

describe.skipIf(SKIP_REDIS)("RedisStore keeps records in a real Redis", () => {
  let redis: TestRedis;
  let prefixes = 0;
  const opened: RedisStore[] = [];
  /** A store on its own prefix (tests do not see each other's records), closed after the test. */
  const store = (prefix: string, extra: { leaseMs?: number; acquireTimeoutMs?: number } = {}) => {
    const created = new RedisStore({ url: redis.url, prefix, ...extra });
    opened.push(created);
    return created;
  };
  const freshPrefix = () => `t${++prefixes}`;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("reads back, in a new store, every record written and acknowledged; deletions stay deleted", async () => {
    const prefix = freshPrefix();
    const first = store(prefix);
    expect(await first.open({ clientId: "bot" })).toEqual({ players: [], nodes: [] });
    const [g1, g2] = [guildOfShard(0, 1, 0), guildOfShard(0, 1, 1)];
    await first.write([
      { kind: "node", name: "main", value: node("main") },
      { kind: "player", guildId: g1, value: player(g1) },
      { kind: "player", guildId: g2, value: player(g2, ["x"]) },
    ]);
    await first.write([{ kind: "player", guildId: g2, value: null }]);
    await first.close();

    const second = store(prefix);
    const contents = await second.open({ clientId: "bot" });
    expect(contents.players).toEqual([player(g1)]);
    expect(contents.nodes).toEqual([node("main")]);
  });

  it("a sharded scope reads only its shards' guilds; node sessions are per clientId", async () => {
    const prefix = freshPrefix();
    const writer = store(prefix);
    await writer.open({ clientId: "all" });
    const guilds = [0, 1, 2].flatMap((shard) => [guildOfShard(shard, 3, 0), guildOfShard(shard, 3, 1)]);
    await writer.write(
      guilds.map((guildId) => ({ kind: "player" as const, guildId, value: player(guildId) })),
    );
    await writer.write([{ kind: "node", name: "main", value: node("main", "all-session") }]);
    await writer.close();

    const shard1 = store(prefix);
    const contents = await shard1.open({ clientId: "shard-1", shards: { ids: [1], count: 3 } });
    expect(contents.players.map((p) => p.guildId).sort()).toEqual(
      [guildOfShard(1, 3, 0), guildOfShard(1, 3, 1)].sort(),
    );
    expect(contents.nodes).toEqual([]);

    const shards02 = store(prefix);
    const both = await shards02.open({ clientId: "shard-0-2", shards: { ids: [0, 2], count: 3 } });
    expect(both.players).toHaveLength(4);
  });

  it("a write for a guild of a shard the process does not own is refused, and the batch with it", async () => {
    const prefix = freshPrefix();
    const shard0 = store(prefix);
    await shard0.open({ clientId: "s0", shards: { ids: [0], count: 2 } });
    const mine = guildOfShard(0, 2);
    const theirs = guildOfShard(1, 2);
    await expect(
      shard0.write([
        { kind: "player", guildId: mine, value: player(mine) },
        { kind: "player", guildId: theirs, value: player(theirs) },
      ]),
    ).rejects.toMatchObject({ code: "STORE_LEASE_LOST", shard: 1 });
    const check = await rawClient(redis.url);
    expect(await check.hLen(`${prefix}:players`)).toBe(0);
    await check.close();
  });

  it("a record from a newer schema is refused with StoreSchemaError; a damaged one with StoreCorruptError", async () => {
    const check = await rawClient(redis.url);
    const newer = freshPrefix();
    const guild = guildOfShard(0, 1);
    await check.hSet(`${newer}:players`, guild, JSON.stringify({ ...player(guild), schema: 99 }));
    const error = await store(newer)
      .open({ clientId: "bot" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreSchemaError);
    expect(error).toMatchObject({ found: 99, location: `${newer}:players ${guild}` });

    const damaged = freshPrefix();
    await check.hSet(`${damaged}:players`, guild, '{"schema":1,"guildId":');
    await expect(store(damaged).open({ clientId: "bot" })).rejects.toBeInstanceOf(StoreCorruptError);
    // The refused open holds no lease: the record is still there and the next open is not kept waiting.
    expect(await check.hGet(`${damaged}:players`, guild)).toBe('{"schema":1,"guildId":');
    expect(await check.exists(`${damaged}:lease:client:bot`)).toBe(0);
    await check.close();
  });

  it("writes before open and after close reject with StoreWriteError", async () => {
    const s = store(freshPrefix());
    const change = { kind: "node" as const, name: "main", value: node("main") };
    await expect(s.write([change])).rejects.toBeInstanceOf(StoreWriteError);
    await s.open({ clientId: "bot" });
    await s.write([change]);
    await s.close();
    await expect(s.write([change])).rejects.toThrow(/closed/);
  });

  it("works with a node-redis client the bot already has, and leaves it open", async () => {
    const prefix = freshPrefix();
    const client = await rawClient(redis.url);
    const s = new RedisStore({ client, prefix });
    await s.open({ clientId: "bot" });
    await s.write([{ kind: "node", name: "main", value: node("main") }]);
    await s.close();
    expect(client.isOpen).toBe(true);
    expect(JSON.parse((await client.hGet(`${prefix}:nodes:bot`, "main")) ?? "null")).toEqual(node("main"));
    await client.close();
  });

  it("reads the same records through a RESP3 client (hashes answered as maps)", async () => {
    const prefix = freshPrefix();
    const writer = store(prefix);
    await writer.open({ clientId: "bot" });
    const guild = guildOfShard(0, 1);
    await writer.write([
      { kind: "player", guildId: guild, value: player(guild) },
      { kind: "node", name: "main", value: node("main") },
    ]);
    await writer.close();
    const client = createClient({ url: redis.url, RESP: 3 });
    client.on("error", () => undefined);
    const reader = new RedisStore({ client, prefix });
    expect(await reader.open({ clientId: "bot" })).toEqual({
      players: [player(guild)],
      nodes: [node("main")],
    });
    await reader.close();
    await client.close();
  });

  it("refuses bad options with InvalidOptionError", () => {
    const bad: unknown[] = [
      {},
      { url: "http://localhost" },
      { url: redis.url, client: {} },
      { client: { sendCommand: 1 } },
      { url: redis.url, prefix: "has space" },
      { url: redis.url, leaseMs: 10 },
      { url: redis.url, commandTimeoutMs: 1.5 },
      { url: redis.url, onLeaseLost: "no" },
    ];
    for (const options of bad) {
      expect(() => new RedisStore(options as never), JSON.stringify(options)).toThrow(InvalidOptionError);
    }
  });
});
