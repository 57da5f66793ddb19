import { afterEach, describe, expect, it } from "vitest";
import {
  InvalidOptionError,
  type SonoraStore,
  STORE_SCHEMA_VERSION,
  type StoredNode,
  type StoredPlayer,
  StoreSchemaError,
} from "../../src/index.js";

/**
 * What a store's contract test needs: stores over one shared backing (a folder, a Redis prefix, one
 * MemoryStore instance), so a record written through one is read back through the next, as by a
 * restarted process.
 */
export interface StoreHarness {
  /** A store over the harness's backing (a new instance each time where the kind allows). */
  store(): SonoraStore;
  /** Removes the backing (files, keys). */
  cleanup(): Promise<void>;
}

/** A player record for guild `guildId` (a valid snowflake) with `overrides`. */
export function storedPlayer(guildId: string, overrides: Partial<StoredPlayer> = {}): StoredPlayer {
  const track = (id: string) => ({
    encoded: `QAAA${id}`,
    info: {
      identifier: id,
      isSeekable: true,
      author: "Artist",
      length: 180_000,
      isStream: false,
      position: 0,
      title: `Title ${id}`,
      uri: null,
      artworkUrl: null,
      isrc: null,
      sourceName: "youtube",
    },
    pluginInfo: {},
    userData: { requester: "7" },
  });
  return {
    schema: STORE_SCHEMA_VERSION,
    guildId,
    node: "main",
    nodeSessionId: "abcdefgh",
    voice: { channelId: "400000000000000001", sessionId: "s", token: "t", endpoint: "e" },
    track: track("current"),
    position: 12_345,
    positionAt: 1_700_000_000_000,
    paused: false,
    volume: 80,
    filters: { timescale: { speed: 1.25 } },
    queue: { upcoming: [track("a"), track("b")], history: [track("h")], loop: "queue" },
    autoplay: { enabled: true, strategy: "mixed" },
    ...overrides,
  };
}

/** A node record named `name`. */
export function storedNode(name: string, overrides: Partial<StoredNode> = {}): StoredNode {
  return {
    schema: STORE_SCHEMA_VERSION,
    name,
    sessionId: `session-${name}`,
    resumeTimeout: 60,
    savedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** Guild ids on shards 0 and 1 of 2 (`(id >> 22) % 2`). */
const SHARD0 = String(4n << 22n);
const SHARD1 = String(5n << 22n);

/**
 * The contract every {@link SonoraStore} keeps, as a vitest suite: what is written is read back by
 * the next store over the same backing, in order, per scope, migrated, and newer schemas refused.
 */
export function describeStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`${name}: the SonoraStore contract`, () => {
    let harness: StoreHarness | null = null;
    const open: SonoraStore[] = [];
    const fresh = async (): Promise<StoreHarness> => {
      harness = await makeHarness();
      return harness;
    };
    const storeOf = (h: StoreHarness) => {
      const store = h.store();
      open.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close().catch(() => undefined);
      await harness?.cleanup();
      harness = null;
    });

    it("opens empty, then reads back what a previous store wrote (a restart)", async () => {
      const h = await fresh();
      const first = storeOf(h);
      expect(await first.open({ clientId: "bot" })).toEqual({ players: [], nodes: [] });
      const player = storedPlayer(SHARD0);
      await first.write([
        { kind: "player", guildId: SHARD0, value: player },
        { kind: "node", name: "main", value: storedNode("main") },
      ]);
      await first.close();
      const second = storeOf(h);
      const contents = await second.open({ clientId: "bot" });
      expect(contents.players).toEqual([player]);
      expect(contents.nodes).toEqual([storedNode("main")]);
    });

    it("applies the changes of a write in order, and deletes with null", async () => {
      const h = await fresh();
      const store = storeOf(h);
      await store.open({ clientId: "bot" });
      await store.write([
        { kind: "player", guildId: SHARD0, value: storedPlayer(SHARD0, { volume: 1 }) },
        { kind: "player", guildId: SHARD0, value: null },
        { kind: "player", guildId: SHARD1, value: null },
        { kind: "player", guildId: SHARD1, value: storedPlayer(SHARD1, { volume: 2 }) },
        { kind: "node", name: "main", value: storedNode("main") },
        { kind: "node", name: "main", value: null },
      ]);
      await store.close();
      const contents = await storeOf(h).open({ clientId: "bot" });
      expect(contents.players.map((p) => [p.guildId, p.volume])).toEqual([[SHARD1, 2]]);
      expect(contents.nodes).toEqual([]);
    });

    it("keeps the last of many concurrent writes, each durable when it resolves", async () => {
      const h = await fresh();
      const store = storeOf(h);
      await store.open({ clientId: "bot" });
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store.write([{ kind: "player", guildId: SHARD0, value: storedPlayer(SHARD0, { volume: i }) }]),
        ),
      );
      await store.close();
      const contents = await storeOf(h).open({ clientId: "bot" });
      expect(contents.players.map((p) => p.volume)).toEqual([39]);
    });

    it("returns only the guilds of the scope's shards, and node sessions per client id", async () => {
      const h = await fresh();
      const store = storeOf(h);
      await store.open({ clientId: "bot" });
      await store.write([
        { kind: "player", guildId: SHARD0, value: storedPlayer(SHARD0) },
        { kind: "player", guildId: SHARD1, value: storedPlayer(SHARD1) },
        { kind: "node", name: "main", value: storedNode("main") },
      ]);
      await store.close();
      const shard1 = storeOf(h);
      const contents = await shard1.open({ clientId: "bot", shards: { ids: [1], count: 2 } });
      expect(contents.players.map((p) => p.guildId)).toEqual([SHARD1]);
      await shard1.close();
      const other = storeOf(h);
      expect((await other.open({ clientId: "other-bot" })).nodes).toEqual([]);
    });

    it("migrates a record of an older schema (no schema field) when it is read", async () => {
      const h = await fresh();
      const store = storeOf(h);
      await store.open({ clientId: "bot" });
      const { schema: _schema, autoplay: _autoplay, positionAt: _at, ...old } = storedPlayer(SHARD0);
      await store.write([{ kind: "player", guildId: SHARD0, value: old as unknown as StoredPlayer }]);
      await store.close();
      const [player] = (await storeOf(h).open({ clientId: "bot" })).players;
      expect(player).toMatchObject({ schema: STORE_SCHEMA_VERSION, autoplay: {}, positionAt: 0, volume: 80 });
    });

    it("refuses a record of a newer schema with StoreSchemaError, never reading it as something else", async () => {
      const h = await fresh();
      const store = storeOf(h);
      await store.open({ clientId: "bot" });
      const future = { ...storedPlayer(SHARD0), schema: STORE_SCHEMA_VERSION + 1 };
      await store.write([{ kind: "player", guildId: SHARD0, value: future }]);
      await store.close();
      const error = await storeOf(h)
        .open({ clientId: "bot" })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(StoreSchemaError);
      expect((error as StoreSchemaError).found).toBe(STORE_SCHEMA_VERSION + 1);
    });

    it("refuses a bad scope with InvalidOptionError, and writes before open", async () => {
      const h = await fresh();
      const store = storeOf(h);
      await expect(store.open({ clientId: "no spaces" })).rejects.toBeInstanceOf(InvalidOptionError);
      await expect(store.open({ clientId: "bot", shards: { ids: [2], count: 2 } })).rejects.toBeInstanceOf(
        InvalidOptionError,
      );
      await expect(
        store.write([{ kind: "player", guildId: SHARD0, value: storedPlayer(SHARD0) }]),
      ).rejects.toThrow();
    });
  });
}
