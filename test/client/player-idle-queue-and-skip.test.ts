import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Rig, rig, song } from "./helpers/playback.js";

describe("an idle player: queue.add does not start playback, skip() does", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  it("adds wait in the queue until skip() starts the first of them", async () => {
    const first = await r.load(song("first"));
    const second = await r.load(song("second"));
    await r.player.queue.add([first, second]);
    await r.advance(30_000);
    expect(r.player.currentTrack).toBeNull();
    expect(r.player.queue.current).toBeNull();
    expect(r.truth()).toBeUndefined(); // the node never heard of this player
    expect(r.sim.log.filter({ type: "TrackStartEvent" })).toHaveLength(0);

    expect(await r.player.skip()).toBe(first);
    expect(r.player.currentTrack).toBe(first);
    expect(r.player.queue.upcoming).toEqual([second]);
    expect(r.player.queue.history).toEqual([]);
    expect(r.truth()?.track?.info.identifier).toBe(first.identifier);
  });
});
