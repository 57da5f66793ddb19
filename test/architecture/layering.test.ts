import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importGraph, SRC } from "./import-graph.js";

const graph = importGraph();

/** Imports from files under `from` into files outside the allowed folders. */
function importsOutside(from: string, allowed: string[]): string[] {
  const found: string[] = [];
  for (const [file, imports] of graph) {
    if (!file.startsWith(from)) continue;
    for (const target of imports) {
      if (!allowed.some((folder) => target.startsWith(folder))) found.push(`${file} → ${target}`);
    }
  }
  return found;
}

describe("the layers of src import only downwards", () => {
  it("src/base imports nothing of ours outside base", () => {
    expect(importsOutside("base/", ["base/"])).toEqual([]);
  });

  it("src/protocol imports only protocol and base", () => {
    expect(importsOutside("protocol/", ["protocol/", "base/"])).toEqual([]);
  });

  it("src/client never imports the simulator, the mock factory, the testing kit or the CLI", () => {
    const forbidden = ["simulator/", "mock/", "testing/", "cli/", "prometheus/"];
    const found: string[] = [];
    for (const [file, imports] of graph) {
      if (!file.startsWith("client/")) continue;
      for (const target of imports)
        if (forbidden.some((f) => target.startsWith(f))) found.push(`${file} → ${target}`);
    }
    expect(found).toEqual([]);
  });

  it("src/redis builds on the client's store contract only (no simulator, mock, testing or cli)", () => {
    expect(importsOutside("redis/", ["redis/", "client/", "protocol/", "base/"])).toEqual([]);
  });

  it("only src/redis loads the redis package, and nothing outside src/redis imports src/redis", () => {
    const loadsRedis = /\b(?:from\s*|import\(\s*|import\s+)["'](?:redis|@redis\/[^"']+)["']/;
    const offenders: string[] = [];
    for (const file of graph.keys()) {
      if (file.startsWith("redis/")) continue;
      if (loadsRedis.test(readFileSync(join(SRC, file), "utf8"))) offenders.push(`${file} loads redis`);
      for (const target of graph.get(file) ?? [])
        if (target.startsWith("redis/")) offenders.push(`${file} → ${target}`);
    }
    expect(offenders).toEqual([]);
    // The check itself sees the one place that does load it.
    expect(loadsRedis.test(readFileSync(join(SRC, "redis/connection.ts"), "utf8"))).toBe(true);
  });

  it("the graph covers every layer (the checks above are not vacuous)", () => {
    const folders = new Set([...graph.keys()].map((file) => file.split("/")[0]));
    for (const folder of ["base", "protocol", "client", "simulator", "testing"])
      expect(folders).toContain(folder);
    expect(graph.get("client/client.ts")).toContain("client/player/player.ts");
  });
});
