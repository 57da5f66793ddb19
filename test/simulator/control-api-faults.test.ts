import { describe, expect, it } from "vitest";
import { testSimulator } from "../../src/testing/vitest.js";
import { control, expectError } from "./control-helpers.js";
import { rest } from "./helpers.js";

describe("control API: faults at run time, as sim.faults takes them", () => {
  it("adds, lists, updates and removes a fault; the node acts on each change", async () => {
    const sim = await testSimulator({ control: true });
    const added = await control(sim, "POST", "/faults", {
      id: "flaky-info",
      type: "rest-error",
      status: 502,
      route: "GET /v4/info",
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      id: "flaky-info",
      type: "rest-error",
      status: 502,
      route: "GET /v4/info",
      toxicity: 1,
      direction: "upstream",
      scope: "rest",
    });
    expect(sim.faults.list()).toEqual([added.body]);
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(502);

    const listed = await control(sim, "GET", "/faults");
    expect(listed.body).toEqual([added.body]);

    const updated = await control(sim, "PATCH", "/faults/flaky-info", { status: 503 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: "flaky-info", status: 503 });
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(503);

    expect((await control(sim, "DELETE", "/faults/flaky-info")).status).toBe(204);
    expect(sim.faults.list()).toEqual([]);
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
    // The decisions are marked in the log as for faults added in code.
    const marked = sim.log.entries().filter((e) => e.faults?.some((m) => m.id === "flaky-info"));
    expect(marked.map((e) => e.faults?.[0]?.effect)).toEqual(["502", "503"]);
  });

  it("sets the seed's knobs and clears every fault", async () => {
    const sim = await testSimulator({ control: true });
    const knobs = await control(sim, "PUT", "/faults/knobs", { latencySpike: 0.5, connectionDrop: 0.01 });
    expect(knobs.status).toBe(200);
    expect(knobs.body.map((f: { id: string }) => f.id)).toEqual(["knob:latencySpike", "knob:connectionDrop"]);
    expect((await control(sim, "POST", "/faults", { type: "latency", latency: 20 })).status).toBe(201);
    expect(sim.faults.list()).toHaveLength(3);
    expect((await control(sim, "DELETE", "/faults")).status).toBe(204);
    expect(sim.faults.list()).toEqual([]);
  });

  it("answers bad fault input with typed errors and changes nothing", async () => {
    const sim = await testSimulator({ control: true });
    await control(sim, "POST", "/faults", { id: "one", type: "latency", latency: 10 });
    const cases: [method: string, path: string, body: unknown, status: number, code: string][] = [
      ["POST", "/faults", { type: "warp-drive" }, 400, "FAULT_INVALID"],
      ["POST", "/faults", { type: "latency", latency: -5 }, 400, "FAULT_INVALID"],
      ["POST", "/faults", { type: "latency", toxicity: 2 }, 400, "FAULT_INVALID"],
      ["POST", "/faults", { type: "latency", latncy: 10 }, 400, "SIM_CONTROL_INVALID"],
      ["POST", "/faults", { id: "one", type: "latency" }, 409, "FAULT_DUPLICATE_ID"],
      ["PATCH", "/faults/one", { type: "reset" }, 400, "FAULT_INVALID"],
      ["PATCH", "/faults/one", { latency: "slow" }, 400, "FAULT_INVALID"],
      ["PATCH", "/faults/ghost", { toxicity: 0.5 }, 404, "FAULT_UNKNOWN_ID"],
      ["DELETE", "/faults/ghost", undefined, 404, "FAULT_UNKNOWN_ID"],
      ["PUT", "/faults/knobs", {}, 400, "SIM_CONTROL_INVALID"],
      ["PUT", "/faults/knobs", { packetLoss: 3 }, 400, "FAULT_INVALID"],
      ["PUT", "/faults/knobs", { warp: 0.1 }, 400, "FAULT_INVALID"],
    ];
    for (const [method, path, body, status, code] of cases) {
      const answer = await control(sim, method, path, body);
      const error = expectError(answer, status);
      expect({ method, path, code: error.code }).toEqual({ method, path, code });
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect(sim.faults.list()).toEqual([expect.objectContaining({ id: "one", latency: 10 })]);
  });
});
