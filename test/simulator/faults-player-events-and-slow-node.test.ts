import { describe, expect, it } from "vitest";
import type {
  StatsOp,
  TrackEndEvent,
  TrackExceptionEvent,
  TrackStuckEvent,
  WebSocketClosedEvent,
} from "../../src/protocol/index.js";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

const GUILD = "77";
const VOICE = { token: "t", endpoint: "e.discord.media:443", sessionId: "v", channelId: "88" };

describe("player faults (voice close, track exception/stuck) and a slow node", () => {
  let sim: VirtualSimulator;
  async function play(options: { playerUpdateInterval?: number } = {}) {
    sim = await testSimulator(options);
    const client = await TestClient.connect(sim);
    const { encoded } = await loadOne(sim);
    const res = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${GUILD}`, {
      track: { encoded },
      voice: VOICE,
    });
    expect(res.status).toBe(200);
    await client.event("TrackStartEvent");
    return client;
  }

  it("on demand: voiceClose, trackException and trackStuck send what Lavalink sends", async () => {
    const client = await play();
    sim.faults.voiceClose(GUILD, { code: 4014, reason: "Disconnected.", byRemote: false });
    const closed = await client.event<WebSocketClosedEvent>("WebSocketClosedEvent");
    expect(closed).toEqual({
      op: "event",
      type: "WebSocketClosedEvent",
      guildId: GUILD,
      code: 4014,
      reason: "Disconnected.",
      byRemote: false,
    });
    expect(sim.getPlayer(undefined, GUILD)?.state.connected).toBe(false);

    await sim.clock.advance(1_000);
    sim.faults.trackStuck(GUILD, 2_000);
    const frozen = sim.getPlayer(undefined, GUILD)?.state.position;
    await sim.clock.advance(1_999);
    expect(client.frames.some((f) => f.op === "event" && f.type === "TrackStuckEvent")).toBe(false);
    await sim.clock.advance(1);
    const stuck = await client.event<TrackStuckEvent>("TrackStuckEvent");
    expect(stuck.thresholdMs).toBe(2_000);
    expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(frozen);

    sim.faults.trackException(GUILD, { message: "Video unavailable", severity: "common" });
    const failure = await client.event<TrackExceptionEvent>("TrackExceptionEvent");
    expect(failure.exception).toEqual({
      message: "Video unavailable",
      severity: "common",
      cause: "java.lang.RuntimeException: Video unavailable",
    });
    const end = await client.event<TrackEndEvent>("TrackEndEvent");
    expect(end.reason).toBe("finished");
    expect(() => sim.faults.trackException(GUILD)).toThrow(
      expect.objectContaining({ code: "FAULT_NO_TRACK" }),
    );
    expect(() => sim.faults.voiceClose("404")).toThrow(
      expect.objectContaining({ code: "SIM_UNKNOWN_PLAYER" }),
    );
    expect(sim.faults.decisions.map((d) => d.type)).toEqual([
      "voice-close",
      "track-stuck",
      "track-exception",
    ]);
    await client.close();
  });

  it("by probability: a track-exception fault decided at TrackStartEvent fires afterMs later", async () => {
    sim = await testSimulator();
    const client = await TestClient.connect(sim);
    sim.faults.add({ type: "track-exception", afterMs: 4_000, message: "boom" });
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${GUILD}`, { track: { encoded } });
    const start = sim.log.filter({ type: "TrackStartEvent" })[0];
    expect(start?.faults).toEqual([
      { id: "fault-1", type: "track-exception", effect: "track exception in 4000ms" },
    ]);
    await sim.clock.advance(3_999);
    expect(sim.getPlayer(undefined, GUILD)?.track).not.toBeNull();
    await sim.clock.advance(1);
    const failure = await client.event<TrackExceptionEvent>("TrackExceptionEvent");
    expect(failure.exception.message).toBe("boom");
    expect((await client.event<TrackEndEvent>("TrackEndEvent")).reason).toBe("finished");
    await client.close();
  });

  it("by probability: a track-stuck fault decided at TrackStartEvent freezes the track afterMs later", async () => {
    sim = await testSimulator();
    const client = await TestClient.connect(sim);
    sim.faults.add({ type: "track-stuck", afterMs: 4_000, thresholdMs: 3_000 });
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${GUILD}`, { track: { encoded } });
    const start = sim.log.filter({ type: "TrackStartEvent" })[0];
    expect(start?.faults).toEqual([{ id: "fault-1", type: "track-stuck", effect: "track stuck in 4000ms" }]);
    await sim.clock.advance(4_000);
    // Frozen from 4 s on: the position stops there while the clock runs.
    const frozen = sim.getPlayer(undefined, GUILD)?.state.position;
    expect(frozen).toBeGreaterThanOrEqual(3_900);
    await sim.clock.advance(2_999);
    expect(sim.getPlayer(undefined, GUILD)?.state.position).toBe(frozen);
    expect(sim.log.filter({ type: "TrackStuckEvent" })).toHaveLength(0);
    await sim.clock.advance(1);
    const stuck = await client.event<TrackStuckEvent>("TrackStuckEvent");
    expect(stuck.thresholdMs).toBe(3_000);
    expect(stuck.guildId).toBe(GUILD);
    // Stuck is not the end: the track stays loaded until replaced or stopped.
    expect(sim.getPlayer(undefined, GUILD)?.track).not.toBeNull();
    expect(sim.faults.decisions.map((d) => [d.type, d.target])).toEqual([
      ["track-stuck", "event TrackStartEvent"],
    ]);
    await client.close();
  });

  it("by probability: track-stuck at toxicity 0.3 hits a share of 100 track starts", async () => {
    sim = await testSimulator();
    const client = await TestClient.connect(sim);
    sim.faults.add({ type: "track-stuck", toxicity: 0.3, afterMs: 1_000 });
    const { encoded } = await loadOne(sim);
    for (let i = 0; i < 100; i++) {
      await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${GUILD}`, { track: { encoded } });
    }
    const starts = sim.log.filter({ type: "TrackStartEvent" });
    const hits = starts.filter((e) => e.faults?.[0]?.type === "track-stuck").length;
    expect(starts).toHaveLength(100);
    // Binomial(100, 0.3): mean 30, sigma ≈ 4.6; 4 sigma either side.
    expect(hits).toBeGreaterThan(30 - 4 * 4.6);
    expect(hits).toBeLessThan(30 + 4 * 4.6);
    // Only the last start can still get stuck: the earlier tracks were replaced before their second.
    const lastHit = starts.at(-1)?.faults !== undefined;
    await sim.clock.advance(1_000 + 10_000);
    expect(sim.log.filter({ type: "TrackStuckEvent" })).toHaveLength(lastHit ? 1 : 0);
    await client.close();
  });

  it("by probability: voice-close hits a share of a connected player's updates", async () => {
    const client = await play({ playerUpdateInterval: 100 });
    sim.faults.add({ type: "voice-close", toxicity: 0.25, code: 4006 });
    // Reconnect the voice after each close so every update is a chance.
    for (let i = 0; i < 40; i++) {
      await sim.clock.advance(100);
      if (sim.getPlayer(undefined, GUILD)?.state.connected === false) {
        await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${GUILD}`, { voice: VOICE });
      }
    }
    const hits = sim.faults.decisions.filter((d) => d.type === "voice-close").length;
    const closes = sim.log.filter({ type: "WebSocketClosedEvent" }).length;
    expect(closes).toBe(hits);
    expect(hits).toBeGreaterThan(2);
    expect(hits).toBeLessThan(25);
    await client.close();
  });

  it("slow-node: stats over WebSocket and REST report high CPU load and a frame deficit", async () => {
    const client = await play();
    sim.faults.add({ type: "slow-node", cpuLoad: 0.95, frameDeficit: 1500 });
    // Lavalink counts a player in frameStats only once it played through a whole clock minute.
    await sim.clock.advance(120_000);
    const stats = await client.next<StatsOp>(
      (m) => m.op === "stats" && m.cpu.lavalinkLoad === 0.95 && m.frameStats !== null,
    );
    expect(stats.cpu.systemLoad).toBeGreaterThanOrEqual(0.95);
    expect(stats.frameStats).toEqual({ sent: 1500, nulled: 0, deficit: 1500 });
    const viaRest = (await rest(sim, "GET", "/v4/stats")).body as { cpu: { lavalinkLoad: number } };
    expect(viaRest.cpu.lavalinkLoad).toBe(0.95);
    expect(sim.log.filter({ kind: "rest", path: "/v4/stats", direction: "out" })[0]?.faults?.[0]?.type).toBe(
      "slow-node",
    );
    await client.close();
  });
});
