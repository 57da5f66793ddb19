import { describe, expect, it } from "vitest";
import { MockFactory, mockFactory } from "../../src/mock/index.js";

describe("MockFactory is reproducible from its seed", () => {
  it("produces identical tracks, playlists and searches for the same seed", () => {
    const run = (seed: number | string) => {
      const f = new MockFactory({ seed });
      return [
        f.buildList(50),
        f.createMockPlaylist({ trackCount: 5 }),
        f.createMockSearchResults({ query: "q" }),
      ];
    };
    expect(run(7)).toEqual(run(7));
    expect(run("seed")).toEqual(run("seed"));
  });

  it("produces different data for a different seed", () => {
    const a = new MockFactory({ seed: 7 }).buildList(20).map((t) => t.encoded);
    const b = new MockFactory({ seed: 8 }).buildList(20).map((t) => t.encoded);
    expect(a).not.toEqual(b);
    const shared = a.filter((e) => b.includes(e));
    expect(shared).toEqual([]);
  });

  it("reset() replays from the start and clears the sequence", () => {
    const f = new MockFactory({ seed: 3 });
    const first = f.buildList(5);
    expect(f.sequence).toBe(5);
    f.reset();
    expect(f.sequence).toBe(0);
    expect(f.buildList(5)).toEqual(first);
  });

  it("fork(label) depends on the label and seed only, not on earlier draws", () => {
    const f = new MockFactory({ seed: 3 });
    const before = f.fork("x").createMockTrack();
    f.buildList(10);
    expect(f.fork("x").createMockTrack()).toEqual(before);
    expect(f.fork("y").createMockTrack()).not.toEqual(before);
    expect(new MockFactory({ seed: 4 }).fork("x").createMockTrack()).not.toEqual(before);
  });

  it("the default mockFactory instance has seed 0", () => {
    expect(mockFactory.seed).toBe(0);
    mockFactory.reset();
    const first = mockFactory.createMockTrack();
    expect(new MockFactory({ seed: 0 }).createMockTrack()).toEqual(first);
  });
});
