import { beforeEach, describe, expect, it } from "vitest";
import type { PlayerUpdateOp, TrackEndEvent, TrackStartEvent } from "../../src/protocol/index.js";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

const GUILD = "817327181659111454";

describe("playback timeline on the virtual clock", () => {
  let sim: VirtualSimulator;
  let client: TestClient;
  let playerPath: string;
  beforeEach(async () => {
    sim = await testSimulator();
    client = await TestClient.connect(sim);
    playerPath = `/v4/sessions/${client.sessionId}/players/${GUILD}`;
  });

  it("plays a track: TrackStart, position advancing with the clock, TrackEnd finished at its length", async () => {
    const { encoded, length } = await loadOne(sim);
    const res = await rest(sim, "PATCH", playerPath, { track: { encoded, userData: { requester: "42" } } });
    expect(res.status).toBe(200);
    expect(res.headers.get("lavalink-api-version")).toBe("4");
    expect(res.body).toMatchObject({ guildId: GUILD, paused: false, volume: 100, track: { encoded } });

    const start = await client.event<TrackStartEvent>("TrackStartEvent");
    expect(start.guildId).toBe(GUILD);
    expect(start.track.encoded).toBe(encoded);
    expect(start.track.userData).toEqual({ requester: "42" });

    await sim.clock.advance(10_000);
    expect(sim.getPlayer(client.sessionId, GUILD)?.state.position).toBe(10_000);
    const update = await client.next<PlayerUpdateOp>((m) => m.op === "playerUpdate" && m.state.position > 0);
    expect(update.state.position).toBe(5_000);
    expect(update.state.connected).toBe(false);
    expect(update.state.ping).toBe(-1);

    await sim.clock.advance(length - 10_000);
    const end = await client.event<TrackEndEvent>("TrackEndEvent");
    expect(end.reason).toBe("finished");
    expect(end.track.info.position).toBe(length);
    expect(end.track.userData).toEqual({ requester: "42" });
    const player = (await rest(sim, "GET", playerPath)).body as {
      track: unknown;
      state: { position: number };
    };
    expect(player.track).toBeNull();
    expect(player.state.position).toBe(0);
  });

  it("pauses, seeks and honours the timescale filter (speed × rate)", async () => {
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", playerPath, { track: { encoded } });
    await sim.clock.advance(1_000);
    await rest(sim, "PATCH", playerPath, { paused: true });
    await sim.clock.advance(30_000);
    expect(sim.getPlayer(undefined, GUILD)).toMatchObject({ paused: true, state: { position: 1_000 } });

    await rest(sim, "PATCH", playerPath, { paused: false, position: 60_000 });
    const seekUpdate = await client.next<PlayerUpdateOp>(
      (m) => m.op === "playerUpdate" && m.state.position === 60_000,
    );
    expect(seekUpdate.guildId).toBe(GUILD);

    await rest(sim, "PATCH", playerPath, { filters: { timescale: { speed: 1.5, rate: 2 } } });
    await sim.clock.advance(1_000);
    expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(63_000);
    expect(sim.getPlayer(undefined, GUILD)?.filters).toEqual({
      timescale: { speed: 1.5, pitch: 1, rate: 2 },
    });
  });

  it("ends at endTime with reason finished, and stops with reason stopped", async () => {
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", playerPath, { track: { encoded }, endTime: 20_000 });
    await sim.clock.advance(20_000);
    const end = await client.event<TrackEndEvent>("TrackEndEvent");
    expect(end.reason).toBe("finished");
    expect(end.track.info.position).toBe(20_000);

    await rest(sim, "PATCH", playerPath, { track: { encoded } });
    await client.event("TrackStartEvent");
    await rest(sim, "PATCH", playerPath, { track: { encoded: null } });
    expect((await client.event<TrackEndEvent>("TrackEndEvent")).reason).toBe("stopped");
  });

  it("replacing sends TrackEnd replaced before the new TrackStart; noReplace keeps the current track", async () => {
    const first = await loadOne(sim, "sonora:track#first");
    const second = await loadOne(sim, "sonora:track#second");
    await rest(sim, "PATCH", playerPath, { track: { encoded: first.encoded } });
    await rest(sim, "PATCH", `${playerPath}?noReplace=true`, { track: { encoded: second.encoded } });
    expect(sim.getPlayer(undefined, GUILD)?.track?.info.identifier).toBe("sonora:track#first");
    await rest(sim, "PATCH", playerPath, { track: { encoded: second.encoded } });
    await client.event("TrackStartEvent");
    await client.event("TrackEndEvent");
    await client.event("TrackStartEvent");
    const events = client.frames.flatMap((m) =>
      m.op === "event"
        ? [`${m.type}:${"track" in m ? m.track.info.identifier : ""}${"reason" in m ? `:${m.reason}` : ""}`]
        : [],
    );
    expect(events).toEqual([
      "TrackStartEvent:sonora:track#first",
      "TrackEndEvent:sonora:track#first:replaced",
      "TrackStartEvent:sonora:track#second",
    ]);
  });

  it("destroying a player ends its track with stopped (lavaplayer's destroy is stopTrack) and forgets it", async () => {
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", playerPath, { track: { encoded } });
    expect((await rest(sim, "DELETE", playerPath)).status).toBe(204);
    expect((await client.event<TrackEndEvent>("TrackEndEvent")).reason).toBe("stopped");
    const res = await rest(sim, "GET", playerPath);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      status: 404,
      error: "Not Found",
      message: "Player not found",
      path: playerPath,
    });
  });

  it("sends periodic playerUpdates only while a track is loaded", async () => {
    await rest(sim, "PATCH", playerPath, { volume: 50 });
    await sim.clock.advance(20_000);
    expect(client.frames.some((m) => m.op === "playerUpdate")).toBe(false);
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", playerPath, { track: { encoded }, paused: true });
    await sim.clock.advance(15_000);
    const updates = sim.log.filter({ op: "playerUpdate" });
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(sim.getPlayer(undefined, GUILD)).toMatchObject({
      volume: 50,
      paused: true,
      state: { position: 0 },
    });
  });
});
