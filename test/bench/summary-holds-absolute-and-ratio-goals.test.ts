import { describe, expect, it } from "vitest";
import { type CaseResult, type FnResult, summarizeCase } from "../../bench/harness.js";

function fn(name: string, role: FnResult["role"], nsPerItem: number): FnResult {
  return { name, role, nsPerItem, itemsPerSecond: 1e9 / nsPerItem, spread: 0 };
}

function result(goal: CaseResult["goal"], subjectNs: number): CaseResult {
  return {
    name: "testing/environment",
    description: "d",
    unit: "environments",
    results: [fn("ours", "subject", subjectNs), fn("floor", "floor", 1e6), fn("peer", "peer", 2e6)],
    ...(goal === undefined ? {} : { goal }),
  };
}

describe("bench summary: a case is held to a ratio or to an absolute time per item", () => {
  it("meets an absolute budget when the subject's time per item is within it, ratio still shown", () => {
    const within = summarizeCase(result({ maxNsPerItem: 2.5e6 }, 2.4e6));
    expect(within).toMatchObject({ goal: "≤ 2.50 ms", met: true, ratio: "2.40× floor" });
    expect(within.ours).toBe("2.40 ms/environment");
    expect(within.peers).toBe("peer 2.00 ms");
    expect(summarizeCase(result({ maxNsPerItem: 2.5e6 }, 2.6e6)).met).toBe(false);
  });

  it("keeps ratio goals against the floor or a named peer", () => {
    expect(summarizeCase(result({ maxRatio: 3 }, 2.5e6))).toMatchObject({ goal: "≤ 3×", met: true });
    expect(summarizeCase(result({ maxRatio: 1, versus: "peer" }, 2.5e6))).toMatchObject({
      ratio: "1.25× peer",
      met: false,
    });
    expect(summarizeCase(result(undefined, 2.5e6))).toMatchObject({ goal: "-", met: null });
  });
});
