import { type FileHandle, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { SonoraError } from "../../base/errors/sonora-error.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import { checkChanges } from "./changes.js";
import { StoreCorruptError, type StoreLockedError, StoreWriteError } from "./errors.js";
import { decodeLine, encodeLine, splitLines } from "./file-lines.js";
import { FileLock } from "./file-lock.js";
import { checkScope, readStoredNode, readStoredPlayer, scopeOwns } from "./records.js";
import type {
  SonoraStore,
  StoreChange,
  StoreContents,
  StoredNode,
  StoredPlayer,
  StoreScope,
} from "./store.js";

/** Options of {@link FileStore}. */
export interface FileStoreOptions {
  /**
   * Size in bytes the write-ahead log may reach before it is folded into the snapshot (default
   * 4 MiB). Smaller means faster opens and more frequent compactions.
   */
  compactAfterBytes?: number;
}

/** Marks a snapshot file as this store's. */
const SNAPSHOT_FORMAT = "sonora-file-store";

/**
 * A crash-safe store in a folder, with no native dependency. Each client (its `clientId`) has two
 * files there: `<clientId>.wal`, a write-ahead log with one checksummed JSON line per write, fsynced
 * before `write()` resolves; and `<clientId>.snapshot`, the log folded into one line once it grew
 * past `compactAfterBytes` (written to a temporary file, fsynced, renamed over the old one, and the
 * folder fsynced, so a crash leaves either the old snapshot or the new one).
 *
 * After a SIGKILL or a power cut, a torn last line of the log (it has no newline: the write was never
 * acknowledged) is dropped. Anything else that does not check out — a checksum mismatch, a line that
 * is not JSON, a record of the wrong shape — makes `open()` reject with {@link StoreCorruptError}, and
 * a record of a newer schema with `StoreSchemaError`: the store never starts empty in silence. See
 * docs/persistence.md for what to do then.
 *
 * One process per `clientId`: `open()` takes `<clientId>.lock` beside the files and rejects with
 * {@link StoreLockedError} while another live process holds it (two processes appending to one log
 * would interleave it); `close()` gives it back, and a lock left by a process that died on this
 * host is taken over.
 */
export class FileStore implements SonoraStore {
  /** Always `"file"`. */
  readonly kind = "file";
  /** The folder holding the files (absolute). */
  readonly path: string;
  private readonly compactAfterBytes: number;
  private scope: StoreScope | null = null;
  private log: FileHandle | null = null;
  /** Length of the log up to its last acknowledged line. */
  private logSize = 0;
  /** Sequence number of the last write (the snapshot records the one it includes). */
  private seq = 0;
  /** Everything the files hold, to write snapshots from. */
  private readonly players = new Map<string, StoredPlayer>();
  private readonly nodes = new Map<string, StoredNode>();
  /** Writes run one at a time, in call order. */
  private chain: Promise<void> = Promise.resolve();
  /** Set when a failed write could not be taken back: the log's end is unknown until reopened. */
  private broken: Error | null = null;
  /** The lock on the files of the open clientId. */
  private lock: FileLock | null = null;

  /** @param path The folder for this store's files (created when missing). */
  constructor(path: string, options: FileStoreOptions = {}) {
    if (typeof path !== "string" || path.length === 0) {
      throw new InvalidOptionError("path", path, "the path of a folder for the store's files");
    }
    if (typeof options !== "object" || options === null) {
      throw new InvalidOptionError("options", options, "an object { compactAfterBytes? }");
    }
    const limit = options.compactAfterBytes ?? 4 * 1024 * 1024;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new InvalidOptionError("compactAfterBytes", limit, "a whole number of bytes ≥ 1");
    }
    this.path = resolve(path);
    this.compactAfterBytes = limit;
  }

  /**
   * Reads the snapshot and replays the log. Rejects with {@link StoreCorruptError} or
   * `StoreSchemaError` (see the class), and {@link StoreWriteError} when the folder cannot be used.
   */
  async open(scope: StoreScope): Promise<StoreContents> {
    checkScope(scope);
    if (this.log !== null) throw new ClientStateError("the file store is already open; close() it first");
    this.players.clear();
    this.nodes.clear();
    this.seq = 0;
    this.broken = null;
    const files = this.files(scope.clientId);
    await this.io("open the folder", () => mkdir(this.path, { recursive: true }));
    const lock = new FileLock(files.lock);
    await lock.acquire();
    try {
      return await this.load(scope, files);
    } catch (error) {
      await lock.release();
      throw error;
    } finally {
      if (this.log !== null) this.lock = lock;
    }
  }

  private async load(scope: StoreScope, files: ReturnType<FileStore["files"]>): Promise<StoreContents> {
    // A snapshot being written when the process died was never renamed into place: it does not count.
    await rm(files.temp, { force: true }).catch(() => undefined);
    const snapshot = await readOptional(files.snapshot);
    if (snapshot !== null) this.loadSnapshot(snapshot, files.snapshot);
    const log = await readOptional(files.log);
    const validLength = log === null ? 0 : this.replay(log, files.log);
    const handle = await this.io("open the log", () => open(files.log, log === null ? "w+" : "r+"));
    try {
      if (log !== null && validLength < log.length) {
        // Drop the torn line now, or the next line would be appended to it.
        await handle.truncate(validLength);
        await handle.datasync();
      }
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw new StoreWriteError(this.kind, `cannot repair the log's torn end: ${describe(error)}`, {
        cause: error,
      });
    }
    this.log = handle;
    this.logSize = validLength;
    this.scope = scope;
    const players = [...this.players.values()]
      .filter((p) => scopeOwns(scope, p.guildId))
      .map((p) => structuredClone(p));
    return { players, nodes: [...this.nodes.values()].map((n) => structuredClone(n)) };
  }

  /** Appends `changes` as one log line and fsyncs it; resolves once it is on disk. */
  write(changes: readonly StoreChange[]): Promise<void> {
    const run = this.chain.then(() => this.append(changes));
    // The next write waits for this one, whether it failed or not; compaction runs between them.
    this.chain = run.then(
      () => this.compactIfDue(),
      () => undefined,
    );
    return run;
  }

  /** Waits for the writes under way and closes the log; the files stay for the next open(). */
  async close(): Promise<void> {
    await this.chain;
    const log = this.log;
    const lock = this.lock;
    this.log = null;
    this.lock = null;
    this.scope = null;
    await log?.close().catch(() => undefined);
    await lock?.release();
  }

  private async append(changes: readonly StoreChange[]): Promise<void> {
    checkChanges(changes);
    const log = this.log;
    if (log === null)
      throw new StoreWriteError(this.kind, "the store is not open (call open() first, or it was closed)");
    if (this.broken !== null) {
      throw new StoreWriteError(
        this.kind,
        `an earlier failed write left the log unusable: ${this.broken.message}; reopen the store`,
        {
          cause: this.broken,
        },
      );
    }
    const line = encodeLine({ seq: this.seq + 1, changes });
    try {
      await log.write(line, 0, line.length, this.logSize);
      await log.datasync();
    } catch (error) {
      // Take the partial line back so the log ends on an acknowledged line; if even that fails,
      // refuse further writes rather than append after garbage.
      try {
        await log.truncate(this.logSize);
      } catch (truncateError) {
        this.broken = truncateError instanceof Error ? truncateError : new Error(String(truncateError));
      }
      throw new StoreWriteError(this.kind, describe(error), { cause: error });
    }
    this.seq++;
    this.logSize += line.length;
    for (const change of changes) this.apply(change);
  }

  private apply(change: StoreChange): void {
    if (change.kind === "player") {
      if (change.value === null) this.players.delete(change.guildId);
      else this.players.set(change.guildId, structuredClone(change.value));
    } else if (change.value === null) this.nodes.delete(change.name);
    else this.nodes.set(change.name, structuredClone(change.value));
  }

  private async compactIfDue(): Promise<void> {
    if (this.logSize < this.compactAfterBytes || this.log === null || this.scope === null) return;
    const files = this.files(this.scope.clientId);
    const line = encodeLine({
      format: SNAPSHOT_FORMAT,
      seq: this.seq,
      players: [...this.players.values()],
      nodes: [...this.nodes.values()],
    });
    try {
      const temp = await open(files.temp, "w");
      try {
        await temp.write(line, 0, line.length, 0);
        await temp.sync();
      } finally {
        await temp.close();
      }
      await rename(files.temp, files.snapshot);
      await syncFolder(this.path);
      // The snapshot holds every line so far (its seq says so): the log can start again. A crash
      // before this truncation replays nothing twice, since lines up to `seq` are skipped.
      await this.log.truncate(0);
      await this.log.datasync();
      this.logSize = 0;
    } catch {
      // Compaction is an optimisation: on failure the log simply goes on growing, still valid.
      await rm(files.temp, { force: true }).catch(() => undefined);
    }
  }

  private loadSnapshot(data: Buffer, path: string): void {
    const { lines, tail } = splitLines(data);
    const first = lines[0];
    if (first === undefined || lines.length !== 1 || tail !== 0) {
      throw new StoreCorruptError(path, "the snapshot is not exactly one complete line");
    }
    const decoded = decodeLine(first.bytes);
    if (!decoded.ok)
      throw new StoreCorruptError(path, `the snapshot line fails its check (${decoded.reason})`);
    const value = decoded.value as { format?: unknown; seq?: unknown; players?: unknown; nodes?: unknown };
    if (value.format !== SNAPSHOT_FORMAT || !Number.isSafeInteger(value.seq)) {
      throw new StoreCorruptError(path, "not a Sonora file store snapshot");
    }
    if (!Array.isArray(value.players) || !Array.isArray(value.nodes)) {
      throw new StoreCorruptError(path, "the snapshot has no players and nodes lists");
    }
    this.seq = value.seq as number;
    value.players.forEach((p, i) => {
      const player = readStoredPlayer(p, `${path} players[${i}]`);
      this.players.set(player.guildId, player);
    });
    value.nodes.forEach((n, i) => {
      const node = readStoredNode(n, `${path} nodes[${i}]`);
      this.nodes.set(node.name, node);
    });
  }

  /** Replays the log over the snapshot; returns the length of its valid part. */
  private replay(data: Buffer, path: string): number {
    const { lines } = splitLines(data);
    let valid = 0;
    lines.forEach((line, index) => {
      const where = `${path} line ${index + 1}`;
      const decoded = decodeLine(line.bytes);
      if (!decoded.ok) throw new StoreCorruptError(where, decoded.reason);
      const entry = decoded.value as { seq?: unknown; changes?: unknown };
      if (!Number.isSafeInteger(entry.seq) || !Array.isArray(entry.changes)) {
        throw new StoreCorruptError(where, "not a log entry { seq, changes }");
      }
      const seq = entry.seq as number;
      valid = line.end;
      // Already in the snapshot (the process died between the snapshot's rename and the truncation).
      if (seq <= this.seq) return;
      if (seq !== this.seq + 1) throw new StoreCorruptError(where, `entry ${seq} follows entry ${this.seq}`);
      this.seq = seq;
      entry.changes.forEach((raw: unknown, i: number) => {
        this.apply(readChange(raw, `${where} changes[${i}]`));
      });
    });
    // Whatever follows the last newline is a write the crash cut short: never acknowledged, dropped.
    return valid;
  }

  private files(clientId: string): { log: string; snapshot: string; temp: string; lock: string } {
    return {
      lock: join(this.path, `${clientId}.lock`),
      log: join(this.path, `${clientId}.wal`),
      snapshot: join(this.path, `${clientId}.snapshot`),
      temp: join(this.path, `${clientId}.snapshot.tmp`),
    };
  }

  private async io<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof SonoraError) throw error;
      throw new StoreWriteError(this.kind, `cannot ${what} at ${this.path}: ${describe(error)}`, {
        cause: error,
      });
    }
  }
}

/** Checks one change read back from the log (its record migrated like any other). */
function readChange(raw: unknown, where: string): StoreChange {
  const change = raw as { kind?: unknown; guildId?: unknown; name?: unknown; value?: unknown };
  if (typeof raw !== "object" || raw === null) throw new StoreCorruptError(where, "not a change");
  if (change.kind === "player" && typeof change.guildId === "string") {
    return {
      kind: "player",
      guildId: change.guildId,
      value: change.value === null ? null : readStoredPlayer(change.value, where),
    };
  }
  if (change.kind === "node" && typeof change.name === "string") {
    return {
      kind: "node",
      name: change.name,
      value: change.value === null ? null : readStoredNode(change.value, where),
    };
  }
  throw new StoreCorruptError(where, "not a player or node change");
}

/** The file's bytes, or null when it does not exist. */
async function readOptional(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new StoreWriteError("file", `cannot read ${path}: ${describe(error)}`, { cause: error });
  }
}

/** Makes a rename durable: fsync the folder (not possible on every platform; skipped there). */
async function syncFolder(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, "r");
    await handle.sync();
  } catch {
    // Windows cannot open a folder for fsync; its renames are durable through other means.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
