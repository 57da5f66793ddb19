import { describe, expect, it } from "vitest";
import type {
  LavalinkException,
  TrackEndEvent,
  TrackExceptionEvent,
  TrackStuckEvent,
} from "../../src/protocol/index.js";
import { Catalog, type PlaybackScript } from "../../src/simulator/index.js";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

const EXCEPTION: LavalinkException = {
  message: "Something broke while playing the track.",
  severity: "fault",
  cause: "java.lang.RuntimeException: simulated",
};

/** A catalog with three registered tracks whose playback scripts fail in the three ways lavaplayer can. */
function scriptedCatalog(): Catalog {
  const catalog = new Catalog({ seed: 1 });
  const scripts: Record<string, PlaybackScript> = {
    "load-fails": { kind: "loadFailed", exception: EXCEPTION },
    breaks: { kind: "exception", atMs: 30_000, exception: EXCEPTION },
    sticks: { kind: "stuck", atMs: 10_000, thresholdMs: 10_000 },
  };
  for (const [identifier, script] of Object.entries(scripts)) {
    catalog.registerTrack({ title: identifier, length: 180_000, isStream: false }, { identifier, script });
  }
  return catalog;
}

describe("scripted playback failures", () => {
  let sim: VirtualSimulator;
  let client: TestClient;
  async function play(identifier: string): Promise<void> {
    sim = await testSimulator({ catalog: scriptedCatalog() });
    client = await TestClient.connect(sim);
    const { encoded } = await loadOne(sim, identifier);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, { track: { encoded } });
    await client.event("TrackStartEvent");
  }

  it("load failure: TrackStart, TrackException, then TrackEnd loadFailed, without time passing", async () => {
    await play("load-fails");
    const exception = await client.event<TrackExceptionEvent>("TrackExceptionEvent");
    expect(exception.exception).toEqual(EXCEPTION);
    expect((await client.event<TrackEndEvent>("TrackEndEvent")).reason).toBe("loadFailed");
  });

  it("exception mid-track: TrackException at its position, then TrackEnd finished (as lavaplayer reports it)", async () => {
    await play("breaks");
    await sim.clock.advance(29_999);
    expect(client.frames.some((m) => m.op === "event" && m.type === "TrackExceptionEvent")).toBe(false);
    await sim.clock.advance(1);
    const exception = await client.event<TrackExceptionEvent>("TrackExceptionEvent");
    expect(exception.track.info.position).toBe(30_000);
    expect((await client.event<TrackEndEvent>("TrackEndEvent")).reason).toBe("finished");
  });

  it("stuck: the position freezes, TrackStuckEvent follows after the threshold, and the track stays loaded", async () => {
    await play("sticks");
    await sim.clock.advance(15_000);
    expect(sim.getPlayer(undefined, "1")?.state.position).toBe(10_000);
    await sim.clock.advance(5_000);
    const stuck = await client.event<TrackStuckEvent>("TrackStuckEvent");
    expect(stuck.thresholdMs).toBe(10_000);
    expect(sim.getPlayer(undefined, "1")?.track).not.toBeNull();
  });

  it("sonora: identifiers carry their script in the track itself, through the encoded string", async () => {
    await play("sonora:exception@5000#e2e");
    await sim.clock.advance(5_000);
    const exception = await client.event<TrackExceptionEvent>("TrackExceptionEvent");
    expect(exception.track.info.position).toBe(5_000);
    expect(exception.exception).toMatchObject({
      message: "Something broke when playing the track.",
      severity: "fault",
    });
    expect((await client.event<TrackEndEvent>("TrackEndEvent")).reason).toBe("finished");
  });
});
