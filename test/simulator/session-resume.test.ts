import { beforeEach, describe, expect, it } from "vitest";
import type { ReadyOp, TrackEndEvent } from "../../src/protocol/index.js";
import { type VirtualSimulator, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

const GUILD = "1";

describe("session resuming", () => {
  let sim: VirtualSimulator;
  beforeEach(async () => {
    sim = await testSimulator();
  });

  async function playingClient(timeout: number): Promise<{ client: TestClient; length: number }> {
    const client = await TestClient.connect(sim);
    const patch = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}`, { resuming: true, timeout });
    expect(patch.body).toEqual({ resuming: true, timeout });
    const { encoded, length } = await loadOne(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${GUILD}`, { track: { encoded } });
    await client.event("TrackStartEvent");
    return { client, length };
  }

  it("keeps playing while disconnected, queues events, and replays them in order on resume", async () => {
    const { client, length } = await playingClient(3600);
    const id = client.sessionId;
    sim.dropConnection(id);
    await client.closed;
    await waitUntil(() => sim.getSession(id)?.awaitingResume === true, "session paused");
    expect(sim.getSession(id)).toMatchObject({ connected: false, awaitingResume: true });
    // While waiting to be resumed the session is not reachable over REST, as in Lavalink.
    expect((await rest(sim, "GET", `/v4/sessions/${id}/players`)).status).toBe(404);

    await sim.clock.advance(length); // the track ends while nobody listens
    expect(sim.getPlayer(id, GUILD)?.track).toBeNull();
    expect(sim.getSession(id)?.queued).toBeGreaterThanOrEqual(1);

    const again = await TestClient.connect(sim, { "Session-Id": id });
    expect(again.upgradeHeaders["session-resumed"]).toBe("true");
    expect(again.frames[0]).toEqual<ReadyOp>({ op: "ready", resumed: true, sessionId: id });
    const end = await again.event<TrackEndEvent>("TrackEndEvent");
    expect(end.reason).toBe("finished");
    // Queued frames come right after ready, before anything new.
    const firstEvent = again.frames.findIndex((m) => m.op === "event");
    expect(again.frames.slice(1, firstEvent).every((m) => m.op === "stats")).toBe(true);
    expect((await rest(sim, "GET", `/v4/sessions/${id}/players/${GUILD}`)).status).toBe(200);
    await again.close();
  });

  it("destroys the session and its players once the timeout passes on the simulator's clock", async () => {
    const { client } = await playingClient(30);
    const id = client.sessionId;
    await client.close();
    await waitUntil(() => sim.getSession(id)?.awaitingResume === true, "session paused");
    await sim.clock.advance(29_999);
    expect(sim.getSession(id)).toBeDefined();
    await sim.clock.advance(1);
    expect(sim.getSession(id)).toBeUndefined();
    expect(sim.players).toHaveLength(0);
    // SocketContext.shutdown destroys each player: lavaplayer's destroy() is stopTrack().
    expect(sim.log.filter({ sessionId: id, type: "TrackEndEvent" }).at(-1)?.body).toContain(
      '"reason":"stopped"',
    );

    const fresh = await TestClient.connect(sim, { "Session-Id": id });
    expect(fresh.upgradeHeaders["session-resumed"]).toBe("false");
    expect(fresh.frames[0]).toMatchObject({ op: "ready", resumed: false });
    expect(fresh.sessionId).not.toBe(id);
    await fresh.close();
  });

  it("without resuming, a closed connection ends the session at once", async () => {
    const client = await TestClient.connect(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${GUILD}`, { volume: 10 });
    await client.close();
    await waitUntil(() => sim.sessions.length === 0, "session closed");
    expect(sim.players).toHaveLength(0);
  });
});
