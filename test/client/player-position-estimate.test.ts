import { describe, expect } from "vitest";
import type { Player } from "../../src/index.js";
import { catalogTrack, type TestEnvironment } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

/**
 * Bound: the estimate may lag the node by at most one clock step of unprocessed I/O. Both sides read
 * the same virtual clock, so after the I/O has settled the estimate must match the node exactly
 * within 50 ms (rounding of speed × elapsed), paused or playing, with or without a timescale.
 */
const BOUND_MS = 50;

describe("position estimate vs the simulator's truth on the virtual clock", () => {
  function check(sonora: TestEnvironment, player: Player): number {
    const truth = sonora.nodePlayer()?.state.position ?? -1;
    expect(Math.abs(player.position - truth)).toBeLessThanOrEqual(BOUND_MS);
    return truth;
  }

  test("tracks playing, paused, seeked and timescaled playback within the bound", async ({
    sonora,
    player,
  }) => {
    const t = await sonora.loadTrack(catalogTrack("long", 600_000));
    await player.play(t);
    const samples: number[] = [];
    for (let i = 0; i < 12; i++) {
      await sonora.advance(1_700, { stepMs: 850 }); // off the 5 s playerUpdate grid on purpose
      samples.push(check(sonora, player));
    }
    expect(samples.at(-1)).toBeGreaterThan(20_000);

    await player.pause();
    const paused = check(sonora, player);
    await sonora.advance(10_000);
    expect(check(sonora, player)).toBe(paused);
    expect(player.position).toBe(paused);
    await player.resume();

    await player.seek(60_000);
    expect(check(sonora, player)).toBe(60_000);
    await sonora.advance(3_000);
    check(sonora, player);

    player.filters.setTimescale({ speed: 1.5, rate: 1.2 });
    await player.setFilters();
    expect(player.filters.timescaleFactor).toBeCloseTo(1.8);
    const before = check(sonora, player);
    for (let i = 0; i < 6; i++) {
      await sonora.advance(1_300, { stepMs: 650 });
      check(sonora, player);
    }
    expect((sonora.nodePlayer()?.state.position ?? 0) - before).toBeGreaterThan(1.8 * 7_800 - BOUND_MS);
  });
});
