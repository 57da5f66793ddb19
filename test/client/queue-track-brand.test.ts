import { describe, expect, it } from "vitest";
import { InvalidTrackError, Queue } from "../../src/client/queue/index.js";
import { Track } from "../../src/client/track.js";
import type { TrackInfo } from "../../src/protocol/index.js";
import { makeTrack } from "./helpers/tracks.js";

/**
 * The queue skips the full field check for a Track whose constructor found its fields well formed.
 * These pin that the shortcut never lets through what the full check would refuse.
 */
describe("Queue trusts only the Track constructor's own check", () => {
  const good = makeTrack();

  it("accepts Tracks and plain track objects alike, and sums their lengths", async () => {
    const q = new Queue();
    const track = new Track(good.encoded, good.info);
    expect(await q.add([track, makeTrack({ length: 1000 })])).toBe(2);
    expect(q.duration).toBe(good.info.length + 1000);
  });

  it("counts a Track's length as checked when built, in and out, so the duration never drifts", async () => {
    const q = new Queue();
    const info = { ...good.info, length: 5000 };
    const track = new Track(good.encoded, info);
    const stream = new Track(good.encoded, { ...good.info, isStream: true, length: 2 ** 63 });
    await q.add([track, stream]);
    expect(q.duration).toBe(5000);
    expect(q.streamCount).toBe(1);
    info.length = 9000; // mutated behind the queue's back
    await q.remove(0);
    await q.remove(0);
    expect(q.duration).toBe(0);
    expect(q.streamCount).toBe(0);
  });

  it("refuses a Track built from malformed fields, with InvalidTrackError, adding nothing", async () => {
    const q = new Queue();
    const malformed = [
      new Track("", good.info),
      new Track(good.encoded, null as unknown as TrackInfo),
      new Track(good.encoded, { ...good.info, title: 7 } as unknown as TrackInfo),
      new Track(good.encoded, { ...good.info, length: "long" } as unknown as TrackInfo),
    ];
    for (const bad of malformed) {
      const err = await q.add([new Track(good.encoded, good.info), bad]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidTrackError);
      expect((err as InvalidTrackError).message).toContain("queue.add[1]");
      await expect(q.add(bad)).rejects.toBeInstanceOf(InvalidTrackError);
    }
    expect(q.size).toBe(0);
  });

  it("checks in full a Track whose info was replaced from JavaScript after it was built", async () => {
    const q = new Queue();
    const track = new Track(good.encoded, good.info);
    (track as { info: unknown }).info = { title: "no author, no length" };
    await expect(q.add([track])).rejects.toBeInstanceOf(InvalidTrackError);
    // Replaced by another well-formed info: the full check passes it, and its length counts.
    (track as { info: unknown }).info = { ...good.info, length: 5 };
    expect(await q.add([track])).toBe(1);
    expect(q.duration).toBe(5);
  });

  it("does not take an object made from Track's prototype for a checked Track", async () => {
    const q = new Queue();
    const forged = Object.create(Track.prototype) as Track;
    await expect(q.add([forged])).rejects.toBeInstanceOf(InvalidTrackError);
    Object.assign(forged, { encoded: good.encoded, info: good.info });
    expect(await q.add([forged])).toBe(1);
    expect(q.at(0)).toBe(forged);
  });
});
