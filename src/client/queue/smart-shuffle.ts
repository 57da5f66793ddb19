import { type RandomInput, toRandomSource } from "../../base/random-source.js";
import { artistKey, type QueueItem, trackKey } from "./item.js";

/** Inputs of {@link smartShuffle} besides the tracks. */
export interface SmartShuffleOptions {
  /**
   * Uniform random numbers in [0, 1): a {@link RandomSource} (such as a SeededRandom) or a function;
   * inject a seeded one for reproducible orders.
   */
  random: RandomInput;
  /** Recently played tracks, most recent first; these are pushed to the back of the result. */
  recent?: readonly QueueItem[];
}

/**
 * Per-artist group while building the order: its tracks sorted by target position, and a cursor.
 */
interface Group<T> {
  readonly tracks: { item: T; score: number }[];
  next: number;
}

/**
 * Orders `items` so that (1) the number of adjacent same-artist pairs is the minimum the artist mix
 * allows, (2) each artist's tracks are spread evenly over the list, and (3) tracks in `recent` move
 * to the back, the most recently played last.
 *
 * How: every track gets a target position in [0, 1): an artist with k tracks gets slots
 * (i + u) / k for a per-artist random offset u (even spread, artists interleaved at random), and a
 * recently played track gets a slot in (1, 2] by recency. The order is then built greedily by target
 * position, but a step may only pick an artist whose choice keeps the minimum achievable number of
 * adjacent repeats (computed in O(1) from the artist counts), which guarantees (1) exactly.
 * O(n log a) for n tracks by a artists.
 */
export function smartShuffle<T extends QueueItem>(items: readonly T[], options: SmartShuffleOptions): T[] {
  const random = toRandomSource(options.random);
  const recentRank = new Map<string, number>();
  const recent = options.recent ?? [];
  recent.forEach((item, rank) => {
    for (const key of [item.encoded, trackKey(item)]) if (!recentRank.has(key)) recentRank.set(key, rank);
  });
  const horizon = Math.max(1, recent.length);

  // Group by artist; fresh tracks are spread within the group, recent ones trail it.
  const byArtist = new Map<string, { fresh: T[]; old: { item: T; score: number }[] }>();
  for (const item of items) {
    const key = artistKey(item);
    let g = byArtist.get(key);
    if (g === undefined) {
      g = { fresh: [], old: [] };
      byArtist.set(key, g);
    }
    const rank = recentRank.get(item.encoded) ?? recentRank.get(trackKey(item));
    if (rank === undefined) g.fresh.push(item);
    // Most recent (rank 0) gets the latest slot; a little noise breaks ties between artists.
    else g.old.push({ item, score: 2 - rank / horizon + random.next() * 1e-6 });
  }

  const groups: Group<T>[] = [];
  for (const { fresh, old } of byArtist.values()) {
    shuffleInPlace(fresh, random);
    const k = fresh.length;
    const u = random.next();
    const tracks = fresh.map((item, i) => ({ item, score: (i + u) / k }));
    old.sort((a, b) => a.score - b.score);
    groups.push({ tracks: tracks.concat(old), next: 0 });
  }

  const counts = new ArtistCounts(groups.map((g) => g.tracks.length));
  const heap = new MinHeap();
  groups.forEach((g, id) => {
    heap.push((g.tracks[0] as { score: number }).score, id, 0);
  });

  const out: T[] = [];
  let prev = -1;
  const valid = (id: number, best: number): boolean => counts.costAfter(id, prev) === best;
  const popLive = (): number => {
    for (;;) {
      const top = heap.pop();
      if (top === undefined) return -1;
      const g = groups[top.id] as Group<T>;
      if (g.next === top.cursor) return top.id;
    }
  };
  const pushHead = (id: number): void => {
    const g = groups[id] as Group<T>;
    const t = g.tracks[g.next];
    if (t !== undefined) heap.push(t.score, id, g.next);
  };

  while (out.length < items.length) {
    const best = counts.cost(prev);
    let chosen = -1;
    const setAside: number[] = [];
    // The cheapest-scored group is almost always allowed; when it is not, the reason is either that
    // it repeats the previous artist (then the runner-up is fine) or that one dominant artist must
    // be placed now (then that artist is the answer).
    for (let tries = 0; tries < 2 && chosen < 0; tries++) {
      const id = popLive();
      if (id < 0) break;
      if (valid(id, best)) chosen = id;
      else setAside.push(id);
    }
    if (chosen < 0) {
      const m = counts.argmax();
      if (m >= 0 && valid(m, best)) chosen = m;
    }
    if (chosen < 0) {
      // Defensive: scan every group (never reached in the tests, kept so the function is total).
      for (let id = 0; id < groups.length && chosen < 0; id++) {
        if (counts.count(id) > 0 && valid(id, best)) chosen = id;
      }
    }
    for (const id of setAside) if (id !== chosen) pushHead(id);
    const g = groups[chosen] as Group<T>;
    out.push((g.tracks[g.next] as { item: T }).item);
    g.next++;
    counts.take(chosen);
    pushHead(chosen); // any older heap entry of this group is now stale (cursor moved)
    prev = chosen;
  }
  return out;
}

