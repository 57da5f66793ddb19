import { describe, expect } from "vitest";
import { sonoraTest as test } from "../../src/testing/vitest.js";
import { measureHeap } from "./helpers.js";

describe("scenario: memory — 500 queued tracks", () => {
  test("500 tracks queue up, are held once each, and are released when the queue is cleared", async ({
    sonora,
    player,
  }) => {
    const tracks = sonora.tracks(500);
    const heap = measureHeap();
    await player.queue.add(tracks);
    expect(player.queue.size).toBe(500);
    // Structural checks, always: the queue holds the very objects added, no copies.
    expect(player.queue.upcoming).toEqual(tracks);
    expect(player.queue.upcoming.every((t, i) => t === tracks[i])).toBe(true);
    expect(player.queue.duration).toBe(tracks.reduce((sum, t) => sum + t.length, 0));
    const perTrack = heap.growthPer(500);
    if (perTrack !== null) {
      // The tracks existed before: only the queue's bookkeeping counts (measured ≈ 0.55 KiB per
      // entry); 4 KiB leaves room for unrelated allocations on a busy runner.
      expect(perTrack).toBeLessThan(4_096);
    }
    expect(await player.queue.clear()).toBe(500);
    expect(player.queue.size).toBe(0);
    expect(player.queue.upcoming).toHaveLength(0);
    expect(player.queue.duration).toBe(0);
  });
});
