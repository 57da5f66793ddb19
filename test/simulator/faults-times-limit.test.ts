import { describe, expect, it } from "vitest";
import { parseFaultFlag } from "../../src/simulator/faults/parse-flag.js";
import { FaultError } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest } from "./helpers.js";

/**
 * `times` caps how many frames or exchanges a fault hits (msw's `once` is `times: 1`): the one-shot
 * fault a test of a retry or a recovery needs, without a listener that removes it after the fact.
 */
describe("a fault with times hits at most that many units, then does nothing more", () => {
  it("times: 1 on a route: the first matching request is hit, the next ones pass; the fault stays listed", async () => {
    const sim = await testSimulator({ seed: 3 });
    const fault = sim.faults.add({ type: "rest-error", status: 503, route: "GET /v4/info", times: 1 });
    expect(fault).toMatchObject({ times: 1, toxicity: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await rest(sim, "GET", "/v4/info")).status);
    expect(statuses).toEqual([503, 200, 200, 200]);
    expect(sim.faults.decisions.filter((d) => d.id === fault.id)).toHaveLength(1);
    expect(sim.faults.list().map((f) => f.id)).toEqual([fault.id]);
  });

  it("with toxicity < 1, exactly `times` hits, at the same requests for the same seed", async () => {
    const hitsFor = async (seed: number) => {
      const sim = await testSimulator({ seed });
      sim.faults.add({
        id: "flaky",
        type: "rest-error",
        status: 503,
        route: "GET /v4/info",
        toxicity: 0.5,
        times: 3,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await rest(sim, "GET", "/v4/info")).status);
      return statuses.flatMap((s, i) => (s === 503 ? [i] : []));
    };
    const first = await hitsFor(5);
    expect(first).toHaveLength(3);
    expect(await hitsFor(5)).toEqual(first);
  });

  it("raising times with update lets a spent fault act again; its earlier hits count", async () => {
    const sim = await testSimulator({ seed: 3 });
    sim.faults.add({ id: "once", type: "rest-error", status: 503, route: "GET /v4/info", times: 1 });
    const status = async () => (await rest(sim, "GET", "/v4/info")).status;
    expect([await status(), await status()]).toEqual([503, 200]);
    sim.faults.update("once", { times: 2 });
    expect([await status(), await status()]).toEqual([503, 200]);
    sim.faults.update("once", { times: undefined }); // back to no limit
    expect([await status(), await status()]).toEqual([503, 503]);
  });

  it("refuses a times that is not a whole number ≥ 1, in add, update and the --fault flag", async () => {
    const sim = await testSimulator({ seed: 3 });
    for (const times of [0, -1, 1.5, Number.NaN, "2"]) {
      expect(() => sim.faults.add({ type: "reset", times: times as number })).toThrow(FaultError);
    }
    sim.faults.add({ id: "r", type: "reset", route: "GET /version" });
    expect(() => sim.faults.update("r", { times: 0 })).toThrow(/times must be a whole number ≥ 1/);
    expect(parseFaultFlag("reset:times=1,route=PATCH /v4/sessions/*/players/*")).toEqual({
      kind: "fault",
      spec: { type: "reset", times: 1, route: "PATCH /v4/sessions/*/players/*" },
    });
    expect(() => parseFaultFlag("reset:times=zero")).toThrow(FaultError);
  });
});