/** Fisher–Yates with an injected random source. */
export function shuffleInPlace<T>(items: T[], random: RandomInput): T[] {
  const source = toRandomSource(random);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(source.next() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/**
 * The least number of adjacent same-artist pairs any order of a multiset of artists can have:
 * max(0, c_max − (n − c_max) − 1).
 */
export function minimumAdjacentRepeats(artistCounts: Iterable<number>): number {
  let n = 0;
  let max = 0;
  for (const c of artistCounts) {
    n += c;
    if (c > max) max = c;
  }
  return Math.max(0, max - (n - max) - 1);
}

/** Remaining tracks per artist, bucketed by count so the maximum is O(1) to find. */
class ArtistCounts {
  private readonly counts: number[];
  private readonly buckets = new Map<number, Set<number>>();
  private max = 0;
  private total = 0;

  constructor(initial: number[]) {
    this.counts = initial.slice();
    initial.forEach((c, id) => {
      this.bucket(c).add(id);
      this.total += c;
      if (c > this.max) this.max = c;
    });
  }

  count(id: number): number {
    return this.counts[id] ?? 0;
  }

  /** An artist with the most tracks left, or -1. */
  argmax(): number {
    for (const id of this.bucket(this.max)) return id;
    return -1;
  }

  /**
   * Least achievable repeats for the remaining tracks when the previous artist was `prev`. If one
   * artist holds more than the rest plus one, it must open and close the rest, so following itself
   * costs one more; otherwise a repeat-free order exists unless `prev` is exactly that dominant artist.
   */
  cost(prev: number): number {
    if (this.total === 0) return 0;
    const rest = this.total - this.max;
    const base = Math.max(0, this.max - rest - 1);
    if (this.max >= rest + 1 && prev >= 0 && this.counts[prev] === this.max) return base + 1;
    return base;
  }

  /** Repeats incurred by placing artist `id` now plus the least achievable afterwards. */
  costAfter(id: number, prev: number): number {
    this.take(id);
    const after = this.cost(id);
    this.give(id);
    return (id === prev ? 1 : 0) + after;
  }

  take(id: number): void {
    const c = this.count(id);
    this.bucket(c).delete(id);
    this.bucket(c - 1).add(id);
    this.counts[id] = c - 1;
    this.total--;
    while (this.max > 0 && this.bucket(this.max).size === 0) this.max--;
  }

  private give(id: number): void {
    const c = this.count(id);
    this.bucket(c).delete(id);
    this.bucket(c + 1).add(id);
    this.counts[id] = c + 1;
    this.total++;
    if (c + 1 > this.max) this.max = c + 1;
  }

  private bucket(c: number): Set<number> {
    let b = this.buckets.get(c);
    if (b === undefined) {
      b = new Set();
      this.buckets.set(c, b);
    }
    return b;
  }
}

/** Binary min-heap of (score, group id, cursor at push time); stale entries are skipped by the caller. */
class MinHeap {
  private readonly scores: number[] = [];
  private readonly ids: number[] = [];
  private readonly cursors: number[] = [];

  push(score: number, id: number, cursor: number): void {
    let i = this.scores.length;
    this.scores.push(score);
    this.ids.push(id);
    this.cursors.push(cursor);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.scores[p] as number) <= score) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): { id: number; cursor: number } | undefined {
    const n = this.scores.length;
    if (n === 0) return undefined;
    const top = { id: this.ids[0] as number, cursor: this.cursors[0] as number };
    this.swap(0, n - 1);
    this.scores.pop();
    this.ids.pop();
    this.cursors.pop();
    let i = 0;
    const size = n - 1;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && (this.scores[l] as number) < (this.scores[m] as number)) m = l;
      if (r < size && (this.scores[r] as number) < (this.scores[m] as number)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private swap(a: number, b: number): void {
    const s = this.scores[a] as number;
    this.scores[a] = this.scores[b] as number;
    this.scores[b] = s;
    const d = this.ids[a] as number;
    this.ids[a] = this.ids[b] as number;
    this.ids[b] = d;
    const c = this.cursors[a] as number;
    this.cursors[a] = this.cursors[b] as number;
    this.cursors[b] = c;
  }
}
