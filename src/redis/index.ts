/**
 * `sonora/redis`: the Redis store, shared by the processes of a sharded bot. Needs the optional peer
 * dependency `redis` (node-redis v5 or later) unless you pass your own client. The main `sonora`
 * entry point never loads it.
 *
 * @module
 */

// ─── Store ───────────────────────────────────────────────────────────────────────────────────────

export type { RedisClientLike } from "./connection.js";
export { RedisStore, type RedisStoreOptions } from "./redis-store.js";

// ─── Errors ──────────────────────────────────────────────────────────────────────────────────────
// The store's other errors (StoreLeaseLostError, StoreWriteError, StoreSchemaError,
// StoreCorruptError) are the ones every store throws: import them from `sonora`.

export { StoreLeaseHeldError, StoreUnavailableError } from "./errors.js";
