import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Rig, rig, song } from "./helpers/playback.js";

/**
 * Bound: the estimate may lag the node by at most one clock step of unprocessed I/O. Both sides read
 * the same virtual clock, so after the I/O has settled the estimate must match the node exactly
 * within 50 ms (rounding of speed × elapsed), paused or playing, with or without a timescale.
 */
const BOUND_MS = 50;

describe("position estimate vs the simulator's truth on the virtual clock", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  function check(): number {
    const truth = r.truth()?.state.position ?? -1;
    expect(Math.abs(r.player.position - truth)).toBeLessThanOrEqual(BOUND_MS);
    return truth;
  }

  it("tracks playing, paused, seeked and timescaled playback within the bound", async () => {
    const t = await r.load(song("long", 600_000));
    await r.player.play(t);
    const samples: number[] = [];
    for (let i = 0; i < 12; i++) {
      await r.advance(1_700, 850); // off the 5 s playerUpdate grid on purpose
      samples.push(check());
    }
    expect(samples.at(-1)).toBeGreaterThan(20_000);

    await r.player.pause();
    const paused = check();
    await r.advance(10_000);
    expect(check()).toBe(paused);
    expect(r.player.position).toBe(paused);
    await r.player.resume();

    await r.player.seek(60_000);
    expect(check()).toBe(60_000);
    await r.advance(3_000);
    check();

    r.player.filters.setTimescale({ speed: 1.5, rate: 1.2 });
    await r.player.setFilters();
    expect(r.player.filters.timescaleFactor).toBeCloseTo(1.8);
    const before = check();
    for (let i = 0; i < 6; i++) {
      await r.advance(1_300, 650);
      check();
    }
    expect((r.truth()?.state.position ?? 0) - before).toBeGreaterThan(1.8 * 7_800 - BOUND_MS);
  });
});
