import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

// Lavalink schedules each player's playerUpdate from its TrackStart at a fixed rate; the simulator
// keeps that phase per player (on one timer per session), so players started at different times are
// not all updated in one burst.
describe("periodic playerUpdates keep each player's own phase", () => {
  let sim: VirtualSimulator;
  let client: TestClient;
  beforeEach(async () => {
    sim = await testSimulator({ playerUpdateInterval: 5_000 });
    client = await TestClient.connect(sim);
  });
  afterEach(async () => {
    await client.close();
    await sim.stop();
  });

  /** Clock times (relative to `t0`) of the periodic updates each guild got: immediate ones left out. */
  function periodic(t0: number, starts: Record<string, number>): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const e of sim.log.filter({ op: "playerUpdate" })) {
      const guild = e.guildId!;
      const at = e.at - t0;
      if (at === starts[guild]) continue; // the update sent with the TrackStart itself
      const list = out[guild] ?? [];
      list.push(at);
      out[guild] = list;
    }
    return out;
  }

  it("updates every player every interval from its own start, on one timer", async () => {
    const { encoded } = await loadOne(sim);
    const t0 = sim.clock.now();
    const path = (guild: string) => `/v4/sessions/${client.sessionId}/players/${guild}`;
    await rest(sim, "PATCH", path("1"), { track: { encoded } });
    await sim.clock.advance(1_000);
    await rest(sim, "PATCH", path("2"), { track: { encoded } });
    await sim.clock.advance(2_500);
    await rest(sim, "PATCH", path("3"), { track: { encoded } });
    // Every player's updates on one timer (plus the stats interval and the playback scheduler).
    expect(sim.clock.pending).toBeLessThanOrEqual(4);
    await sim.clock.advance(12_000); // to t0 + 15.5 s

    expect(periodic(t0, { "1": 0, "2": 1_000, "3": 3_500 })).toEqual({
      "1": [5_000, 10_000, 15_000],
      "2": [6_000, 11_000],
      "3": [8_500, 13_500],
    });
  });

  it("restarts the phase on a new track and stops with the track or the player", async () => {
    const { encoded } = await loadOne(sim);
    const t0 = sim.clock.now();
    const path = (guild: string) => `/v4/sessions/${client.sessionId}/players/${guild}`;
    await rest(sim, "PATCH", path("1"), { track: { encoded } });
    await rest(sim, "PATCH", path("2"), { track: { encoded } });
    await sim.clock.advance(7_000);
    await rest(sim, "PATCH", path("1"), { track: { encoded } }); // a new TrackStart at 7 s
    await rest(sim, "PATCH", path("2"), { track: { encoded: null } }); // stopped: no more updates
    await sim.clock.advance(10_000); // to 17 s

    const updates = periodic(t0, { "1": 0, "2": 0 });
    // Guild 1: 5 s from its first start, then 12 s and 17 s from the new one (not 10 s and 15 s).
    expect(updates["1"]!.filter((at) => at !== 7_000)).toEqual([5_000, 12_000, 17_000]);
    // Guild 2: only the one before it stopped (plus the immediate update of the stop itself).
    expect(updates["2"]!.filter((at) => at !== 7_000)).toEqual([5_000]);

    await rest(sim, "DELETE", path("1"));
    const before = sim.log.filter({ op: "playerUpdate" }).length;
    await sim.clock.advance(20_000);
    expect(sim.log.filter({ op: "playerUpdate" }).length).toBe(before);
  });
});
