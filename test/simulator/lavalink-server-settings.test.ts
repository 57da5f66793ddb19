import { describe, expect, it } from "vitest";
import type { StatsOp } from "../../src/protocol/index.js";
import { SimulatorError, simulatedRoutePlanner } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

describe("server settings Lavalink has, as options", () => {
  it("frameStats count a player only after a full clock minute of play, and a pause gap restarts that", async () => {
    const sim = await testSimulator({ statsInterval: 30_000 });
    const client = await TestClient.connect(sim);
    const path = `/v4/sessions/${client.sessionId}/players/1`;
    const { encoded } = await loadOne(sim, "sonora:track:600000");
    await rest(sim, "PATCH", path, { track: { encoded } });
    const statsAt = async (ms: number): Promise<StatsOp> => {
      await sim.clock.advance(ms);
      return client.next<StatsOp>((m) => m.op === "stats");
    };
    // The clock starts on a minute: the first full minute after the start has not ended at +90 s …
    expect((await statsAt(90_000)).frameStats).toBeNull();
    // … and has by +120 s.
    await sim.clock.advance(30_000);
    const counted = await client.next<StatsOp>((m) => m.op === "stats" && m.frameStats !== null);
    expect(counted.frameStats).toEqual({ sent: 3000, nulled: 0, deficit: 0 });
    // A pause longer than a track switch starts the window again.
    await rest(sim, "PATCH", path, { paused: true });
    await sim.clock.advance(1_000);
    await rest(sim, "PATCH", path, { paused: false });
    const after = await statsAt(30_000);
    expect(after.frameStats).toBeNull();
    await client.close();
  });

  it("a strict-voice player without voice is never counted: lavaplayer's cleanup ends it first", async () => {
    const sim = await testSimulator({ statsInterval: 30_000, strictVoice: true });
    const client = await TestClient.connect(sim);
    const { encoded } = await loadOne(sim, "sonora:track:600000");
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, { track: { encoded } });
    // Unpolled for a minute, lavaplayer's cleanup ends it first: no playing player, no frame stats.
    await sim.clock.advance(180_000);
    expect(sim.getPlayer(undefined, "1")?.track).toBeNull();
    await client.close();
  });

  it("the track-stuck threshold is the node's setting unless a track names its own", async () => {
    const sim = await testSimulator({ trackStuckThresholdMs: 3_000 });
    const client = await TestClient.connect(sim);
    const { encoded } = await loadOne(sim, "sonora:stuck@1000");
    await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, { track: { encoded } });
    await sim.clock.advance(1_000 + 3_000);
    const stuck = (await client.event("TrackStuckEvent")) as unknown as { thresholdMs: number };
    expect(stuck.thresholdMs).toBe(3_000);
    await client.close();
  });

  it("route planners of each class answer the status route; free/address works on them", async () => {
    for (const type of [
      "RotatingIpRoutePlanner",
      "NanoIpRoutePlanner",
      "RotatingNanoIpRoutePlanner",
      "BalancingIpRoutePlanner",
    ] as const) {
      const sim = await testSimulator({ routePlanner: simulatedRoutePlanner(type, "203.0.113.0/24") });
      const status = await rest(sim, "GET", "/v4/routeplanner/status");
      expect(status.body).toMatchObject({
        class: type,
        details: { ipBlock: { type: "Inet4Address", size: "256" }, failingAddresses: [] },
      });
      expect(
        (await rest(sim, "POST", "/v4/routeplanner/free/address", { address: "203.0.113.7" })).status,
      ).toBe(204);
    }
    expect(() => simulatedRoutePlanner("RotatingIpRoutePlanner", "not-a-block")).toThrow(SimulatorError);
  });
});
