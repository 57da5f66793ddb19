import { describe, expect } from "vitest";
import type { Track } from "../../src/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: high frequency — 50 add+skip pairs", () => {
  test("fifty add-then-skip pairs fired back to back play each added track in turn and end consistent", async ({
    sonora,
    player,
  }) => {
    const tracks = sonora.tracks(50);
    const starts: Track[] = [];
    player.on("trackStart", (t) => starts.push(t));
    const skipped: Promise<Track | null>[] = [];
    for (const track of tracks) {
      void player.queue.add(track);
      skipped.push(player.skip());
    }
    const results = await Promise.all(skipped);
    // Each skip took the track added just before it.
    expect(results).toEqual(tracks);
    await sonora.settle();
    expect(player.currentTrack).toBe(tracks[49]);
    expect(player.queue.isEmpty).toBe(true);
    expect(sonora.simulator.getPlayer(undefined, player.guildId)?.track?.info.identifier).toBe(
      tracks[49]!.identifier,
    );
    // The node was asked for each in order; the last start it reports is the last track.
    expect(starts.at(-1)).toBe(tracks[49]);
    expect(player.queue.history[0]).toBe(tracks[48]);
  });
});
