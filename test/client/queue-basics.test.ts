import { describe, expect, it } from "vitest";
import {
  InvalidTrackError,
  Queue,
  QueueFullError,
  QueueIndexError,
  QueueOptionError,
} from "../../src/client/queue/index.js";
import { makeTrack, type TestTrack } from "./helpers/tracks.js";

describe("Queue basics", () => {
  it("adds one or many tracks, resolves to the upcoming length and keeps order", async () => {
    const q = new Queue<TestTrack>();
    const [a, b, c] = [makeTrack(), makeTrack(), makeTrack()];
    expect(await q.add(a)).toBe(1);
    expect(await q.add([b, c])).toBe(3);
    expect(q.upcoming).toEqual([a, b, c]);
    expect(q.size).toBe(3);
    expect(q.at(0)).toBe(a);
    expect(q.at(-1)).toBe(c);
    expect(q.slice(1)).toEqual([b, c]);
    expect([...q]).toEqual([a, b, c]);
    expect(q.current).toBeNull();
  });

  it("upcoming is a frozen snapshot that cannot change the queue", async () => {
    const q = new Queue<TestTrack>();
    await q.add([makeTrack(), makeTrack()]);
    const view = q.upcoming;
    expect(Object.isFrozen(view)).toBe(true);
    expect(() => (view as TestTrack[]).push(makeTrack())).toThrow(TypeError);
    expect(() => (view as TestTrack[]).splice(0, 1)).toThrow(TypeError);
    expect(q.size).toBe(2);
    expect(q.upcoming).toBe(view); // cached while unchanged
    await q.add(makeTrack());
    expect(view.length).toBe(2);
    expect(q.upcoming.length).toBe(3);
  });

  it("rejects non-tracks with InvalidTrackError and adds nothing of that call", async () => {
    const q = new Queue<TestTrack>();
    const good = makeTrack();
    for (const bad of [null, undefined, 42, "abc", {}, { encoded: "x" }, { encoded: "", info: good.info }]) {
      await expect(q.add(bad as unknown as TestTrack)).rejects.toBeInstanceOf(InvalidTrackError);
    }
    const err = await q.add([good, null as unknown as TestTrack]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidTrackError);
    expect((err as InvalidTrackError).code).toBe("INVALID_TRACK");
    expect((err as InvalidTrackError).message).toContain("queue.add[1]");
    expect(q.size).toBe(0);
  });

  it("refuses adds past maxSize with QueueFullError, atomically", async () => {
    const q = new Queue<TestTrack>({ maxSize: 3 });
    await q.add([makeTrack(), makeTrack()]);
    const err = await q.add([makeTrack(), makeTrack()]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueFullError);
    expect((err as QueueFullError).code).toBe("QUEUE_FULL");
    expect((err as QueueFullError).maxSize).toBe(3);
    expect(q.size).toBe(2);
    expect(await q.add(makeTrack())).toBe(3);
    await expect(q.add(makeTrack())).rejects.toBeInstanceOf(QueueFullError);
    await expect(q.insert(0, makeTrack())).rejects.toBeInstanceOf(QueueFullError);
    expect(new Queue().maxSize).toBeGreaterThanOrEqual(10_000);
  });

  it("removes by index or by track, and rejects bad indexes with QueueIndexError", async () => {
    const q = new Queue<TestTrack>();
    const [a, b, c] = [makeTrack(), makeTrack(), makeTrack()];
    await q.add([a, b, c]);
    expect(await q.remove(1)).toBe(b);
    expect(await q.remove({ ...c })).toBe(c); // same encoded string
    expect(await q.remove(makeTrack())).toBeNull();
    expect(q.upcoming).toEqual([a]);
    for (const bad of [1, -1, 0.5, Number.NaN]) {
      const err = await q.remove(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueueIndexError);
      expect((err as QueueIndexError).code).toBe("QUEUE_INDEX");
    }
    expect(q.size).toBe(1);
  });

  it("moves tracks within the upcoming list", async () => {
    const q = new Queue<TestTrack>();
    const t = [makeTrack(), makeTrack(), makeTrack(), makeTrack()];
    await q.add(t);
    await q.move(0, 3);
    expect(q.upcoming).toEqual([t[1], t[2], t[3], t[0]]);
    await q.move(3, 1);
    expect(q.upcoming).toEqual([t[1], t[0], t[2], t[3]]);
    await expect(q.move(0, 4)).rejects.toBeInstanceOf(QueueIndexError);
    await q.insert(0, t[3] as TestTrack);
    expect(q.at(0)).toBe(t[3]);
  });

  it("clear empties upcoming but keeps current and history", async () => {
    const q = new Queue<TestTrack>();
    await q.add([makeTrack(), makeTrack(), makeTrack()]);
    q.next();
    q.next();
    expect(await q.clear()).toBe(1);
    expect(q.size).toBe(0);
    expect(q.current).not.toBeNull();
    expect(q.history.length).toBe(1);
    expect(q.duration).toBe(0);
  });

  it("duration sums upcoming lengths and counts live streams separately", async () => {
    const q = new Queue<TestTrack>();
    await q.add([makeTrack({ length: 1000 }), makeTrack({ isStream: true }), makeTrack({ length: 2500 })]);
    expect(q.duration).toBe(3500);
    expect(q.streamCount).toBe(1);
    await q.remove(1);
    expect(q.streamCount).toBe(0);
    q.next();
    expect(q.duration).toBe(2500);
  });

  it("counts a length that is not a finite number below 2^53 as a stream, in a batch and one by one", async () => {
    const odd = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, 2 ** 63];
    const batch = new Queue<TestTrack>();
    await batch.add([makeTrack({ length: 1000 }), ...odd.map((length) => makeTrack({ length }))]);
    const single = new Queue<TestTrack>();
    for (const t of batch) await single.add(t);
    for (const q of [batch, single]) {
      expect(q.duration).toBe(1000);
      expect(q.streamCount).toBe(odd.length);
    }
    while (batch.size > 0) await batch.remove(0);
    expect([batch.duration, batch.streamCount]).toEqual([0, 0]);
  });

  it("validates options", () => {
    expect(() => new Queue({ maxSize: -1 })).toThrow(QueueOptionError);
    expect(() => new Queue({ historySize: 1.5 })).toThrow(QueueOptionError);
    const q = new Queue();
    expect(() => q.setLoop("forever" as "off")).toThrow(QueueOptionError);
    expect(q.loop).toBe("off");
  });

  it("shuffle is driven by the injected random source", async () => {
    const tracks = Array.from({ length: 20 }, () => makeTrack());
    const seq = (): (() => number) => {
      let s = 7;
      return () => {
        s = (s * 16807) % 2147483647;
        return s / 2147483647;
      };
    };
    const q1 = new Queue<TestTrack>({ random: seq() });
    const q2 = new Queue<TestTrack>({ random: seq() });
    await q1.add(tracks);
    await q2.add(tracks);
    await q1.shuffle();
    await q2.shuffle();
    expect(q1.upcoming).toEqual(q2.upcoming);
    expect(q1.upcoming).not.toEqual(tracks);
    expect([...q1.upcoming].sort((a, b) => a.encoded.localeCompare(b.encoded))).toEqual(
      [...tracks].sort((a, b) => a.encoded.localeCompare(b.encoded)),
    );
  });
});
