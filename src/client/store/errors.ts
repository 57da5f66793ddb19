import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * A store holds something that is not what it wrote: a checksum that does not match, a line that is
 * not JSON, a record of the wrong shape. Raised when the store is opened, so nothing is restored from
 * a damaged store and nothing is silently dropped: move the damaged file aside (or repair it) and start
 * again. A torn last line after a crash is not corruption (it was never acknowledged) and is ignored.
 */
export class StoreCorruptError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "STORE_CORRUPT";
  constructor(
    /** Where the damage is: a file path with its line number, or a Redis key. */
    readonly location: string,
    /** What is wrong there. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the store is damaged at ${location}: ${reason}; nothing was restored from it`, options);
  }
}

/**
 * A record was written by a newer version of Sonora (a higher schema version than this one knows).
 * It is refused rather than read as something it is not; upgrade Sonora, or move the store aside.
 */
export class StoreSchemaError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "STORE_SCHEMA";
  constructor(
    /** Where the record is (file and line, or key). */
    readonly location: string,
    /** The record's schema version. */
    readonly found: number,
    /** The newest schema version this Sonora reads. */
    readonly supported: number,
  ) {
    super(
      `the store record at ${location} has schema version ${found}, newer than the ${supported} this ` +
        "version of Sonora reads; upgrade Sonora or move the store aside",
    );
  }
}

/**
 * A change could not be made durable (a full disk, an I/O error, a closed store, Redis down). The
 * command whose durability it was rejects with it; the player's state in memory is kept and written
 * again with the next change, so nothing is lost once the store works again.
 */
export class StoreWriteError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "STORE_WRITE";
  constructor(
    /** The store's kind (`"file"`, `"redis"`, …). */
    readonly store: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`the ${store} store could not write: ${message}`, options);
  }
}

/**
 * A shared store refused a write for a guild whose shard this process no longer owns (its lease
 * expired and another process took it). This process must stop driving that guild.
 */
export class StoreLeaseLostError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "STORE_LEASE_LOST";
  constructor(
    /** The shard whose lease was lost. */
    readonly shard: number,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? `the lease on shard ${shard} was lost: another process owns its guilds now`, options);
  }
}
