import { SonoraError } from "./errors/sonora-error.js";
import type { RandomSource } from "./random-source.js";

/** Thrown for invalid arguments to {@link SeededRandom}. */
export class RandomError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "RANDOM";
}

/** FNV-1a over the string's UTF-16 units: turns string seeds and labels into 32-bit seeds. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A small, fast, seedable random source (sfc32 seeded through splitmix32). Every random decision in
 * the simulator and the mock factory flows from one of these, so a seed replays a run exactly. It is a
 * {@link RandomSource}, so it can also drive the client's backoff jitter and the queue's shuffles.
 */
export class SeededRandom implements RandomSource {
  readonly seed: number;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string = 0) {
    if (typeof seed === "number") {
      if (!Number.isFinite(seed))
        throw new RandomError(`seed must be a finite number or a string, got ${seed}`);
      this.seed = Math.trunc(seed) >>> 0;
    } else if (typeof seed === "string") {
      this.seed = hashString(seed);
    } else {
      throw new RandomError(`seed must be a finite number or a string, got ${typeof seed}`);
    }
    let s = this.seed;
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, maxInclusive]. */
  int(min: number, maxInclusive: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxInclusive) || maxInclusive < min) {
      throw new RandomError(`int(min, max) needs safe integers with min ≤ max, got ${min}, ${maxInclusive}`);
    }
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`; exactly never for p ≤ 0 and always for p ≥ 1 (no draw is spent then). */
  chance(p: number): boolean {
    if (!(p > 0)) return false;
    if (p >= 1) return true;
    return this.next() < p;
  }

  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RandomError("pick() needs a non-empty array");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Fisher–Yates shuffle, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** Approximately normal (Box–Muller), for plausible distributions such as track lengths. */
  normal(mean: number, stdDev: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + stdDev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * An independent stream derived from this seed and a label. Forked streams keep decisions in one
   * area (say, fault decisions) from shifting when another area draws more or fewer numbers.
   */
  fork(label: string): SeededRandom {
    return new SeededRandom((hashString(label) ^ Math.imul(this.seed, 0x9e3779b1)) >>> 0);
  }
}
