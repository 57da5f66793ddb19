import { describe, expect, it } from "vitest";
import { RandomError, SeededRandom } from "../../src/base/random.js";

describe("SeededRandom", () => {
  it("replays the same sequence for the same seed and differs for another", () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.nextUint32());
    const seqB = Array.from({ length: 20 }, () => b.nextUint32());
    const seqC = Array.from({ length: 20 }, () => c.nextUint32());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it("accepts string seeds deterministically", () => {
    expect(new SeededRandom("abc").next()).toBe(new SeededRandom("abc").next());
  });

  it("produces a roughly uniform distribution", () => {
    const r = new SeededRandom(7);
    const buckets = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const idx = Math.floor(r.next() * 10);
      buckets[idx] = (buckets[idx] ?? 0) + 1;
    }
    for (const count of buckets) expect(Math.abs(count - n / 10)).toBeLessThan(n / 10 / 10);
  });

  it("keeps int() within bounds, inclusive", () => {
    const r = new SeededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) seen.add(r.int(3, 5));
    expect([...seen].sort()).toEqual([3, 4, 5]);
    expect(() => r.int(5, 3)).toThrow(RandomError);
  });

  it("treats chance(0) as an exact no-op and chance(1) as certain, without drawing", () => {
    const r = new SeededRandom(9);
    const ref = new SeededRandom(9);
    for (let i = 0; i < 100; i++) {
      expect(r.chance(0)).toBe(false);
      expect(r.chance(1)).toBe(true);
    }
    expect(r.next()).toBe(ref.next());
  });

  it("forks independent, reproducible streams", () => {
    const a = new SeededRandom(5).fork("faults");
    const b = new SeededRandom(5).fork("faults");
    const c = new SeededRandom(5).fork("catalog");
    expect(a.next()).toBe(b.next());
    expect(new SeededRandom(5).fork("faults").next()).not.toBe(c.next());
  });

  it("shuffles in place keeping every element", () => {
    const r = new SeededRandom(3);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = r.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });

  it("rejects non-finite seeds", () => {
    expect(() => new SeededRandom(Number.NaN)).toThrow(RandomError);
  });
});
