import { afterEach, describe, expect, it } from "vitest";
import type {
  LavalinkException,
  TrackEndEvent,
  TrackExceptionEvent,
  TrackInfo,
  TrackStuckEvent,
} from "../../src/protocol/index.js";
import { Catalog, type PlaybackScript } from "../../src/simulator/index.js";
import { loadOne, rest, startSim, TestClient, type VirtualSim } from "./helpers.js";

const EXCEPTION: LavalinkException = {
  message: "Something broke while playing the track.",
  severity: "fault",
  cause: "java.lang.RuntimeException: simulated",
};

/** A catalog whose playback scripts are picked by identifier (the catalog contract's scriptFor). */
class ScriptedCatalog extends Catalog {
  override scriptFor(info: TrackInfo): PlaybackScript {
    if (info.identifier === "load-fails") return { kind: "loadFailed", exception: EXCEPTION };
    if (info.identifier === "breaks") return { kind: "exception", atMs: 30_000, exception: EXCEPTION };
    if (info.identifier === "sticks") return { kind: "stuck", atMs: 10_000, thresholdMs: 10_000 };
    return { kind: "normal" };
  }
}

describe("scripted playback failures", () => {
  let sim: VirtualSim;
  let client: TestClient;
  afterEach(async () => {
    await client.close();
    await sim.stop();
  });

  async function play(identifier: string): Promise<void> {
    sim = await startSim({ catalog: new ScriptedCatalog({ seed: 1 }) });
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
});
