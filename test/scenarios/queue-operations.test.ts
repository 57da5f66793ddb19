import { describe, expect } from "vitest";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: queue operations — add, smart shuffle, skip", () => {
  test("five adds, a smart shuffle that keeps every track, five skips that empty the queue", async ({
    sonora,
    player,
  }) => {
    const tracks = sonora.tracks(5);
    for (const track of tracks) await player.queue.add(track);
    expect(player.queue.size).toBe(5);
    expect(player.queue.upcoming).toEqual(tracks);
    expect(player.currentTrack).toBeNull(); // adding never starts playback

    await player.queue.smartShuffle();
    expect(player.queue.size).toBe(5);
    const shuffled = [...player.queue.upcoming];
    expect(new Set(shuffled)).toEqual(new Set(tracks));

    const played = [];
    for (let i = 0; i < 5; i++) {
      const next = await player.skip();
      expect(next).toBe(shuffled[i]);
      expect(player.queue.size).toBe(4 - i);
      expect(sonora.simulator.getPlayer(undefined, player.guildId)?.track?.info.identifier).toBe(
        next?.identifier,
      );
      played.push(next);
    }
    expect(played).toEqual(shuffled);
    expect(player.queue.isEmpty).toBe(true);
    expect(player.currentTrack).toBe(shuffled[4]);
  });
});
