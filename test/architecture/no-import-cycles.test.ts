import { describe, expect, it } from "vitest";
import { findCycles, importGraph } from "./import-graph.js";

describe("src has no import cycles", () => {
  it("no module reaches itself through its imports (type-only imports included)", () => {
    const cycles = findCycles(importGraph());
    expect(cycles.map((cycle) => cycle.join(" → "))).toEqual([]);
  });

  it("the cycle finder reports a cycle it is given", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(findCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
  });
});
