import { describe, expect } from "vitest";
import { catalogTrack } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("a playerUpdate the node sent before a seek, delivered after the seek's answer", () => {
  test("does not drag the estimate back to the old position", async ({ sonora, player }) => {
    await player.play(await sonora.loadTrack(catalogTrack("seeker", 600_000)));
    await sonora.advance(60_000);
    // WebSocket frames now arrive 1 s late; REST answers are not delayed.
    sonora.simulator.faults.add({
      type: "latency",
      latency: 1_000,
      toxicity: 1,
      scope: "ws",
      direction: "downstream",
    });
    // Up to the moment the next playerUpdate (position ≈ 65 s) leaves the node: it is now held.
    await sonora.advance(5_000);
    await player.seek(1_000);
    expect(player.position).toBe(1_000);
    const received: number[] = [];
    player.on("playerUpdate", (state) => received.push(state.position));
    const positions: number[] = [];
    for (let i = 0; i < 30; i++) {
      await sonora.advance(100);
      positions.push(player.position);
    }
    // The stale report (≈ 65 s, stamped before the seek) did reach the player meanwhile.
    expect(received.some((p) => p > 60_000)).toBe(true);
    // 3 s after the seek: about 4 s into the track, never near the old 65 s.
    expect(Math.max(...positions)).toBeLessThanOrEqual(4_000);
    for (let i = 1; i < positions.length; i++)
      expect(positions[i]!).toBeGreaterThanOrEqual(positions[i - 1]!);
  });
});
