import { randomBytes } from "node:crypto";
import { link, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { StoreLockedError, StoreWriteError } from "./errors.js";

/** Rounds of "link, else look at the lock" before giving up on a contended lock. */
const MAX_ATTEMPTS = 5;

/** What a lock file says of its holder. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** Linux boot id when known: a lock from before a reboot is stale whatever its pid says. */
  bootId: string | null;
  /** Unique per acquisition, so a process never releases a lock it does not hold. */
  nonce: string;
  since: string;
}

/**
 * One process per store files: a lock file beside them, created atomically with its content
 * (written to a private file, then hard-linked into place, which fails if the lock exists), so a
 * reader never sees a half-written lock. A lock whose holder is gone (a dead pid on this host, or
 * a boot before this one) is stale and taken over; any other lock refuses the open.
 */
export class FileLock {
  private held: LockHolder | null = null;

  constructor(private readonly path: string) {}

  /** Takes the lock, or rejects with {@link StoreLockedError} while a live process holds it. */
  async acquire(): Promise<void> {
    const me: LockHolder = {
      pid: process.pid,
      hostname: hostname(),
      bootId: await readBootId(),
      nonce: randomBytes(8).toString("hex"),
      since: new Date().toISOString(),
    };
    const text = `${JSON.stringify(me)}\n`;
    const temp = `${this.path}.${process.pid}.${me.nonce}`;
    try {
      await removeLeftovers(this.path, me);
      await writePrivate(temp, text);
      let last: LockHolder | null = null;
      // A few rounds: a stale lock is moved aside, then the link is tried again.
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        if (await createExclusive(temp, this.path, text)) {
          this.held = me;
          return;
        }
        const current = await readLock(this.path);
        if (current === "gone") continue;
        if (current !== null && (await isLive(current, me))) throw new StoreLockedError(this.path, current);
        last = current;
        await this.removeStale(current);
      }
      // Other processes kept replacing the lock: someone else is taking the store right now.
      throw new StoreLockedError(this.path, last);
    } catch (error) {
      if (error instanceof StoreLockedError) throw error;
      throw new StoreWriteError("file", `cannot take the lock ${this.path}: ${describe(error)}`, {
        cause: error,
      });
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** Gives the lock back, if this process still holds it. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = null;
    if (held === null) return;
    const current = await readLock(this.path).catch(() => null);
    if (current !== null && current !== "gone" && current.nonce === held.nonce) {
      await unlink(this.path).catch(() => undefined);
    }
  }

  /**
   * Moves a stale lock aside under a private name, then checks it is the one judged stale: if
   * another process replaced it meanwhile with its own (live) lock, that one is put back.
   */
  private async removeStale(stale: LockHolder | null): Promise<void> {
    const aside = `${this.path}.stale.${process.pid}.${randomBytes(4).toString("hex")}`;
    try {
      await rename(this.path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // someone else removed it
      throw error;
    }
    const moved = await readLock(aside);
    const same = moved === null || moved === "gone" ? stale === null : moved.nonce === stale?.nonce;
    if (!same) await link(aside, this.path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
  }
}

/**
 * Private lock files (`<lock>.<pid>.<nonce>`, `<lock>.stale.<pid>.<hex>`) of processes that died
 * between writing one and removing it: deleted when their pid is gone from this host.
 */
async function removeLeftovers(lockPath: string, me: LockHolder): Promise<void> {
  const folder = dirname(lockPath);
  const prefix = `${basename(lockPath)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(?:stale\.)?(\d+)\.[0-9a-f]+$/.exec(name.slice(prefix.length));
    if (match === null) continue;
    const owner = { ...me, pid: Number(match[1]), bootId: null };
    if (owner.pid !== process.pid && !(await isLive(owner, me))) {
      await unlink(join(folder, name)).catch(() => undefined);
    }
  }
}

/** Writes `text` to a new file only this process names, and flushes it. */
async function writePrivate(path: string, text: string): Promise<void> {
  const file = await open(path, "wx");
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Creates the lock with its content in one step: a hard link to the private file, which fails if
 * the lock exists. Resolves false when it exists. On a filesystem without hard links, an exclusive
 * create and a write (a reader may then see it empty for a moment, and takes it for damaged).
 */
async function createExclusive(temp: string, path: string, text: string): Promise<boolean> {
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP") throw error;
  }
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  return true;
}

/** The lock's holder; null when the file is unreadable as a lock (damaged: stale); "gone" when missing. */
async function readLock(path: string): Promise<LockHolder | null | "gone"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (
      typeof value.pid === "number" &&
      typeof value.hostname === "string" &&
      typeof value.nonce === "string" &&
      typeof value.since === "string"
    ) {
      return {
        pid: value.pid,
        hostname: value.hostname,
        bootId: typeof value.bootId === "string" ? value.bootId : null,
        nonce: value.nonce,
        since: value.since,
      };
    }
  } catch {
    // not JSON: fall through
  }
  return null;
}

/** Whether `holder` may still be running: another host always may; here, its pid must be alive. */
async function isLive(holder: LockHolder, me: LockHolder): Promise<boolean> {
  if (holder.hostname !== me.hostname) return true;
  if (holder.bootId !== null && me.bootId !== null && holder.bootId !== me.bootId) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A dead child not yet reaped by its parent still answers kill(0): Linux shows it as a zombie.
  const stat = await readFile(`/proc/${holder.pid}/stat`, "utf8").catch(() => null);
  return stat === null || !/^\d+ \(.*\) Z /s.test(stat);
}

async function readBootId(): Promise<string | null> {
  const id = await readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => null);
  return id === null ? null : id.trim();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
