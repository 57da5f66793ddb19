import { describe, expect, it } from "vitest";
import type { StatsOp, WebSocketClosedEvent } from "../../src/protocol/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

const GUILD = "42";
const VOICE = { token: "tok", endpoint: "us-east1.discord.media", sessionId: "vs", channelId: "777" };

describe("voice connections, strictVoice and stats", () => {
  it("lenient by default: a track plays without voice; with voice the player reports connected and a ping", async () => {
    const sim = await testSimulator();
    const client = await TestClient.connect(sim);
    const path = `/v4/sessions/${client.sessionId}/players/${GUILD}`;
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", path, { track: { encoded } });
    await sim.clock.advance(1_000);
    expect(sim.getPlayer(undefined, GUILD)).toMatchObject({
      state: { position: 1_000, connected: false, ping: -1 },
    });
    const res = await rest(sim, "PATCH", path, { voice: VOICE });
    expect(res.body).toMatchObject({ voice: VOICE, state: { connected: true } });
    const ping = sim.getPlayer(undefined, GUILD)?.state.ping ?? -1;
    expect(ping).toBeGreaterThan(0);
  });

  it("strictVoice: the track waits for a voice connection, and freezes when Discord closes it", async () => {
    const sim = await testSimulator({ strictVoice: true });
    const client = await TestClient.connect(sim);
    const path = `/v4/sessions/${client.sessionId}/players/${GUILD}`;
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", path, { track: { encoded } });
    await client.event("TrackStartEvent");
    await sim.clock.advance(10_000);
    expect(sim.getPlayer(undefined, GUILD)).toMatchObject({ advancing: false, state: { position: 0 } });

    await rest(sim, "PATCH", path, { voice: VOICE });
    await sim.clock.advance(10_000);
    expect(sim.getPlayer(undefined, GUILD)).toMatchObject({ advancing: true, state: { position: 10_000 } });

    sim.closeVoice(client.sessionId, GUILD, { code: 4014, reason: "Disconnected", byRemote: true });
    const closed = await client.event<WebSocketClosedEvent>("WebSocketClosedEvent");
    expect(closed).toMatchObject({ guildId: GUILD, code: 4014, reason: "Disconnected", byRemote: true });
    await sim.clock.advance(10_000);
    expect(sim.getPlayer(undefined, GUILD)).toMatchObject({ state: { position: 10_000, connected: false } });
  });

  it("stats count players and playing players; frameStats only when something plays", async () => {
    const sim = await testSimulator({ statsInterval: 10_000 });
    const client = await TestClient.connect(sim);
    const first = await client.next<StatsOp>((m) => m.op === "stats");
    expect(first.frameStats).toBeNull();
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, { track: { encoded } });
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/2`, {
      track: { encoded },
      paused: true,
    });
    await sim.clock.advance(10_000);
    const second = await client.next<StatsOp>((m) => m.op === "stats");
    // Lavalink's AudioLossCounter: no player counts before it played through a whole clock minute.
    expect(second).toMatchObject({ players: 2, playingPlayers: 1, frameStats: null });
    await sim.clock.advance(120_000);
    const later = await client.next<StatsOp>((m) => m.op === "stats" && m.frameStats !== null);
    // The paused player is not a playing player: only the one playing counts.
    expect(later.frameStats).toEqual({ sent: 3000, nulled: 0, deficit: 0 });
    expect(second.memory.used).toBeLessThanOrEqual(second.memory.allocated);
    expect(second.cpu.cores).toBe(4);
  });
});
