import { describe, expect } from "vitest";
import { catalogTrack } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("concurrent player and queue calls end in call order", () => {
  test("ten adds racing two skips: nothing lost or doubled, the node plays what the queue says", async ({
    sonora,
    player,
  }) => {
    const tracks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => sonora.loadTrack(catalogTrack(`t${i}`))),
    );
    const first = await sonora.loadTrack(catalogTrack("first"));
    await player.play(first);
    const ops: Promise<unknown>[] = [];
    tracks.forEach((t, i) => {
      ops.push(player.queue.add(t));
      if (i === 2 || i === 5) ops.push(player.skip());
    });
    await Promise.all(ops);
    // skip #1 ran after t0..t2 were added (takes t0); skip #2 after t3..t5 (takes t1)
    expect(player.currentTrack).toBe(tracks[1]);
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(catalogTrack("t1"));
    expect(player.queue.upcoming).toEqual(tracks.slice(2));
    expect(player.queue.history.slice(0, 2)).toEqual([tracks[0], first]);
  });

  test("play, pause, setVolume and seek issued together are applied in call order", async ({
    sonora,
    player,
  }) => {
    const t = await sonora.loadTrack(catalogTrack("x"));
    await Promise.all([
      player.play(t),
      player.pause(),
      player.setVolume(300),
      player.resume(),
      player.setVolume(40),
    ]);
    expect(sonora.nodePlayer()).toMatchObject({
      paused: false,
      volume: 40,
      track: { info: { identifier: catalogTrack("x") } },
    });
    expect(player.volume).toBe(40);
    expect(player.paused).toBe(false);
  });
});
