/** Up to this many items, shifting slot by slot beats the two `splice` calls of {@link Deque.removeAt}. */
const SHORT_SIDE = 64;

/**
 * A growable ring buffer: push/pop at both ends in O(1) amortised, indexed read O(1), insert and
 * remove in the middle O(n) by shifting one side (see {@link Deque.removeAt}). The queue keeps
 * 100,000 tracks in one contiguous array of references this way (8 bytes a slot) instead of
 * `Array#shift`, which is O(n) per call once V8 stops using its left-trim trick on large arrays.
 */
export class Deque<T> {
  private buf: (T | undefined)[];
  private head = 0;
  private len = 0;
  /** capacity − 1; the capacity is always a power of two so wrapping is a mask. */
  private mask: number;

  constructor(initialCapacity = 16) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.buf = new Array<T | undefined>(cap);
    this.mask = cap - 1;
  }

  /** Number of items. */
  get length(): number {
    return this.len;
  }

  /** Item at `index` (0 = front), or undefined when out of range. */
  get(index: number): T | undefined {
    if (index < 0 || index >= this.len) return undefined;
    return this.buf[(this.head + index) & this.mask];
  }

  /** Replaces the item at an in-range index. */
  set(index: number, value: T): void {
    this.buf[(this.head + index) & this.mask] = value;
  }

  push(value: T): void {
    if (this.len === this.buf.length) this.grow(this.len + 1);
    this.buf[(this.head + this.len) & this.mask] = value;
    this.len++;
  }

  unshift(value: T): void {
    if (this.len === this.buf.length) this.grow(this.len + 1);
    this.head = (this.head - 1) & this.mask;
    this.buf[this.head] = value;
    this.len++;
  }

  shift(): T | undefined {
    if (this.len === 0) return undefined;
    const value = this.buf[this.head];
    this.buf[this.head] = undefined; // drop the reference so the track can be collected
    this.head = (this.head + 1) & this.mask;
    this.len--;
    return value;
  }

  pop(): T | undefined {
    if (this.len === 0) return undefined;
    const i = (this.head + this.len - 1) & this.mask;
    const value = this.buf[i];
    this.buf[i] = undefined;
    this.len--;
    return value;
  }

  /** Appends many items, growing once. */
  pushAll(values: readonly T[]): void {
    if (this.len + values.length > this.buf.length) this.grow(this.len + values.length);
    for (const v of values) {
      this.buf[(this.head + this.len) & this.mask] = v;
      this.len++;
    }
  }

  /**
   * Removes and returns the item at an in-range index. A short side (≤ 64 items) is shifted slot by
   * slot; otherwise a side that is contiguous in the buffer is shifted with `splice`, which V8 runs
   * as a memmove (2–3× faster than a loop on a long-lived buffer, 10× on a young one).
   * `copyWithin` would be the obvious tool but has no fast path in V8: it is ~15× slower than the
   * loop.
   */
  removeAt(index: number): T {
    const buf = this.buf;
    const mask = this.mask;
    const head = this.head;
    const cap = buf.length;
    const p = (head + index) & mask;
    const value = buf[p] as T;
    const back = this.len - 1 - index;
    const end = head + this.len; // physical end, may be past the buffer when the content wraps
    const frontContiguous = head + index < cap;
    const backContiguous = end <= cap || p < head;
    if (Math.min(index, back) <= SHORT_SIDE) {
      if (index <= back) this.shiftFrontRight(index);
      else this.shiftBackLeft(index);
    } else if (frontContiguous && (index <= back || !backContiguous)) {
      // [head, p) moves one slot right; the hole left at `head` becomes the new start.
      buf.splice(p, 1);
      buf.splice(head, 0, undefined);
      this.head = (head + 1) & mask;
    } else if (end <= cap) {
      // (p, end) moves one slot left, and with it the empty slots after the content: one memmove.
      buf.splice(p, 1);
      buf.push(undefined);
    } else {
      // p is in the wrapped-around part: (p, end − cap) moves left; the second splice puts the
      // part at the buffer's end [head, cap) back where it was.
      buf.splice(p, 1);
      buf.splice(end - cap - 1, 0, undefined);
    }
    this.len--;
    return value;
  }

  private shiftFrontRight(index: number): void {
    const buf = this.buf;
    const mask = this.mask;
    const head = this.head;
    for (let i = index; i > 0; i--) buf[(head + i) & mask] = buf[(head + i - 1) & mask];
    buf[head] = undefined; // drop the reference so the track can be collected
    this.head = (head + 1) & mask;
  }

  private shiftBackLeft(index: number): void {
    const buf = this.buf;
    const mask = this.mask;
    const head = this.head;
    const last = this.len - 1;
    for (let i = index; i < last; i++) buf[(head + i) & mask] = buf[(head + i + 1) & mask];
    buf[(head + last) & mask] = undefined;
  }

  /** Inserts at `index` (0 … length), shifting the shorter side. */
  insertAt(index: number, value: T): void {
    if (index <= 0) this.unshift(value);
    else if (index >= this.len) this.push(value);
    else this.insertAll(index, [value]);
  }

  /**
   * Inserts `values` (in order) before the item at `index` (0 … length): grows at most once and
   * shifts the shorter side once by `values.length` slots, so a batch costs O(n + k), not O(k·n).
   */
  insertAll(index: number, values: readonly T[]): void {
    const k = values.length;
    if (k === 0) return;
    const at = Math.max(0, Math.min(index, this.len));
    if (this.len + k > this.buf.length) this.grow(this.len + k);
    const buf = this.buf;
    const mask = this.mask;
    let head = this.head;
    if (at >= this.len / 2) {
      // Back side [at, len) moves k slots towards the back (iterate from its end: overlapping move).
      for (let i = this.len - 1; i >= at; i--) buf[(head + i + k) & mask] = buf[(head + i) & mask];
    } else {
      // Front side [0, at) moves k slots towards the front (iterate from its start).
      const newHead = (head - k) & mask;
      for (let i = 0; i < at; i++) buf[(newHead + i) & mask] = buf[(head + i) & mask];
      head = newHead;
      this.head = head;
    }
    for (let i = 0; i < k; i++) buf[(head + at + i) & mask] = values[i];
    this.len += k;
  }

  /** Index of the first item for which `test` holds, or -1. */
  findIndex(test: (value: T) => boolean): number {
    for (let i = 0; i < this.len; i++) if (test(this.get(i) as T)) return i;
    return -1;
  }

  clear(): void {
    this.buf = new Array<T | undefined>(16);
    this.mask = 15;
    this.head = 0;
    this.len = 0;
  }

  /** Replaces the whole content (used by shuffles, which compute a new order off-line). */
  replaceAll(values: readonly T[]): void {
    this.clear();
    this.pushAll(values);
  }

  /** Copies items `start` (inclusive) … `end` (exclusive) into a new array. */
  slice(start = 0, end = this.len): T[] {
    const s = Math.max(0, Math.min(start, this.len));
    const e = Math.max(s, Math.min(end, this.len));
    const out = new Array<T>(e - s);
    for (let i = s; i < e; i++) out[i - s] = this.buf[(this.head + i) & this.mask] as T;
    return out;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.len; i++) yield this.buf[(this.head + i) & this.mask] as T;
  }

  private grow(min: number): void {
    let cap = this.buf.length * 2;
    while (cap < min) cap *= 2;
    const next = new Array<T | undefined>(cap);
    for (let i = 0; i < this.len; i++) next[i] = this.buf[(this.head + i) & this.mask];
    this.buf = next;
    this.head = 0;
    this.mask = cap - 1;
  }
}
