import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type BenchCase,
  type BenchEntry,
  type BenchModule,
  formatReport,
  isReport,
  planModules,
  selectEntries,
} from "../../bench/harness.js";

function timing(name: string): BenchCase {
  return { name, description: name, unit: "items", itemsPerCall: 1, subject: { name: "f", fn: () => 1 } };
}

/** A lazy module that counts how often its setup ran. */
function lazyModule(names: string[]): BenchModule & { setups: number } {
  const module = {
    setups: 0,
    names,
    cases: (): BenchEntry[] => {
      module.setups++;
      return names.map(timing);
    },
  };
  return module;
}

describe("bench: a case module's setup runs only when one of its cases is selected", () => {
  afterEach(() => vi.restoreAllMocks());

  it("calls lazy factories of matching modules only, and still accepts eager arrays", async () => {
    const codec = lazyModule(["codec/decode", "codec/encode"]);
    const simulator = lazyModule(["simulator/player-update-pass", "simulator/real-time-cost"]);
    const eager: BenchModule = { cases: [timing("protocol/validate-mixed")] };
    const helper: BenchModule = {};

    const selected = await selectEntries([codec, simulator, eager, helper], ["codec"]);
    expect(selected.map((e) => e.name)).toEqual(["codec/decode", "codec/encode"]);
    expect(codec.setups).toBe(1);
    expect(simulator.setups).toBe(0);

    const all = await selectEntries([codec, simulator, eager, helper], []);
    expect(all.map((e) => e.name)).toEqual([
      "codec/decode",
      "codec/encode",
      "simulator/player-update-pass",
      "simulator/real-time-cost",
      "protocol/validate-mixed",
    ]);
    expect(simulator.setups).toBe(1);
  });

  it("plans module by module: counts from names, sets each up only when its turn comes", async () => {
    const codec = lazyModule(["codec/decode", "codec/encode"]);
    const queue = lazyModule(["queue/add-batch-100k", "queue/remove-middle-100k"]);
    const eager: BenchModule = { cases: [timing("queue/eager")] };
    const planned = await planModules([codec, queue, eager], ["codec/decode", "queue"]);
    expect(planned.map((m) => m.count)).toEqual([1, 2, 1]);
    expect([codec.setups, queue.setups]).toEqual([0, 0]); // nothing built while planning
    expect((await planned[0]!.build()).map((e) => e.name)).toEqual(["codec/decode"]);
    expect([codec.setups, queue.setups]).toEqual([1, 0]); // the queues do not exist while the codec runs
    expect((await planned[1]!.build()).map((e) => e.name)).toEqual([
      "queue/add-batch-100k",
      "queue/remove-middle-100k",
    ]);
    expect((await planned[2]!.build()).map((e) => e.name)).toEqual(["queue/eager"]);
    expect(await planModules([codec, queue], ["nothing"])).toEqual([]);
  });

  it("refuses a factory returning a case its names do not declare", async () => {
    const liar: BenchModule = { names: ["a/one"], cases: () => [timing("a/one"), timing("a/two")] };
    await expect(selectEntries([liar], [])).rejects.toThrow(/a\/two.*add them to names/);
  });

  it("renders a report's figures next to their targets", () => {
    const report: BenchEntry = { kind: "report", name: "x/cost", description: "d", run: async () => [] };
    expect(isReport(report)).toBe(true);
    expect(isReport(timing("x/y"))).toBe(false);
    if (!isReport(report)) return;
    const text = formatReport(report, [
      { label: "1,000 players: CPU", measured: "1.4 % of one core", target: "< 5 %", met: true },
      { label: "1,000 players: heap", measured: "12.00 KiB/player", target: "< 10 KiB/player", met: false },
    ]);
    expect(text).toMatch(/1,000 players: CPU\s+1\.4 % of one core\s+< 5 %\s+yes/);
    expect(text).toMatch(/heap\s+12\.00 KiB\/player\s+< 10 KiB\/player\s+NO/);
  });

  it("every module in bench/cases imports without doing its setup, and declares its names", async () => {
    const log = vi.spyOn(console, "log");
    const dir = fileURLToPath(new URL("../../bench/cases/", import.meta.url));
    const files = (await readdir(dir)).filter((f) => f.endsWith(".ts") && !f.startsWith("_")).sort();
    expect(files).toEqual(expect.arrayContaining(["codec.ts", "queue.ts", "simulator.ts"]));
    for (const file of files) {
      const module = (await import(pathToFileURL(`${dir}${file}`).href)) as BenchModule;
      if (typeof module.cases === "function") {
        expect(module.names, `${file} names`).toBeDefined();
        expect(module.names?.length, `${file} names`).toBeGreaterThan(0);
      } else {
        expect(Array.isArray(module.cases), `${file} exports cases`).toBe(true);
      }
    }
    // queue.ts prints its memory line during setup: importing alone must not.
    expect(log).not.toHaveBeenCalled();
  });
});
