import { SonoraError } from "../base/errors/sonora-error.js";

/**
 * Another live process holds a lease this store needs (a shard, or the client id's node sessions)
 * and did not let it go within the wait `open` allows. Two processes were started for the same
 * shard or client id, or the previous owner is still running: stop one of them. A process that died
 * releases nothing, but its lease expires after the lease time, which the wait covers by default.
 */
export class StoreLeaseHeldError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "STORE_LEASE_HELD";
  constructor(
    /** What the lease guards: `shard 3`, or `client shards-0`. */
    readonly resource: string,
    /** Who holds it, as its owner wrote itself (client id, host, process id). */
    readonly holder: string,
    /** How long `open` waited, in ms. */
    readonly waitedMs: number,
  ) {
    super(
      `the lease on ${resource} is held by ${holder} and was not released within ${waitedMs} ms; ` +
        "another process drives it (stop it, or give this one other shards or another clientId)",
    );
  }
}

/**
 * The store's backend cannot be reached when the store is opened (Redis down, a wrong URL, a refused
 * password, the `redis` package missing). Nothing was restored and nothing was written: the client's
 * `start()` rejects with this error, and a later `start()` may succeed once the backend is back.
 */
export class StoreUnavailableError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "STORE_UNAVAILABLE";
  constructor(
    /** The store's kind (`"redis"`). */
    readonly store: string,
    /** What failed. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the ${store} store cannot be reached: ${reason}`, options);
  }
}
