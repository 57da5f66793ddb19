import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest, settle, TestClient } from "./helpers.js";

describe("a fault with a sessionId acts on that session's traffic only", () => {
  it("rest-error scoped to session B: B's PATCH gets the 503, A's and sessionless calls get 200", async () => {
    const sim = await testSimulator();
    const a = await TestClient.connect(sim);
    const b = await TestClient.connect(sim);
    expect(a.sessionId).not.toBe(b.sessionId);
    sim.faults.add({ type: "rest-error", status: 503, toxicity: 1, sessionId: b.sessionId });
    for (let i = 0; i < 5; i++) {
      const onA = await rest(sim, "PATCH", `/v4/sessions/${a.sessionId}/players/${i}`, { volume: 10 + i });
      const onB = await rest(sim, "PATCH", `/v4/sessions/${b.sessionId}/players/${i}`, { volume: 10 + i });
      expect(onA.status).toBe(200);
      expect(onB.status).toBe(503);
      expect(onB.body).toMatchObject({ status: 503, path: `/v4/sessions/${b.sessionId}/players/${i}` });
      expect(sim.getPlayer(a.sessionId, String(i))?.volume).toBe(10 + i);
      expect(sim.getPlayer(b.sessionId, String(i))).toBeUndefined();
    }
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
    expect((await rest(sim, "GET", `/v4/sessions/${a.sessionId}/players`)).status).toBe(200);
    expect((await rest(sim, "GET", `/v4/sessions/${b.sessionId}/players`)).status).toBe(503);
    expect(sim.faults.decisions).toHaveLength(6);
    expect(sim.faults.decisions.every((d) => d.sessionId === b.sessionId && d.effect === "503")).toBe(true);
    await a.close();
    await b.close();
  });

  it("ws faults scoped to one session: B is closed with the chosen code, A's frames are delayed, neither touches the other", async () => {
    const sim = await testSimulator({ statsInterval: 100 });
    const a = await TestClient.connect(sim);
    const b = await TestClient.connect(sim);
    sim.faults.add({ type: "ws-close", code: 4001, reason: "only B", sessionId: b.sessionId });
    sim.faults.add({ type: "latency", latency: 30, scope: "ws", sessionId: a.sessionId });
    const seenByA = a.frames.length;
    await sim.clock.advance(100);
    // B's next frame closed it; A's stats frame is held 30 ms.
    expect(await b.closed).toBe(4001);
    await settle();
    expect(a.frames.length).toBe(seenByA);
    await sim.clock.advance(30);
    await waitUntil(() => a.frames.length === seenByA + 1, "A's delayed stats frame");
    expect(a.frames[seenByA]?.op).toBe("stats");
    expect(a.ws.readyState).toBe(WebSocket.OPEN);

    const decisions = sim.faults.decisions.map((d) => [d.id, d.sessionId, d.effect, d.target]);
    // A connected first, so its stats frame goes first.
    expect(decisions).toEqual([
      ["fault-2", a.sessionId, "delayed 30ms", "stats"],
      ["fault-1", b.sessionId, "closed 4001", "stats"],
    ]);
    // Later frames: A keeps getting delayed ones, nothing more is decided for B.
    await sim.clock.advance(130);
    expect(sim.faults.decisions.filter((d) => d.sessionId === b.sessionId)).toHaveLength(1);
    expect(sim.faults.decisions.filter((d) => d.sessionId === a.sessionId)).toHaveLength(2);
    await a.close();
  });
});
