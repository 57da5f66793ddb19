import { describe, expect, it } from "vitest";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

const GUILD = "31";
const VOICE = { token: "t", endpoint: "e.discord.media:443", sessionId: "v", channelId: "88" };

describe("on-demand faults leave their mark on the sim.log entry of the frame they cause", () => {
  let sim: VirtualSimulator;
  async function play(): Promise<TestClient> {
    sim = await testSimulator();
    const client = await TestClient.connect(sim);
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${GUILD}`, {
      track: { encoded },
      voice: VOICE,
    });
    await client.event("TrackStartEvent");
    return client;
  }

  /** Every outgoing frame entry that names a fault, as `type: ids`. */
  function markedFrames(): string[] {
    return sim.log
      .filter({ kind: "ws", direction: "out" })
      .filter((e) => e.faults !== undefined)
      .map((e) => `${e.type ?? e.op}: ${(e.faults ?? []).map((f) => `${f.id}/${f.type}`).join(",")}`);
  }

  it("voiceClose, trackException and trackStuck: the caused event carries the decision, nothing else does", async () => {
    const client = await play();
    expect(markedFrames()).toEqual([]);

    sim.faults.voiceClose(GUILD, { code: 4014, reason: "Disconnected.", byRemote: false });
    const closed = sim.log.filter({ kind: "ws", direction: "out", type: "WebSocketClosedEvent" });
    expect(closed).toHaveLength(1);
    expect(closed[0]?.faults).toEqual([{ id: "manual", type: "voice-close", effect: "voice closed 4014" }]);
    expect(closed[0]?.guildId).toBe(GUILD);
    // The player update that follows the close is a consequence, not the hit frame.
    expect(markedFrames()).toEqual(["WebSocketClosedEvent: manual/voice-close"]);

    await sim.clock.advance(500);
    sim.faults.trackStuck(GUILD, 2_000);
    // Nothing is sent yet: the mark waits for the TrackStuckEvent, 2 s later on the sim's clock.
    expect(markedFrames()).toHaveLength(1);
    await sim.clock.advance(2_000);
    await client.event("TrackStuckEvent");
    const stuck = sim.log.filter({ kind: "ws", direction: "out", type: "TrackStuckEvent" });
    expect(stuck).toHaveLength(1);
    expect(stuck[0]?.faults).toEqual([
      { id: "manual", type: "track-stuck", effect: "track stuck, event in 2000ms" },
    ]);

    sim.faults.trackException(GUILD, { message: "Video unavailable" });
    const failed = sim.log.filter({ kind: "ws", direction: "out", type: "TrackExceptionEvent" });
    expect(failed[0]?.faults).toEqual([{ id: "manual", type: "track-exception", effect: "track exception" }]);
    expect(markedFrames()).toEqual([
      "WebSocketClosedEvent: manual/voice-close",
      "TrackStuckEvent: manual/track-stuck",
      "TrackExceptionEvent: manual/track-exception",
    ]);
    // One decision per mark, in the same order, each naming the same session.
    expect(sim.faults.decisions.map((d) => [d.type, d.effect, d.sessionId])).toEqual([
      ["voice-close", "voice closed 4014", client.sessionId],
      ["track-stuck", "track stuck, event in 2000ms", client.sessionId],
      ["track-exception", "track exception", client.sessionId],
    ]);
    await client.close();
  });

  it("a stuck mark whose track was replaced first is dropped, and the next stuck event carries only its own", async () => {
    const client = await play();
    sim.faults.trackStuck(GUILD, 5_000);
    // The same track again is a new play: the stuck one is replaced.
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${GUILD}`, { track: { encoded } });
    await sim.clock.advance(10_000);
    expect(sim.log.filter({ type: "TrackStuckEvent" })).toHaveLength(0);
    // The stale mark is gone: nothing waits, so untouched traffic is back on the fast path.
    expect(sim.faults.engaged).toBe(false);

    sim.faults.trackStuck(GUILD, 1_000);
    await sim.clock.advance(1_000);
    await client.event("TrackStuckEvent");
    expect(sim.log.filter({ type: "TrackStuckEvent" }).map((e) => e.faults)).toEqual([
      [{ id: "manual", type: "track-stuck", effect: "track stuck, event in 1000ms" }],
    ]);
    await client.close();
  });

  it("with a registered fault hitting the same frame, both marks are on it: the cause first", async () => {
    const client = await play();
    sim.faults.add({ type: "latency", latency: 40, scope: "ws" });
    sim.faults.trackException(GUILD);
    const entry = sim.log.filter({ kind: "ws", direction: "out", type: "TrackExceptionEvent" })[0];
    expect(entry?.faults).toEqual([
      { id: "manual", type: "track-exception", effect: "track exception" },
      { id: "fault-1", type: "latency", effect: "delayed 40ms" },
    ]);
    await sim.clock.advance(40);
    await client.event("TrackExceptionEvent");
    await client.close();
  });
});
