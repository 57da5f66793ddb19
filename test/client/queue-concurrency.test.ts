import { describe, expect, it } from "vitest";
import { Queue } from "../../src/client/queue/index.js";
import { makeTrack, type TestTrack } from "./helpers/tracks.js";

describe("Queue under concurrent calls", () => {
  it("ten adds under Promise.all apply in call order, none lost or doubled", async () => {
    const q = new Queue<TestTrack>();
    const tracks = Array.from({ length: 10 }, () => makeTrack());
    const results = await Promise.all(tracks.map((t) => q.add(t)));
    expect(results).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(q.upcoming).toEqual(tracks);
  });

  it("adds racing next/remove/shuffle keep every track exactly once", async () => {
    const q = new Queue<TestTrack>({ random: () => 0.42 });
    const tracks = Array.from({ length: 50 }, () => makeTrack());
    const played: TestTrack[] = [];
    const ops: Promise<unknown>[] = [];
    tracks.forEach((t, i) => {
      ops.push(q.add(t));
      if (i % 3 === 0) {
        const n = q.next();
        if (n) played.push(n);
      }
      if (i % 7 === 0) ops.push(q.shuffle());
      if (i % 11 === 0) ops.push(Promise.resolve().then(() => q.smartShuffle()));
    });
    await Promise.all(ops);
    const seen = [...played, ...q.upcoming];
    expect(seen.length).toBe(tracks.length);
    expect(new Set(seen.map((t) => t.encoded)).size).toBe(tracks.length);
  });

  it("an add issued before a next is visible to that next (call order)", async () => {
    const q = new Queue<TestTrack>();
    const a = makeTrack();
    const pending = q.add(a);
    expect(q.next()).toBe(a);
    expect(await pending).toBe(1); // resolves to the length right after the add
  });
});
