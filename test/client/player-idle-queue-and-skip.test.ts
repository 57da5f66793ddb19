import { describe, expect } from "vitest";
import { catalogTrack } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("an idle player: queue.add does not start playback, skip() does", () => {
  test("adds wait in the queue until skip() starts the first of them", async ({ sonora }) => {
    // Not in voice: joining would create the player on the node, which this test says never happens.
    const player = await sonora.player(undefined, { channelId: false });
    const first = await sonora.loadTrack(catalogTrack("first"));
    const second = await sonora.loadTrack(catalogTrack("second"));
    await player.queue.add([first, second]);
    await sonora.advance(30_000);
    expect(player.currentTrack).toBeNull();
    expect(player.queue.current).toBeNull();
    expect(sonora.nodePlayer()).toBeUndefined(); // the node never heard of this player
    expect(sonora.simulator.log.filter({ type: "TrackStartEvent" })).toHaveLength(0);

    expect(await player.skip()).toBe(first);
    expect(player.currentTrack).toBe(first);
    expect(player.queue.upcoming).toEqual([second]);
    expect(player.queue.history).toEqual([]);
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(first.identifier);
  });
});
