import { describe, expect } from "vitest";
import type { TrackEndReason } from "../../src/protocol/index.js";
import { catalogTrack, deliverFrame, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("auto-advance on TrackEnd, for every reason", () => {
  const ends: TrackEndReason[] = [];
  test.beforeEach(async ({ player }) => {
    ends.length = 0;
    player.on("trackEnd", (_t, reason) => ends.push(reason));
  });

  test("finished: the next queued track starts by itself, then the player goes idle", async ({
    sonora,
    player,
  }) => {
    const [a, b] = [await sonora.loadTrack(catalogTrack("a")), await sonora.loadTrack(catalogTrack("b"))];
    await player.queue.add(b);
    await player.play(a);
    await sonora.advance(a.length + 1_000);
    await waitUntil(() => sonora.nodePlayer()?.track?.info.identifier === b.identifier, "b started");
    expect(ends).toEqual(["finished"]);
    expect(player.currentTrack).toBe(b);
    expect(player.queue.history[0]).toBe(a);
    await sonora.advance(b.length + 1_000);
    await waitUntil(() => ends.length === 2, "b ended");
    expect(sonora.nodePlayer()?.track).toBeNull();
    expect(player.currentTrack).toBeNull();
  });

  test("loadFailed: skips to the next track (even in track loop)", async ({ sonora, player }) => {
    // A track the simulator fails to load when played (TrackStart, TrackException, TrackEnd loadFailed).
    const [bad, good] = [
      await sonora.loadTrack("sonora:loadfail#broken"),
      await sonora.loadTrack(catalogTrack("good")),
    ];
    player.queue.setLoop("track");
    await player.queue.add(good);
    await player.play(bad);
    await sonora.advance(2_000, { stepMs: 100 });
    await waitUntil(() => sonora.nodePlayer()?.track?.info.identifier === good.identifier, "good started");
    expect(ends[0]).toBe("loadFailed");
    expect(player.currentTrack).toBe(good);
  });

  test("stopped and replaced do not start the next track", async ({ sonora, player }) => {
    const [a, b, c] = [
      await sonora.loadTrack(catalogTrack("a")),
      await sonora.loadTrack(catalogTrack("b")),
      await sonora.loadTrack(catalogTrack("c")),
    ];
    await player.queue.add(c);
    await player.play(a);
    await player.play(b); // replaces a
    await waitUntil(() => ends.includes("replaced"), "replaced event");
    expect(player.currentTrack).toBe(b);
    await player.stop();
    await waitUntil(() => ends.includes("stopped"), "stopped event");
    await sonora.advance(5_000);
    expect(sonora.nodePlayer()?.track).toBeNull();
    expect(player.queue.upcoming).toEqual([c]);
  });

  test("cleanup does not start the next track", async ({ sonora, player }) => {
    const [a, b] = [await sonora.loadTrack(catalogTrack("a")), await sonora.loadTrack(catalogTrack("b"))];
    await player.queue.add(b);
    await player.play(a);
    deliverFrame(player.node, {
      op: "event",
      type: "TrackEndEvent",
      guildId: TEST_GUILD_ID,
      track: a.toJSON(),
      reason: "cleanup",
    });
    await sonora.advance(2_000);
    expect(ends).toEqual(["cleanup"]);
    expect(player.queue.upcoming).toEqual([b]);
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(catalogTrack("a"));
  });
});
