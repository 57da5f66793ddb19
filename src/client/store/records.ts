import { InvalidOptionError } from "../errors/invalid-option-error.js";
import { StoreCorruptError, StoreSchemaError } from "./errors.js";
import {
  STORE_SCHEMA_VERSION,
  type StoredNode,
  type StoredPlayer,
  type StoredTrack,
  type StoredVoice,
  type StoreScope,
} from "./store.js";

// Reading records back is the one place a store's bytes become objects the client trusts: every
// store (memory, file, Redis) passes what it reads through here, so a damaged or foreign record
// is refused the same way everywhere, and every older schema is migrated the same way.

/** The shard of a guild: `(guildId >> 22) % count`, Discord's rule. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** Whether `scope` owns `guildId` (every guild when it names no shards). */
export function scopeOwns(scope: StoreScope, guildId: string): boolean {
  if (scope.shards === undefined) return true;
  return scope.shards.ids.includes(shardOf(guildId, scope.shards.count));
}

/**
 * One migration step per older schema: `MIGRATIONS[v]` turns a version-`v` record into a
 * version-`v + 1` one. Version 0 is a record without a `schema` field (written before versions
 * were recorded, or by hand): the fields added since get their defaults.
 */
const PLAYER_MIGRATIONS: Readonly<
  Record<number, (record: Record<string, unknown>) => Record<string, unknown>>
> = {
  0: (record) => ({
    ...record,
    schema: 1,
    nodeSessionId: record.nodeSessionId ?? null,
    positionAt: record.positionAt ?? 0,
    filters: record.filters ?? {},
    autoplay: record.autoplay ?? {},
    queue: { upcoming: [], history: [], loop: "off", ...(record.queue as object | undefined) },
  }),
};

const NODE_MIGRATIONS: Readonly<
  Record<number, (record: Record<string, unknown>) => Record<string, unknown>>
> = {
  0: (record) => ({ ...record, schema: 1, savedAt: record.savedAt ?? 0 }),
};

/** Brings a record to {@link STORE_SCHEMA_VERSION}; refuses a newer one. */
function migrate(
  value: unknown,
  location: string,
  steps: Readonly<Record<number, (record: Record<string, unknown>) => Record<string, unknown>>>,
): Record<string, unknown> {
  if (!isObject(value)) throw new StoreCorruptError(location, "the record is not a JSON object");
  let record = value;
  const version = record.schema === undefined ? 0 : record.schema;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new StoreCorruptError(
      location,
      `the schema version ${JSON.stringify(version)} is not a whole number`,
    );
  }
  if (version > STORE_SCHEMA_VERSION) throw new StoreSchemaError(location, version, STORE_SCHEMA_VERSION);
  for (let v = version; v < STORE_SCHEMA_VERSION; v++) {
    const step = steps[v];
    if (step === undefined) throw new StoreCorruptError(location, `no migration from schema version ${v}`);
    record = step(record);
  }
  return record;
}

/**
 * Checks and migrates a player record read from a store. Throws {@link StoreSchemaError} for a
 * newer schema and {@link StoreCorruptError} for anything that is not a player record.
 */
export function readStoredPlayer(value: unknown, location: string): StoredPlayer {
  const r = migrate(value, location, PLAYER_MIGRATIONS);
  const bad = (field: string, expected: string): never => {
    throw new StoreCorruptError(location, `player field "${field}" is not ${expected}`);
  };
  if (typeof r.guildId !== "string" || !/^\d{1,20}$/.test(r.guildId)) bad("guildId", "a snowflake string");
  if (typeof r.node !== "string") bad("node", "a string");
  if (r.nodeSessionId !== null && typeof r.nodeSessionId !== "string")
    bad("nodeSessionId", "a string or null");
  if (!isVoice(r.voice)) bad("voice", "a voice state");
  if (r.track !== null && !isTrack(r.track)) bad("track", "a track or null");
  if (!isFiniteNumber(r.position) || (r.position as number) < 0) bad("position", "a number ≥ 0");
  if (!isFiniteNumber(r.positionAt)) bad("positionAt", "a time in ms");
  if (typeof r.paused !== "boolean") bad("paused", "a boolean");
  if (!isFiniteNumber(r.volume)) bad("volume", "a number");
  if (!isObject(r.filters)) bad("filters", "an object");
  if (!isObject(r.autoplay)) bad("autoplay", "an object");
  const queue = r.queue;
  if (!isObject(queue)) return bad("queue", "an object");
  if (!Array.isArray(queue.upcoming) || !queue.upcoming.every(isTrack))
    bad("queue.upcoming", "a list of tracks");
  if (!Array.isArray(queue.history) || !queue.history.every(isTrack))
    bad("queue.history", "a list of tracks");
  if (queue.loop !== "off" && queue.loop !== "track" && queue.loop !== "queue")
    bad("queue.loop", "a loop mode");
  return r as unknown as StoredPlayer;
}

/** Checks and migrates a node record read from a store (see {@link readStoredPlayer}). */
export function readStoredNode(value: unknown, location: string): StoredNode {
  const r = migrate(value, location, NODE_MIGRATIONS);
  const bad = (field: string, expected: string): never => {
    throw new StoreCorruptError(location, `node field "${field}" is not ${expected}`);
  };
  if (typeof r.name !== "string") bad("name", "a string");
  if (typeof r.sessionId !== "string" || r.sessionId.length === 0) bad("sessionId", "a session id");
  if (!isFiniteNumber(r.resumeTimeout) || (r.resumeTimeout as number) < 0)
    bad("resumeTimeout", "seconds ≥ 0");
  if (!isFiniteNumber(r.savedAt)) bad("savedAt", "a time in ms");
  return r as unknown as StoredNode;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value);
}

function isNullableString(value: unknown): boolean {
  return value === null || typeof value === "string";
}

function isVoice(value: unknown): value is StoredVoice {
  return (
    isObject(value) &&
    isNullableString(value.channelId) &&
    isNullableString(value.sessionId) &&
    isNullableString(value.token) &&
    isNullableString(value.endpoint)
  );
}

function isTrack(value: unknown): value is StoredTrack {
  if (!isObject(value) || typeof value.encoded !== "string" || !isObject(value.info)) return false;
  const info = value.info;
  return (
    typeof info.identifier === "string" &&
    typeof info.title === "string" &&
    typeof info.author === "string" &&
    typeof info.length === "number" &&
    (value.pluginInfo === undefined || isObject(value.pluginInfo)) &&
    (value.userData === undefined || isObject(value.userData))
  );
}

/** Checks the scope a store is opened with; every store refuses the same bad scopes. */
export function checkScope(scope: unknown): StoreScope {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new InvalidOptionError(`store scope.${field}`, value, expected);
  };
  if (!isObject(scope)) return fail("", scope, "an object { clientId, shards? }");
  if (typeof scope.clientId !== "string" || !/^[A-Za-z0-9._-]{1,100}$/.test(scope.clientId)) {
    fail("clientId", scope.clientId, "1 to 100 letters, digits, '.', '_' or '-'");
  }
  if (scope.shards !== undefined) {
    const shards = scope.shards;
    if (!isObject(shards)) return fail("shards", shards, "an object { ids, count }");
    const count = shards.count;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1) {
      return fail("shards.count", count, "a whole number ≥ 1");
    }
    const ids = shards.ids;
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      !ids.every((id) => Number.isInteger(id) && id >= 0 && id < count)
    ) {
      fail("shards.ids", ids, `a non-empty list of shard numbers from 0 to ${count - 1}`);
    }
  }
  return scope as unknown as StoreScope;
}
