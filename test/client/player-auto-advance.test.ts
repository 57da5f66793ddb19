import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TrackEndReason } from "../../src/protocol/index.js";
import { deliverFrame } from "../../src/testing/index.js";
import { GUILD, type Rig, rig, song, until } from "./helpers/playback.js";

describe("auto-advance on TrackEnd, for every reason", () => {
  let r: Rig;
  const ends: TrackEndReason[] = [];
  beforeEach(async () => {
    r = await rig();
    ends.length = 0;
    r.player.on("trackEnd", (_t, reason) => ends.push(reason));
  });
  afterEach(async () => {
    await r.close();
  });

  it("finished: the next queued track starts by itself, then the player goes idle", async () => {
    const [a, b] = [await r.load(song("a")), await r.load(song("b"))];
    await r.player.queue.add(b);
    await r.player.play(a);
    await r.advance(a.length + 1_000);
    await until(() => r.truth()?.track?.info.identifier === b.identifier, "b started");
    expect(ends).toEqual(["finished"]);
    expect(r.player.currentTrack).toBe(b);
    expect(r.player.queue.history[0]).toBe(a);
    await r.advance(b.length + 1_000);
    await until(() => ends.length === 2, "b ended");
    expect(r.truth()?.track).toBeNull();
    expect(r.player.currentTrack).toBeNull();
  });

  it("loadFailed: skips to the next track (even in track loop)", async () => {
    // A track the simulator fails to load when played (TrackStart, TrackException, TrackEnd loadFailed).
    const [bad, good] = [await r.load("sonora:loadfail#broken"), await r.load(song("good"))];
    r.player.queue.setLoop("track");
    await r.player.queue.add(good);
    await r.player.play(bad);
    await r.advance(2_000, 100);
    await until(() => r.truth()?.track?.info.identifier === good.identifier, "good started");
    expect(ends[0]).toBe("loadFailed");
    expect(r.player.currentTrack).toBe(good);
  });

  it("stopped and replaced do not start the next track", async () => {
    const [a, b, c] = [await r.load(song("a")), await r.load(song("b")), await r.load(song("c"))];
    await r.player.queue.add(c);
    await r.player.play(a);
    await r.player.play(b); // replaces a
    await until(() => ends.includes("replaced"), "replaced event");
    expect(r.player.currentTrack).toBe(b);
    await r.player.stop();
    await until(() => ends.includes("stopped"), "stopped event");
    await r.advance(5_000);
    expect(r.truth()?.track).toBeNull();
    expect(r.player.queue.upcoming).toEqual([c]);
  });

  it("cleanup does not start the next track", async () => {
    const [a, b] = [await r.load(song("a")), await r.load(song("b"))];
    await r.player.queue.add(b);
    await r.player.play(a);
    deliverFrame(r.player.node, {
      op: "event",
      type: "TrackEndEvent",
      guildId: GUILD,
      track: a.toJSON(),
      reason: "cleanup",
    });
    await r.advance(2_000);
    expect(ends).toEqual(["cleanup"]);
    expect(r.player.queue.upcoming).toEqual([b]);
    expect(r.truth()?.track?.info.identifier).toBe(song("a"));
  });
});
