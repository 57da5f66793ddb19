/**
 * A growable ring buffer: push/pop at both ends in O(1) amortised, indexed read O(1), insert and
 * remove in the middle O(n) by shifting whichever side is shorter. The queue keeps 100,000 tracks in
 * one contiguous array of references this way (8 bytes a slot) instead of `Array#shift`, which is
 * O(n) per call once V8 stops using its left-trim trick on large arrays.
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

  /** Removes and returns the item at an in-range index, shifting the shorter side. */
  removeAt(index: number): T {
    const value = this.get(index) as T;
    if (index < this.len / 2) {
      for (let i = index; i > 0; i--) this.set(i, this.get(i - 1) as T);
      this.shift();
    } else {
      for (let i = index; i < this.len - 1; i++) this.set(i, this.get(i + 1) as T);
      this.pop();
    }
    return value;
  }

  /** Inserts at `index` (0 … length), shifting the shorter side. */
  insertAt(index: number, value: T): void {
    if (index <= 0) {
      this.unshift(value);
      return;
    }
    if (index >= this.len) {
      this.push(value);
      return;
    }
    if (index < this.len / 2) {
      this.unshift(this.get(0) as T);
      for (let i = 1; i < index; i++) this.set(i, this.get(i + 1) as T);
    } else {
      this.push(this.get(this.len - 1) as T);
      for (let i = this.len - 2; i > index; i--) this.set(i, this.get(i - 1) as T);
    }
    this.set(index, value);
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
