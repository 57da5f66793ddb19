import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { testSimulator } from "../../src/testing/vitest.js";
import { TestClient } from "./helpers.js";

const P = 0.05;
const SESSIONS = 40;
const STEPS = 30;

describe("the connectionDrop knob over 40 WebSockets", () => {
  it("cuts a binomial share of the frames it meets, each cut a 1006 after exactly the frames before it", async () => {
    // A stats frame every 10 ms per session: every frame is one draw of the knob.
    const sim = await testSimulator({ seed: 42, statsInterval: 10 });
    try {
      const clients: TestClient[] = [];
      for (let i = 0; i < SESSIONS; i++) clients.push(await TestClient.connect(sim));
      const outOf = (sessionId: string) => sim.log.filter({ kind: "ws", direction: "out", sessionId });
      const before = new Map(clients.map((c) => [c.sessionId, outOf(c.sessionId).length]));
      sim.enableFaultInjection({ connectionDrop: P });
      for (let i = 0; i < STEPS; i++) await sim.clock.advance(10);

      let frames = 0;
      let drops = 0;
      for (const client of clients) {
        const out = outOf(client.sessionId).slice(before.get(client.sessionId));
        // Frames after the cut are not sent (marked discarded, or noted): they drew nothing.
        const drawn = out.filter(
          (e) => e.note === undefined && !(e.faults ?? []).some((f) => f.effect.startsWith("discarded")),
        );
        const hit = drawn.findIndex((e) => e.faults?.[0]?.id === "knob:connectionDrop");
        frames += drawn.length;
        if (hit < 0) continue;
        drops++;
        // The cut is the last frame that drew; the client got every frame before it, none after.
        expect(hit).toBe(drawn.length - 1);
        expect(await client.closed).toBe(1006);
        const delivered = outOf(client.sessionId).findIndex(
          (e) => e.faults?.[0]?.id === "knob:connectionDrop",
        );
        expect(client.frames).toHaveLength(delivered);
      }
      expect(sim.faults.decisions).toHaveLength(drops);
      // Some sessions are cut, some outlive the 30 frames (0.95^30 ≈ 21 % of them on average).
      expect(drops).toBeGreaterThan(SESSIONS / 2);
      expect(drops).toBeLessThan(SESSIONS);
      // Each frame is a Bernoulli(P) draw; the stop at the first hit does not bias the band
      // (Wald's identity: drops − P·frames has mean 0 and variance P(1−P)·E[frames]).
      const sigma = Math.sqrt(frames * P * (1 - P));
      expect(Math.abs(drops - P * frames)).toBeLessThan(4 * sigma);
      // Sessions still open were never hit.
      const open = clients.filter((c) => c.ws.readyState === WebSocket.OPEN).length;
      expect(open).toBe(SESSIONS - drops);
    } finally {
      await sim.stop();
    }
  });
});
