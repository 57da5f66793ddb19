import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileStore, type StoreChange, StoreCorruptError } from "../../src/index.js";
import { storedNode, storedPlayer } from "./store-contract.js";

const GUILD_A = "300000000000000001";
const GUILD_B = "300000000000000002";
const dirs: string[] = [];

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "sonora-file-damage-"));
  dirs.push(dir);
  return dir;
}

async function written(dir: string, writes: StoreChange[][], options = {}): Promise<void> {
  const store = new FileStore(dir, options);
  await store.open({ clientId: "bot" });
  for (const changes of writes) await store.write(changes);
  await store.close();
}

const put = (guildId: string, volume: number): StoreChange[] => [
  { kind: "player", guildId, value: storedPlayer(guildId, { volume }) },
];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("FileStore after a crash or damage", () => {
  it("drops a torn last line (a write the crash cut short, never acknowledged) and appends after it", async () => {
    const dir = folder();
    await written(dir, [put(GUILD_A, 10), put(GUILD_B, 20)]);
    const log = join(dir, "bot.wal");
    const whole = readFileSync(log);
    // A third write, cut in the middle of its line.
    appendFileSync(log, whole.subarray(0, 40));
    const store = new FileStore(dir);
    const contents = await store.open({ clientId: "bot" });
    expect(contents.players.map((p) => [p.guildId, p.volume])).toEqual([
      [GUILD_A, 10],
      [GUILD_B, 20],
    ]);
    expect(readFileSync(log).length).toBe(whole.length);
    await store.write(put(GUILD_A, 11));
    await store.close();
    const again = await new FileStore(dir).open({ clientId: "bot" });
    expect(again.players.find((p) => p.guildId === GUILD_A)?.volume).toBe(11);
  });

  it("refuses a damaged line followed by good ones with StoreCorruptError naming the line", async () => {
    const dir = folder();
    await written(dir, [put(GUILD_A, 10), put(GUILD_B, 20), put(GUILD_A, 30)]);
    const log = join(dir, "bot.wal");
    const text = readFileSync(log, "utf8").split("\n");
    text[1] = text[1]!.replace('"volume":20', '"volume":21'); // the checksum no longer matches
    writeFileSync(log, text.join("\n"));
    const error = await new FileStore(dir).open({ clientId: "bot" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as StoreCorruptError).location).toMatch(/bot\.wal line 2$/);
    expect((error as StoreCorruptError).reason).toBe("checksum mismatch");
    // Nothing was changed: the damage is still there for a human to look at.
    expect(readFileSync(log, "utf8")).toBe(text.join("\n"));
  });

  it("refuses a damaged snapshot", async () => {
    const dir = folder();
    await written(dir, [put(GUILD_A, 10)], { compactAfterBytes: 1 });
    const snapshot = join(dir, "bot.snapshot");
    const bytes = readFileSync(snapshot);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0x01;
    writeFileSync(snapshot, bytes);
    await expect(new FileStore(dir).open({ clientId: "bot" })).rejects.toBeInstanceOf(StoreCorruptError);
  });

  it("refuses a record of the wrong shape even under a good checksum", async () => {
    const dir = folder();
    const bad = { kind: "player", guildId: GUILD_A, value: { ...storedPlayer(GUILD_A), volume: "loud" } };
    await written(dir, [[bad as unknown as StoreChange]]);
    const error = await new FileStore(dir).open({ clientId: "bot" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as StoreCorruptError).reason).toContain('"volume"');
  });

  it("replays nothing twice when the process died between a compaction's rename and the log's truncation", async () => {
    const dir = folder();
    await written(dir, [put(GUILD_A, 10), put(GUILD_B, 20)]);
    const log = join(dir, "bot.wal");
    const before = readFileSync(log);
    // Compact, then put back the log as it was before the truncation.
    const store = new FileStore(dir, { compactAfterBytes: 1 });
    await store.open({ clientId: "bot" });
    await store.write([{ kind: "player", guildId: GUILD_A, value: null }]);
    await store.close();
    const afterDelete = readFileSync(log);
    expect(afterDelete.length).toBe(0);
    writeFileSync(log, before);
    const contents = await new FileStore(dir).open({ clientId: "bot" });
    // Lines 1 and 2 are older than the snapshot: GUILD_A stays deleted.
    expect(contents.players.map((p) => p.guildId)).toEqual([GUILD_B]);
  });

  it("ignores a snapshot that was being written (the temporary file) and keeps node sessions", async () => {
    const dir = folder();
    await written(dir, [[{ kind: "node", name: "main", value: storedNode("main") }]]);
    writeFileSync(join(dir, "bot.snapshot.tmp"), "half a snap");
    const contents = await new FileStore(dir).open({ clientId: "bot" });
    expect(contents.nodes).toEqual([storedNode("main")]);
  });

  it("refuses options that are not a folder path or a byte count", () => {
    expect(() => new FileStore("")).toThrow(/path/);
    expect(() => new FileStore("x", { compactAfterBytes: 0 })).toThrow(/compactAfterBytes/);
  });
});
