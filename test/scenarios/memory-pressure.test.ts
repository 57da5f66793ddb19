import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect } from "vitest";
import { sonoraTest as test } from "../../src/testing/vitest.js";

/**
 * The garbage collector: `global.gc` under --expose-gc, else enabled at runtime through V8's flags
 * (a fresh context then exposes `gc`). Null only where neither works.
 */
function garbageCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
}

describe("scenario: memory pressure — 2,000 tracks", () => {
  test("2,000 tracks queue, shuffle, play and clear without losing or duplicating one", async ({
    sonora,
  }) => {
    const player = await sonora.player();
    const tracks = sonora.tracks(2_000);
    const gc = garbageCollector();
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;

    await player.queue.add(tracks);
    expect(player.queue.size).toBe(2_000);
    await player.queue.shuffle();
    expect(player.queue.size).toBe(2_000);
    expect(new Set(player.queue.upcoming)).toEqual(new Set(tracks));

    // The queue keeps working at this size: play through a few.
    const first = await player.play();
    expect(first).not.toBeNull();
    for (let i = 0; i < 5; i++) await player.skip();
    expect(player.queue.size).toBe(2_000 - 6);
    expect(sonora.simulator.getPlayer(undefined, player.guildId)?.track?.info.identifier).toBe(
      player.currentTrack?.identifier,
    );
    // History is bounded whatever the queue's size.
    expect(player.queue.history.length).toBeLessThanOrEqual(player.queue.historySize);

    if (gc) {
      gc();
      // Queue bookkeeping for 2,000 existing tracks: well under 2 KiB each.
      expect((process.memoryUsage().heapUsed - heapBefore) / 2_000).toBeLessThan(2_048);
    }
    expect(await player.queue.clear()).toBe(2_000 - 6);
    expect(player.queue.isEmpty).toBe(true);
  });
});
