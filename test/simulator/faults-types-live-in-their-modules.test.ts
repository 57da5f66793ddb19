import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FAULT_TYPE_NAMES, faultTypeOf, TYPE_ATTRIBUTES } from "../../src/simulator/faults/registry.js";

const SIMULATOR = fileURLToPath(new URL("../../src/simulator", import.meta.url));
const TYPE_MODULES = join(SIMULATOR, "faults/types");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("each fault type lives in its own module, listed once in the registry", () => {
  it("the registry lists every module under faults/types, each under its own type name", () => {
    expect(FAULT_TYPE_NAMES).toHaveLength(readdirSync(TYPE_MODULES).length);
    for (const name of FAULT_TYPE_NAMES) {
      expect(faultTypeOf(name)?.type).toBe(name);
      expect(readdirSync(TYPE_MODULES)).toContain(`${name}.ts`);
    }
    expect(faultTypeOf("toString")).toBeUndefined();
    expect(faultTypeOf(undefined)).toBeUndefined();
  });

  it("no code outside a type's module switches over fault types", () => {
    const cases = new RegExp(`case "(${FAULT_TYPE_NAMES.join("|")})"`);
    const offenders = sourceFiles(SIMULATOR).filter(
      (file) => !file.startsWith(TYPE_MODULES) && cases.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("an attribute name two types share is written the same way on the command line", () => {
    for (const name of FAULT_TYPE_NAMES) {
      for (const [attribute, kind] of Object.entries(faultTypeOf(name)?.attributes ?? {})) {
        expect(TYPE_ATTRIBUTES.get(attribute), `${name}.${attribute}`).toBe(kind);
      }
    }
  });
});
