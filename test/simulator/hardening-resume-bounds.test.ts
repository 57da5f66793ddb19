import { describe, expect, it } from "vitest";
import type { ReadyOp } from "../../src/protocol/index.js";
import { DEFAULT_MAX_RESUME_TIMEOUT } from "../../src/simulator/options.js";
import { waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest, TestClient } from "./helpers.js";

describe("resuming is bounded: the timeout and the frames queued for it", () => {
  it("clamps a resume timeout above maxResumeTimeout (default one hour) and notes it in the log", async () => {
    const sim = await testSimulator();
    expect(DEFAULT_MAX_RESUME_TIMEOUT).toBe(3600);
    const client = await TestClient.connect(sim);
    const id = client.sessionId;
    const res = await rest(sim, "PATCH", `/v4/sessions/${id}`, { resuming: true, timeout: 86_400_000 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ resuming: true, timeout: 3600 });
    expect(sim.getSession(id)?.timeout).toBe(3600);
    expect(sim.log.filter({ sessionId: id }).some((e) => e.note?.includes("clamped to 3600s"))).toBe(true);
    // A value within the cap is kept as given, without a note.
    const within = await rest(sim, "PATCH", `/v4/sessions/${id}`, { timeout: 3600 });
    expect(within.body).toEqual({ resuming: true, timeout: 3600 });
    // The clamped session really ends after an hour on the simulator's clock.
    client.ws.terminate();
    await waitUntil(() => sim?.getSession(id)?.awaitingResume === true, "session paused");
    await sim.clock.advance(3_600_000);
    expect(sim.getSession(id)).toBeUndefined();
  });

  it("keeps at most maxQueuedFrames for a waiting session, dropping the oldest", async () => {
    const sim = await testSimulator({ maxQueuedFrames: 5, statsInterval: 1000 });
    const client = await TestClient.connect(sim);
    const id = client.sessionId;
    await rest(sim, "PATCH", `/v4/sessions/${id}`, { resuming: true, timeout: 600 });
    client.ws.terminate();
    await waitUntil(() => sim?.getSession(id)?.awaitingResume === true, "session paused");
    await sim.clock.advance(20_000); // 20 stats frames while nobody listens
    expect(sim.getSession(id)?.queued).toBe(5);
    expect(sim.log.filter({ sessionId: id, note: "dropped from the full resume queue" })).toHaveLength(15);
    const again = await TestClient.connect(sim, { "Session-Id": id });
    expect(again.frames[0]).toEqual<ReadyOp>({ op: "ready", resumed: true, sessionId: id });
    await waitUntil(() => again.frames.length >= 6, "queued frames replayed");
    // The newest five: uptime grows, so the replayed stats are the last ones produced.
    const replayed = again.frames.slice(1, 6) as { op: string; uptime: number }[];
    expect(replayed.every((f) => f.op === "stats")).toBe(true);
    expect(replayed.map((f) => f.uptime)).toEqual([16_000, 17_000, 18_000, 19_000, 20_000]);
    await again.close();
  });

  it("bounds the queued characters too (maxQueuedBytes)", async () => {
    const sim = await testSimulator({ maxQueuedBytes: 2_000, statsInterval: 1000 });
    const client = await TestClient.connect(sim);
    const id = client.sessionId;
    await rest(sim, "PATCH", `/v4/sessions/${id}`, { resuming: true, timeout: 600 });
    client.ws.terminate();
    await waitUntil(() => sim?.getSession(id)?.awaitingResume === true, "session paused");
    await sim.clock.advance(50_000);
    const queued = sim.getSession(id)?.queued ?? 0;
    expect(queued).toBeGreaterThan(0);
    expect(queued).toBeLessThan(10);
  });
});
