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

/** Who holds a store's lock, as its holder wrote it. */
export interface StoreLockHolder {
  pid: number;
  hostname: string;
  /** When it took the lock (ISO 8601). */
  since: string;
}

/**
 * Another process holds the store's files (a `FileStore` on the same folder and `clientId`): two
 * processes appending to one log would interleave it. Raised by `open()`, so by `client.start()`,
 * before anything is read or written. A lock left by a process that died on this host is taken over
 * by itself; a lock from another host (a shared folder) is not, since its process cannot be checked:
 * stop that process, or delete the lock file if it is gone for good.
 */
export class StoreLockedError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "STORE_LOCKED";
  /** The holder the lock names; null when the lock kept changing hands while this one tried. */
  readonly holder: StoreLockHolder | null;
  constructor(
    /** The lock file. */
    readonly path: string,
    holder: StoreLockHolder | null,
  ) {
    super(
      holder === null
        ? `the store lock ${path} is being taken by other processes; only one process may use these files`
        : `the store lock ${path} is held by process ${holder.pid} on ${holder.hostname} (since ${holder.since}); ` +
            "stop that process, or give this one another clientId (delete the lock only if that process is gone)",
    );
    this.holder =
      holder === null ? null : { pid: holder.pid, hostname: holder.hostname, since: holder.since };
  }
}
