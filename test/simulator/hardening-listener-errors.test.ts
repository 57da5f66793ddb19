import { afterEach, describe, expect, it } from "vitest";
import { LISTENER_ERROR_WARNING } from "../../src/simulator/listener-errors.js";
import { startSim, TestClient, until, type VirtualSim } from "./helpers.js";

/** Collects the process warnings a block produces. */
function captureWarnings(): { warnings: (Error & { code?: string })[]; dispose(): void } {
  const warnings: (Error & { code?: string })[] = [];
  const onWarning = (w: Error): void => {
    warnings.push(w);
  };
  process.on("warning", onWarning);
  return { warnings, dispose: () => process.off("warning", onWarning) };
}

describe("a throwing listener on the simulator's events breaks nothing", () => {
  let sim: VirtualSim | undefined;
  afterEach(async () => {
    if (sim?.running) await sim.stop();
    sim = undefined;
  });

  it("stop() completes its teardown and the other listeners still run; the error becomes a warning", async () => {
    const capture = captureWarnings();
    try {
      sim = await startSim();
      const ended: string[] = [];
      sim.on("sessionEnd", () => {
        throw new Error("listener bug");
      });
      sim.on("sessionEnd", (id) => ended.push(id));
      const a = await TestClient.connect(sim);
      const b = await TestClient.connect(sim);
      await sim.stop();
      expect(sim.running).toBe(false);
      expect(sim.sessions).toEqual([]);
      expect(ended.sort()).toEqual([a.sessionId, b.sessionId].sort());
      // The port is free again: the node can start anew.
      await sim.start();
      expect(sim.running).toBe(true);
      await until(() => capture.warnings.length >= 2, "warnings emitted");
      expect(capture.warnings[0]?.code).toBe(LISTENER_ERROR_WARNING);
      expect(capture.warnings[0]?.message).toContain(
        'a "sessionEnd" listener of a ProtocolSimulator threw: listener bug',
      );
    } finally {
      capture.dispose();
    }
  });

  it("a throwing connect listener does not cut the session", async () => {
    const capture = captureWarnings();
    try {
      sim = await startSim();
      sim.once("connect", () => {
        throw new Error("boom");
      });
      const client = await TestClient.connect(sim);
      expect(sim.getSession(client.sessionId)?.connected).toBe(true);
      await until(() => capture.warnings.length >= 1, "warning emitted");
      // `once` listeners are removed as usual.
      expect(sim.listenerCount("connect")).toBe(0);
      await client.close();
    } finally {
      capture.dispose();
    }
  });
});
