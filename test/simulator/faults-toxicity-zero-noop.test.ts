import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../src/base/random.js";
import { type ArmedFault, decide, type TrafficUnit } from "../../src/simulator/faults/decide.js";
import type { FaultSpec } from "../../src/simulator/faults/registry.js";
import { resolveFault } from "../../src/simulator/faults/resolve.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest, TestClient } from "./helpers.js";

/** A random source that fails the test the moment anything draws from it. */
class NoDraws extends SeededRandom {
  // The constructor warms the generator up; only draws after that count.
  private readonly watching: boolean = true;
  override nextUint32(): number {
    if (this.watching) throw new Error("a toxicity-0 fault drew a random number");
    return super.nextUint32();
  }
}

// direction "both" so that every kind of traffic below is concerned by some fault.
const ALL: FaultSpec[] = (
  [
    { type: "latency", latency: 50, jitter: 10 },
    { type: "latency-spike" },
    { type: "bandwidth", rate: 100 },
    { type: "packet-loss" },
    { type: "reset" },
    { type: "timeout" },
    { type: "rest-error" },
    { type: "ws-close" },
    { type: "voice-close" },
    { type: "track-exception" },
    { type: "track-stuck" },
    { type: "slow-node" },
  ] as FaultSpec[]
).map((spec) => ({ ...spec, direction: "both" }));

const UNITS: TrafficUnit[] = [
  { channel: "ws", direction: "downstream", op: "stats", payload: "x".repeat(300) },
  { channel: "ws", direction: "downstream", op: "playerUpdate", payload: '{"connected":true}' },
  {
    channel: "ws",
    direction: "downstream",
    op: "event",
    eventType: "TrackStartEvent",
    payload: "x".repeat(100),
  },
  { channel: "ws", direction: "upstream", op: "message", payload: "x".repeat(10) },
  {
    channel: "rest",
    direction: "upstream",
    method: "PATCH",
    path: "/v4/sessions/a/players/1",
    payload: "x".repeat(20),
  },
  {
    channel: "rest",
    direction: "downstream",
    method: "GET",
    path: "/v4/stats",
    status: 200,
    payload: "x".repeat(20),
  },
];

describe("toxicity 0 is an exact no-op", () => {
  it("draws no random number and decides nothing, for every fault type and kind of traffic", () => {
    const armed: ArmedFault[] = ALL.map((spec, i) => ({
      ...resolveFault({ ...spec, toxicity: 0 }, `f${i}`),
      random: new NoDraws(1),
      hits: { count: 0 },
    }));
    for (const unit of UNITS) {
      const plan = decide(armed, unit, unit.channel === "rest");
      expect(plan).toEqual({ delay: 0, marks: [] });
    }
    // The same faults at toxicity 1 do act (so the check above is not vacuous).
    const live: ArmedFault[] = ALL.map((spec, i) => ({
      ...resolveFault({ ...spec, toxicity: 1 }, `f${i}`),
      random: new SeededRandom(i),
      hits: { count: 0 },
    }));
    expect(UNITS.every((unit) => decide(live, unit, unit.channel === "rest").marks.length > 0)).toBe(true);
  });

  it("on the wire: frames and answers are exactly those of a run without the faults", async () => {
    async function session(withFaults: boolean): Promise<{ frames: unknown[]; body: unknown }> {
      const sim = await testSimulator({ seed: 5 });
      if (withFaults) for (const spec of ALL) sim.faults.add({ ...spec, toxicity: 0 });
      const client = await TestClient.connect(sim);
      const res = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, { volume: 30 });
      await sim.clock.advance(120_000);
      await client.close();
      await sim.stop();
      expect(sim.faults.decisions).toHaveLength(0);
      return { frames: client.frames, body: res.body };
    }
    const plain = await session(false);
    const zero = await session(true);
    expect(zero).toEqual(plain);
    expect(plain.frames.length).toBeGreaterThan(1);
  });
});
