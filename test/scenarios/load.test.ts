import { describe, expect } from "vitest";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: load — 100 concurrent adds", () => {
  test("100 concurrent adds are all queued once, in order, and playback walks through them", async ({
    sonora,
    player,
  }) => {
    const tracks = sonora.tracks(100);
    const results = await Promise.all(tracks.map((t) => player.queue.add(t)));
    expect(results).toHaveLength(100);
    expect(player.queue.size).toBe(100);
    expect(player.queue.upcoming).toEqual(tracks);
    expect(new Set(player.queue.upcoming.map((t) => t.encoded)).size).toBe(100);

    // The queue still behaves: play the first, and the finished track hands over to the next.
    expect(await player.play()).toBe(tracks[0]);
    const [, next] = await sonora.advanceUntil("trackStart", { filter: (_p, t) => t === tracks[1] });
    expect(next).toBe(tracks[1]);
    expect(player.queue.size).toBe(98);
    expect(sonora.simulator.getPlayer(undefined, player.guildId)?.track?.info.identifier).toBe(
      tracks[1]!.identifier,
    );
  });
});
