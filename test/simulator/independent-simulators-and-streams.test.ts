import { describe, expect, it } from "vitest";
import { encodeTrack } from "../../src/protocol/codec/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest, TestClient } from "./helpers.js";

describe("independent simulators, endless streams, many players", () => {
  it("two simulators in one process keep separate clocks, sessions and players", async () => {
    const a = await testSimulator({ seed: 1 });
    const b = await testSimulator({ seed: 2 });
    try {
      const ca = await TestClient.connect(a);
      const cb = await TestClient.connect(b);
      await rest(a, "PATCH", `/v4/sessions/${ca.sessionId}/players/1`, { track: { identifier: "x" } });
      await a.clock.advance(10_000);
      expect(a.players).toHaveLength(1);
      expect(b.players).toHaveLength(0);
      expect(a.clock.now() - b.clock.now()).toBe(10_000);
      expect((await rest(b, "GET", `/v4/sessions/${ca.sessionId}/players`)).status).toBe(404);
      await ca.close();
      await cb.close();
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("a stream never ends and 500 players cost one pending timer", async () => {
    const sim = await testSimulator({ log: false });
    try {
      const client = await TestClient.connect(sim);
      const stream = encodeTrack({
        identifier: "live",
        isSeekable: false,
        author: "Radio",
        length: 2 ** 63,
        isStream: true,
        position: 0,
        title: "Live radio",
        uri: "https://example.com/live",
        artworkUrl: null,
        isrc: null,
        sourceName: "http",
      });
      await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/1`, { track: { encoded: stream } });
      await sim.clock.advance(24 * 3_600_000);
      expect(sim.getPlayer(undefined, "1")?.state.position).toBe(24 * 3_600_000);
      expect(client.frames.some((m) => m.op === "event" && m.type === "TrackEndEvent")).toBe(false);

      const finite = encodeTrack({
        identifier: "t",
        isSeekable: true,
        author: "a",
        length: 120_000,
        isStream: false,
        position: 0,
        title: "t",
        uri: null,
        artworkUrl: null,
        isrc: null,
        sourceName: "http",
      });
      for (let g = 2; g < 502; g++) {
        await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/${g}`, {
          track: { encoded: finite },
        });
      }
      // Session intervals (playerUpdate, stats) plus the one scheduler timer — not one per player.
      expect(sim.clock.pending).toBeLessThanOrEqual(4);
      await sim.clock.advance(120_000);
      expect(sim.players.filter((p) => p.track !== null)).toHaveLength(1);
      await client.close();
    } finally {
      await sim.stop();
    }
  });
});
