import { describe, expect } from "vitest";
import { sonoraTest as test } from "../../src/testing/vitest.js";
import { measureHeap } from "./helpers.js";

describe("scenario: memory pressure — 2,000 tracks", () => {
  test("2,000 tracks queue, shuffle, play and clear without losing or duplicating one", async ({
    sonora,
    player,
  }) => {
    const tracks = sonora.tracks(2_000);
    const heap = measureHeap();

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

    const perTrack = heap.growthPer(2_000);
    if (perTrack !== null) {
      // Queue bookkeeping for 2,000 existing tracks: well under 2 KiB each.
      expect(perTrack).toBeLessThan(2_048);
    }
    expect(await player.queue.clear()).toBe(2_000 - 6);
    expect(player.queue.isEmpty).toBe(true);
  });
});
