import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Rig, rig, song } from "./helpers/playback.js";

describe("concurrent player and queue calls end in call order", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  it("ten adds racing two skips: nothing lost or doubled, the node plays what the queue says", async () => {
    const tracks = await Promise.all(Array.from({ length: 10 }, (_, i) => r.load(song(`t${i}`))));
    const first = await r.load(song("first"));
    await r.player.play(first);
    const ops: Promise<unknown>[] = [];
    tracks.forEach((t, i) => {
      ops.push(r.player.queue.add(t));
      if (i === 2 || i === 5) ops.push(r.player.skip());
    });
    await Promise.all(ops);
    // skip #1 ran after t0..t2 were added (takes t0); skip #2 after t3..t5 (takes t1)
    expect(r.player.currentTrack).toBe(tracks[1]);
    expect(r.truth()?.track?.info.identifier).toBe(song("t1"));
    expect(r.player.queue.upcoming).toEqual(tracks.slice(2));
    expect(r.player.queue.history.slice(0, 2)).toEqual([tracks[0], first]);
  });

  it("play, pause, setVolume and seek issued together are applied in call order", async () => {
    const t = await r.load(song("x"));
    await Promise.all([
      r.player.play(t),
      r.player.pause(),
      r.player.setVolume(300),
      r.player.resume(),
      r.player.setVolume(40),
    ]);
    expect(r.truth()).toMatchObject({
      paused: false,
      volume: 40,
      track: { info: { identifier: song("x") } },
    });
    expect(r.player.volume).toBe(40);
    expect(r.player.paused).toBe(false);
  });
});
