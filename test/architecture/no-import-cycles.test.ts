import { describe, expect, it } from "vitest";
import { findCycles, importGraph } from "./import-graph.js";

/**
 * Cycles known to exist and owned by another change. TODO(simfaults branch): the simulator's
 * transport and fault hook import each other today; the simfaults refactor removes that cycle, and
 * this exception goes with it at merge.
 */
const KNOWN_CYCLES = [["simulator/faults/hook.ts", "simulator/transport/transport.ts"]];

const isKnown = (cycle: string[]) =>
  KNOWN_CYCLES.some((known) => known.length === new Set(cycle).size && known.every((f) => cycle.includes(f)));

describe("src has no import cycles", () => {
  it("no module reaches itself through its imports (type-only imports included)", () => {
    const cycles = findCycles(importGraph()).filter((cycle) => !isKnown(cycle));
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
