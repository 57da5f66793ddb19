import { describe, expect, it } from "vitest";
import { type Fault, FaultError } from "../../src/simulator/index.js";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { TestClient } from "./helpers.js";

/** A stats frame every 10 ms of the sim's clock: one unit of traffic per step. */
const FAST = { statsInterval: 10 };

/** Runs the clock for `steps` stats frames. */
async function frames(sim: VirtualSimulator, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) await sim.clock.advance(10);
}

/** What one fault did (clock time and effect), oldest first, from the `from`th decision on. */
function effects(sim: VirtualSimulator, id: string, from = 0): string[] {
  return sim.faults.decisions
    .slice(from)
    .filter((d) => d.id === id)
    .map((d) => `${d.at} ${d.effect}`);
}

describe("sim.faults.update: a registered fault changed in place", () => {
  it("changes the decisions from that point on; before it, and which frames are hit, stay as without the update", async () => {
    async function run(update: boolean): Promise<{ before: string[]; after: string[]; other: string[] }> {
      const sim = await testSimulator({ ...FAST, seed: 11 });
      const client = await TestClient.connect(sim);
      sim.faults.add({ id: "lag", type: "latency", latency: 30, toxicity: 0.5, scope: "ws" });
      sim.faults.add({ id: "other", type: "latency-spike", toxicity: 0.3, scope: "ws" });
      await frames(sim, 40);
      const cut = sim.faults.decisions.length;
      const before = effects(sim, "lag");
      if (update) {
        const updated = sim.faults.update("lag", { latency: 80 });
        expect(updated).toEqual({
          id: "lag",
          type: "latency",
          latency: 80,
          toxicity: 0.5,
          direction: "downstream",
          scope: "ws",
        });
        expect(sim.faults.get("lag")).toEqual(updated);
      }
      await frames(sim, 40);
      const result = {
        before,
        after: effects(sim, "lag", cut),
        other: effects(sim, "other"),
      };
      await client.close();
      await sim.stop();
      return result;
    }
    const plain = await run(false);
    const updated = await run(true);
    expect(updated.before).toEqual(plain.before);
    expect(plain.before.length).toBeGreaterThan(5);
    expect(plain.after.length).toBeGreaterThan(5);
    // The same frames are hit (the fault's stream goes on where it was), now with the new latency.
    expect(updated.after).toEqual(plain.after.map((line) => line.replace("delayed 30ms", "delayed 80ms")));
    // Another fault's decisions are untouched by the update.
    expect(updated.other).toEqual(plain.other);
  });

  it("keeps the fault's place in the order faults apply, and takes a Fault handle as well as an id", async () => {
    const sim = await testSimulator();
    const first = sim.faults.add({ type: "latency", latency: 5 });
    sim.faults.add({ type: "reset", toxicity: 0.1 });
    const updated = sim.faults.update(first, { toxicity: 0.25, jitter: 2 });
    expect(sim.faults.list().map((f) => [f.id, f.toxicity])).toEqual([
      ["fault-1", 0.25],
      ["fault-2", 0.1],
    ]);
    expect(updated).toMatchObject({ id: "fault-1", latency: 5, jitter: 2 });
  });

  it("an attribute set to undefined goes back to its default; toxicity 0 silences the fault", async () => {
    const sim = await testSimulator(FAST);
    const client = await TestClient.connect(sim);
    sim.faults.add({ id: "err", type: "rest-error", status: 502, direction: "both", toxicity: 1 });
    const back = sim.faults.update("err", { status: undefined, direction: undefined });
    expect(back).toMatchObject({ status: undefined, direction: "upstream", scope: "rest" });
    sim.faults.add({ id: "lag", type: "latency", latency: 1, scope: "ws" });
    await frames(sim, 5);
    const hits = effects(sim, "lag").length;
    expect(hits).toBeGreaterThan(0);
    sim.faults.update("lag", { toxicity: 0 });
    await frames(sim, 5);
    expect(effects(sim, "lag")).toHaveLength(hits);
    await client.close();
  });

  it("updating an unknown fault is a FaultError FAULT_UNKNOWN_ID", async () => {
    const sim = await testSimulator();
    const gone = sim.faults.add({ type: "reset" });
    sim.faults.remove(gone);
    for (const target of ["nope", gone] as (string | Fault)[]) {
      let caught: unknown;
      try {
        sim.faults.update(target, { toxicity: 0.5 });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(FaultError);
      expect(caught).toMatchObject({ code: "FAULT_UNKNOWN_ID" });
      expect((caught as Error).message).toMatch(/no fault has id "(nope|fault-1)"/);
    }
  });

  it("refuses invalid changes like add does, and leaves the fault as it was", async () => {
    const sim = await testSimulator(FAST);
    const client = await TestClient.connect(sim);
    const lag = sim.faults.add({ id: "lag", type: "latency", latency: 20, scope: "ws" });
    const refused: [unknown, RegExp][] = [
      [{ latency: -1 }, /fault "lag": latency must be a finite number ≥ 0, got -1/],
      [{ latency: undefined }, /fault "lag": latency \(ms\) is required/],
      [{ toxicity: 1.5 }, /toxicity must be a finite number from 0 to 1/],
      [{ scope: "udp" }, /scope must be "ws", "rest" or "both"/],
      [{ route: "not a route" }, /route "not a route" is not "METHOD \/path"/],
      [{ type: "reset" }, /fault "lag": its type cannot change/],
      [{ id: "other" }, /fault "lag": its id cannot change/],
      [null, /expected an object of changes/],
    ];
    for (const [changes, message] of refused) {
      expect(() => sim.faults.update("lag", changes as never)).toThrow(
        expect.objectContaining({ code: "FAULT_INVALID", message: expect.stringMatching(message) }),
      );
      expect(sim.faults.get("lag")).toBe(lag);
    }
    // The same id and type are not a change.
    expect(sim.faults.update("lag", { id: "lag", type: "latency", latency: 25 } as never)).toMatchObject({
      latency: 25,
    });
    await frames(sim, 3);
    expect(effects(sim, "lag").every((line) => line.endsWith("delayed 25ms"))).toBe(true);
    expect(effects(sim, "lag")).toHaveLength(3);
    await client.close();
  });
});
