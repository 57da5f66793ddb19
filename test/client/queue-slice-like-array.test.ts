import { describe, expect, it } from "vitest";
import { Queue } from "../../src/client/queue/index.js";
import { makeTrack, type TestTrack } from "./helpers/tracks.js";

describe("queue.slice(start, end) takes its arguments the way Array#slice does", () => {
  it("negative indices count from the end, NaN is 0, and nothing throws", async () => {
    const q = new Queue<TestTrack>();
    const tracks = Array.from({ length: 5 }, () => makeTrack());
    await q.add(tracks);
    const cases: [number | undefined, number | undefined][] = [
      [-2, undefined],
      [0, -1],
      [-3, -1],
      [-10, 2],
      [1, 100],
      [Number.NaN, 2],
      [1, Number.NaN],
      [1.7, 3.2],
      [3, 1],
      [undefined, undefined],
      [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    ];
    for (const [start, end] of cases) {
      expect(q.slice(start, end), `slice(${start}, ${end})`).toEqual(tracks.slice(start, end));
    }
  });
});
