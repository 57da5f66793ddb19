import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENTRY_POINTS, type PublicSurface, publicSurface, ROOT } from "./public-surface.js";

/**
 * The checked-in public surface: every name each entry point exports, marked `value` (exists at run
 * time) or `type` (erased). A change to the package's API is a change to this file, so it shows in
 * review. Regenerate after an intended change with:
 *
 *     UPDATE_SURFACE=1 npx vitest run test/architecture/public-surface.test.ts
 */
const SURFACE_FILE = join(ROOT, "test/architecture/public-surface.json");
const REGENERATE = "UPDATE_SURFACE=1 npx vitest run test/architecture/public-surface.test.ts";

function serialise(surface: PublicSurface): string {
  return `${JSON.stringify(surface, null, 2)}\n`;
}

/** One line per difference: `+ sonora: Name (value)`, `- sonora: Name (type)`, `~ …: kind changed`. */
function differences(expected: PublicSurface, actual: PublicSurface): string[] {
  const lines: string[] = [];
  for (const entry of Object.keys(ENTRY_POINTS) as (keyof PublicSurface)[]) {
    const before = expected[entry] ?? {};
    const after = actual[entry];
    for (const [name, kind] of Object.entries(after)) {
      if (!(name in before)) lines.push(`+ ${entry}: ${name} (${kind})`);
      else if (before[name] !== kind) lines.push(`~ ${entry}: ${name} (${before[name]} → ${kind})`);
    }
    for (const [name, kind] of Object.entries(before)) {
      if (!(name in after)) lines.push(`- ${entry}: ${name} (${kind})`);
    }
  }
  return lines;
}

describe("the public surface of each entry point is pinned", () => {
  const actual = publicSurface();

  it("matches test/architecture/public-surface.json exactly", () => {
    if (process.env.UPDATE_SURFACE === "1") writeFileSync(SURFACE_FILE, serialise(actual));
    const expected = JSON.parse(readFileSync(SURFACE_FILE, "utf8")) as PublicSurface;
    const diff = differences(expected, actual);
    expect(
      diff,
      `The package's exports changed:\n${diff.join("\n")}\n` +
        "If this is intended (and CHANGELOG.md says so for removed or renamed names), regenerate with:\n" +
        `  ${REGENERATE}`,
    ).toEqual([]);
    // Same names, same kinds: the file's formatting and order must match too (a stable diff).
    expect(readFileSync(SURFACE_FILE, "utf8")).toBe(serialise(actual));
  });

  it("covers every entry point of package.json and nothing else", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      exports: Record<string, { import: { types: string } }>;
    };
    const fromPackage = Object.entries(pkg.exports)
      .filter(([path]) => path !== "./package.json")
      .map(([path, target]) => [
        path === "." ? "sonora" : `sonora/${path.slice(2)}`,
        // The ESM declarations sit beside the sources' layout; dist/cjs mirrors them for `require`.
        target.import.types.replace(/^\.\/dist\//, "src/").replace(/\.d\.ts$/, ".ts"),
      ]);
    expect(Object.fromEntries(fromPackage)).toEqual(ENTRY_POINTS);
  });

  it("entry points list their exports by name (no `export *`)", () => {
    for (const file of Object.values(ENTRY_POINTS)) {
      const text = readFileSync(join(ROOT, file), "utf8");
      expect(text, file).not.toMatch(/^\s*export\s+(type\s+)?\*/m);
    }
  });

  it("does not export the internals issue #12 named", () => {
    const internals = [
      "assertQueueItem",
      "checkLimit",
      "asFilterError",
      "assertDelay",
      "PositionTracker",
      "NodeRequests",
      "applyOfflineMode",
      "retryDelay",
      "Headers",
      "parseIncomingMessage",
      "isPlayerUpdate",
      "faultTypeOf",
      "FAULT_TYPE_NAMES",
      "TYPE_ATTRIBUTES",
      "specialSyntaxError",
      "parseSpecial",
    ];
    for (const [entry, names] of Object.entries(actual)) {
      expect(
        internals.filter((name) => name in names),
        entry,
      ).toEqual([]);
    }
    // The node pool is public only as the type of `client.nodes`: it cannot be imported as a value.
    expect(actual.sonora.NodePool).toBe("type");
  });
});
