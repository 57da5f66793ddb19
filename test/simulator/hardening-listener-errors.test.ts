import { describe, expect, it } from "vitest";
import { LISTENER_ERROR_WARNING } from "../../src/simulator/listener-errors.js";
import { waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { TestClient } from "./helpers.js";

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
  it("stop() completes its teardown and the other listeners still run; the error becomes a warning", async () => {
    const capture = captureWarnings();
    try {
      const sim = await testSimulator();
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
      await waitUntil(() => capture.warnings.length >= 2, "warnings emitted");
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
      const sim = await testSimulator();
      sim.once("connect", () => {
        throw new Error("boom");
      });
      const client = await TestClient.connect(sim);
      expect(sim.getSession(client.sessionId)?.connected).toBe(true);
      await waitUntil(() => capture.warnings.length >= 1, "warning emitted");
      // `once` listeners are removed as usual.
      expect(sim.listenerCount("connect")).toBe(0);
      await client.close();
    } finally {
      capture.dispose();
    }
  });
});
