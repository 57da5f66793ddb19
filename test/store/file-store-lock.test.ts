import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FileStore, StoreLockedError } from "../../src/index.js";
import { player } from "./redis/fixtures.js";

const holder = fileURLToPath(new URL("./fixtures/hold-file-store.ts", import.meta.url));
const GUILD = "123456789012345678";
const scope = { clientId: "default" };

let dirs: string[] = [];
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "sonora-file-lock-"));
  dirs.push(dir);
  return dir;
}

/** A child process holding a FileStore on `dir`; resolves once it has it open. */
async function holdInChild(dir: string) {
  // One process (not the tsx CLI, which runs the script in a child): its pid is the holder's.
  const child = spawn(process.execPath, ["--import", "tsx", holder, dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  cleanup.push(async () => {
    child.kill("SIGKILL");
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("open")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the holder exited early (${code})`)));
  });
  const kill = async () => {
    child.kill("SIGKILL");
    await exited;
  };
  return { pid: child.pid ?? -1, kill };
}

/**
 * Two processes appending to one write-ahead log would interleave it: a FileStore takes a lock
 * beside its files when opened, and a live holder makes every other open fail before it reads.
 */
describe("FileStore: one process per folder and clientId", () => {
  it("a second open of the same files is refused while the first holds them, and allowed after close", async () => {
    const dir = folder();
    const first = new FileStore(dir);
    await first.open(scope);
    await first.write([{ kind: "player", guildId: GUILD, value: player(GUILD) }]);
    const second = new FileStore(dir);
    const error = await second.open(scope).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect(error).toMatchObject({
      code: "STORE_LOCKED",
      path: join(dir, "default.lock"),
      holder: { pid: process.pid, hostname: hostname() },
    });
    // Another clientId in the same folder has its own files and its own lock.
    const other = new FileStore(dir);
    await other.open({ clientId: "shard-1" });
    await other.close();
    await first.close();
    expect(readdirSync(dir)).not.toContain("default.lock");
    const contents = await second.open(scope);
    expect(contents.players.map((p) => p.guildId)).toEqual([GUILD]);
    await second.close();
  });

  it("a live holder in another process refuses the open; once it is SIGKILLed, its stale lock is taken over", async () => {
    const dir = folder();
    const seed = new FileStore(dir);
    await seed.open(scope);
    await seed.write([{ kind: "player", guildId: GUILD, value: player(GUILD, ["kept"]) }]);
    await seed.close();
    const child = await holdInChild(dir);
    const store = new FileStore(dir);
    const error = await store.open(scope).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).holder?.pid).toBe(child.pid);
    await child.kill(); // dies holding the lock: nothing released it
    expect(JSON.parse(readFileSync(join(dir, "default.lock"), "utf8")).pid).toBe(child.pid);
    const contents = await store.open(scope);
    expect(contents.players[0]?.queue.upcoming.map((t) => t.info.identifier)).toEqual(["kept"]);
    expect(JSON.parse(readFileSync(join(dir, "default.lock"), "utf8")).pid).toBe(process.pid);
    await store.close();
    expect(readdirSync(dir).filter((f) => f.includes(".lock"))).toEqual([]);
  });

  it("private files a dead process left behind while taking the lock are cleaned up; a live one's are not", async () => {
    const dir = folder();
    const dead = await holdInChild(dir);
    await dead.kill();
    const leftovers = [`default.lock.${dead.pid}.0123456789abcdef`, `default.lock.stale.${dead.pid}.beef`];
    const live = `default.lock.${process.ppid}.fedcba9876543210`; // our parent: alive
    for (const name of [...leftovers, live]) writeFileSync(join(dir, name), "{}");
    const store = new FileStore(dir);
    await store.open(scope);
    const files = readdirSync(dir);
    for (const name of leftovers) expect(files).not.toContain(name);
    expect(files).toContain(live);
    await store.close();
  });

  it("a lock from before this boot, or one that is not a lock at all, is stale; one from another host is not", async () => {
    const dir = folder();
    const lock = join(dir, "default.lock");
    const live = { pid: process.pid, nonce: "ab", since: "2026-12-03T00:00:00.000Z" };
    writeFileSync(lock, JSON.stringify({ ...live, hostname: hostname(), bootId: "another-boot" }));
    const store = new FileStore(dir);
    const bootId = readBootId();
    if (bootId !== null) {
      await store.open(scope); // the pid is alive (ours) but belongs to another boot
      await store.close();
    }
    writeFileSync(lock, "");
    await store.open(scope); // damaged: nobody can hold it
    await store.close();
    writeFileSync(lock, JSON.stringify({ ...live, hostname: "elsewhere", bootId: null }));
    const error = await store.open(scope).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "STORE_LOCKED", holder: { hostname: "elsewhere" } });
    expect((error as Error).message).toMatch(/delete the lock only if that process is gone/);
  });
});

function readBootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return null;
  }
}
