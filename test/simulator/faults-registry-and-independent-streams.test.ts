import { describe, expect, it } from "vitest";
import { FaultError } from "../../src/simulator/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest } from "./helpers.js";

describe("sim.faults: adding, listing and removing faults; one random stream per fault", () => {
  it("add fills in defaults and returns a handle; remove, clear, list and the knobs behave", async () => {
    const sim = await testSimulator();
    const spike = sim.faults.add({
      type: "latency",
      latency: 50,
      jitter: 10,
      toxicity: 1,
      direction: "downstream",
    });
    expect(spike).toEqual({
      type: "latency",
      latency: 50,
      jitter: 10,
      id: "fault-1",
      toxicity: 1,
      direction: "downstream",
      scope: "both",
    });
    const error = sim.faults.add({
      type: "rest-error",
      toxicity: 0.2,
      route: "PATCH /v4/sessions/*/players/*",
    });
    expect(error).toMatchObject({ id: "fault-2", direction: "upstream", scope: "rest" });
    expect(() => sim.faults.add({ id: "fault-2", type: "reset" })).toThrow(
      expect.objectContaining({ code: "FAULT_DUPLICATE_ID" }),
    );
    expect(() => sim.faults.add({ type: "latency", latency: -1 })).toThrow(FaultError);
    expect(() => sim.faults.add({ type: "rest-error", toxicity: 1.5 })).toThrow(/toxicity must be/);
    expect(() => sim.faults.add({ type: "ws-close", scope: "rest" })).toThrow(/only applies to scope "ws"/);

    const knobs = sim.enableFaultInjection({ packetLoss: 0.05, latencySpike: 0.1, connectionDrop: 0.02 });
    expect(knobs.map((f) => [f.id, f.type, f.toxicity])).toEqual([
      ["knob:packetLoss", "packet-loss", 0.05],
      ["knob:latencySpike", "latency-spike", 0.1],
      ["knob:connectionDrop", "reset", 0.02],
    ]);
    // Enabling again replaces the knobs instead of stacking them.
    sim.enableFaultInjection({ latencySpike: 0.3 });
    expect(sim.faults.list().map((f) => f.id)).toEqual(["fault-1", "fault-2", "knob:latencySpike"]);
    expect(() => sim.enableFaultInjection({ packetLoss: 2 })).toThrow(/packetLoss must be a probability/);
    sim.disableFaultInjection();
    expect(sim.faults.list().map((f) => f.id)).toEqual(["fault-1", "fault-2"]);

    expect(sim.faults.remove(spike)).toBe(true);
    expect(sim.faults.remove("fault-1")).toBe(false);
    expect(sim.faults.get("fault-2")).toBe(error);
    sim.faults.clear();
    expect(sim.faults.list()).toEqual([]);
    // Ids keep counting, so an old handle never removes a new fault by accident.
    expect(sim.faults.add({ type: "reset" }).id).toBe("fault-3");
  });

  it("adding a second fault does not shift the first fault's decisions", async () => {
    async function hitsOfFirst(withSecond: boolean): Promise<number[]> {
      const sim = await testSimulator({ seed: 99 });
      sim.faults.add({ id: "first", type: "rest-error", toxicity: 0.3, route: "GET /v4/info" });
      if (withSecond) {
        sim.faults.add({
          id: "second",
          type: "rest-error",
          status: 502,
          toxicity: 0.5,
          direction: "downstream",
        });
      }
      const hits: number[] = [];
      for (let i = 0; i < 200; i++) {
        const before = sim.faults.decisions.filter((d) => d.id === "first").length;
        await rest(sim, "GET", "/v4/info");
        if (sim.faults.decisions.filter((d) => d.id === "first").length > before) hits.push(i);
      }
      if (withSecond) expect(sim.faults.decisions.some((d) => d.id === "second")).toBe(true);
      await sim.stop();
      return hits;
    }
    const alone = await hitsOfFirst(false);
    expect(alone.length).toBeGreaterThan(30);
    expect(await hitsOfFirst(true)).toEqual(alone);
  });
});
