import { describe, expect, it } from "vitest";
import type { StatsOp } from "../../src/protocol/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

// Lavalink's docs say frameStats is "missing" on GET /v4/stats, but StatsCollector.getStats()
// returns the Stats interface, which Spring serialises with Jackson, nulls included.
describe("GET /v4/stats serialises frameStats: null, as Lavalink's REST handler does", () => {
  it("is null on REST even while the stats op reports frame stats for a playing player", async () => {
    const sim = await testSimulator({ statsInterval: 10_000 });
    const client = await TestClient.connect(sim);
    const idle = await rest(sim, "GET", "/v4/stats");
    expect(idle.text).toContain('"frameStats":null');
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/7`, { track: { encoded } });
    await sim.clock.advance(120_000);
    const frame = await client.next<StatsOp>(
      (m) => m.op === "stats" && m.playingPlayers === 1 && m.frameStats !== null,
    );
    expect(frame.frameStats).toEqual({ sent: 3000, nulled: 0, deficit: 0 });
    const playing = await rest(sim, "GET", "/v4/stats");
    expect(playing.body).toMatchObject({ players: 1, playingPlayers: 1, frameStats: null });
    expect(Object.hasOwn(playing.body as object, "frameStats")).toBe(true);
  });
});
