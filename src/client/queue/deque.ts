/**
 * Moving a slot in a JavaScript loop costs about this many times what `Array#splice`'s memmove
 * costs per slot (measured on a 100,000-track queue in old space: ~3×). {@link Deque.removeAt}
 * weighs the two sides with it, so it moves whichever side is cheaper, not just the shorter one.
 */
const LOOP_COST = 3;
/** Below this many items, a batch insert on the back side goes through one `splice` call. */
const SPREAD_LIMIT = 1024;
/** Room left at the front when an unshift finds none, at least (or half the length). */
const MIN_FRONT_ROOM = 16;

/**
 * A double-ended queue over one plain array: the items are `buf[head … buf.length)`, and the
 * slots before `head` are room for unshifts (cleared, so removed tracks can be collected).
 *
 * - push/pop use the array's own end (V8 grows it amortised O(1)); shift/unshift move `head`.
 *   `Array#shift` alone is O(n) per call once V8 stops using its left-trim trick on large arrays.
 * - Removing in the middle moves only one side: the back side with `splice`, which V8 runs as a
 *   memmove over exactly the items after the hole (the array ends where the items end — a ring
 *   buffer's spare capacity would be moved too), or the front side with a loop when it is shorter
 *   by more than the loop's extra cost ({@link LOOP_COST}). `copyWithin` would be the obvious tool
 *   for the front but has no fast path in V8 (~15× slower than the loop).
 */
export class Deque<T> {
  private buf: (T | undefined)[] = [];
  private head = 0;

  /** `frontRoom`: slots reserved before the first item, so that many unshifts never copy. */
  constructor(frontRoom = 0) {
    if (frontRoom > 0) this.makeFrontRoom(frontRoom);
  }

  /** Number of items. */
  get length(): number {
    return this.buf.length - this.head;
  }

  /** Item at `index` (0 = front), or undefined when out of range. */
  get(index: number): T | undefined {
    if (index < 0 || index >= this.buf.length - this.head) return undefined;
    return this.buf[this.head + index];
  }

  /** Replaces the item at an in-range index. */
  set(index: number, value: T): void {
    this.buf[this.head + index] = value;
  }

  push(value: T): void {
    this.buf.push(value);
  }

  unshift(value: T): void {
    if (this.head === 0) this.makeFrontRoom(Math.max(MIN_FRONT_ROOM, this.length >> 1));
    this.head--;
    this.buf[this.head] = value;
  }

  shift(): T | undefined {
    const buf = this.buf;
    const head = this.head;
    if (head === buf.length) return undefined;
    const value = buf[head];
    buf[head] = undefined; // drop the reference so the track can be collected
    this.head = head + 1;
    this.compact();
    return value;
  }

  pop(): T | undefined {
    if (this.head === this.buf.length) return undefined;
    const value = this.buf.pop();
    this.compact();
    return value;
  }

  /** Appends many items (an empty deque takes a copy of the array in one native call). */
  pushAll(values: readonly T[]): void {
    if (this.head === this.buf.length) {
      this.buf = values.slice();
      this.head = 0;
      return;
    }
    const buf = this.buf;
    for (let i = 0; i < values.length; i++) buf.push(values[i]);
  }

  /** Removes and returns the item at an in-range index, moving the cheaper side by one slot. */
  removeAt(index: number): T {
    const buf = this.buf;
    const head = this.head;
    const p = head + index;
    const value = buf[p] as T;
    const back = buf.length - 1 - p;
    if (back <= LOOP_COST * index) {
      buf.splice(p, 1);
    } else {
      for (let i = p; i > head; i--) buf[i] = buf[i - 1];
      buf[head] = undefined;
      this.head = head + 1;
    }
    this.compact();
    return value;
  }

  /** Inserts at `index` (0 … length), shifting the shorter side. */
  insertAt(index: number, value: T): void {
    if (index <= 0) this.unshift(value);
    else if (index >= this.length) this.push(value);
    else this.insertAll(index, [value]);
  }

  /**
   * Inserts `values` (in order) before the item at `index` (0 … length), shifting the shorter side
   * once by `values.length` slots, so a batch costs O(n + k), not O(k·n).
   */
  insertAll(index: number, values: readonly T[]): void {
    const k = values.length;
    if (k === 0) return;
    const length = this.length;
    const at = Math.max(0, Math.min(index, length));
    if (at >= length / 2) {
      const p = this.head + at;
      if (k <= SPREAD_LIMIT) {
        this.buf.splice(p, 0, ...values);
        return;
      }
      // Too many for one call's arguments: open a gap of k slots (iterate from the end: overlap).
      const buf = this.buf;
      const end = buf.length;
      buf.length = end + k;
      for (let i = end - 1; i >= p; i--) buf[i + k] = buf[i];
      for (let i = 0; i < k; i++) buf[p + i] = values[i];
      return;
    }
    if (this.head < k) this.makeFrontRoom(Math.max(k, length >> 1));
    const buf = this.buf;
    const head = this.head - k;
    // Front side [0, at) moves k slots towards the front (iterate from its start: overlap).
    for (let i = 0; i < at; i++) buf[head + i] = buf[head + k + i];
    for (let i = 0; i < k; i++) buf[head + at + i] = values[i];
    this.head = head;
  }

  /** Index of the first item for which `test` holds, or -1. */
  findIndex(test: (value: T) => boolean): number {
    const buf = this.buf;
    for (let i = this.head; i < buf.length; i++) if (test(buf[i] as T)) return i - this.head;
    return -1;
  }

  clear(): void {
    this.buf = [];
    this.head = 0;
  }

  /** Replaces the whole content (used by shuffles, which compute a new order off-line). */
  replaceAll(values: readonly T[]): void {
    this.buf = values.slice();
    this.head = 0;
  }

  /** Copies items `start` (inclusive) … `end` (exclusive) into a new array. */
  slice(start = 0, end = this.length): T[] {
    const length = this.length;
    const s = Math.max(0, Math.min(start, length));
    const e = Math.max(s, Math.min(end, length));
    return this.buf.slice(this.head + s, this.head + e) as T[];
  }

  *[Symbol.iterator](): IterableIterator<T> {
    const buf = this.buf;
    for (let i = this.head; i < buf.length; i++) yield buf[i] as T;
  }

  /** Gives the items `room` free slots before them (one copy; amortised over as many unshifts). */
  private makeFrontRoom(room: number): void {
    const length = this.length;
    const next = new Array<T | undefined>(room + length);
    for (let i = 0; i < room; i++) next[i] = undefined;
    const buf = this.buf;
    for (let i = 0; i < length; i++) next[room + i] = buf[this.head + i];
    this.buf = next;
    this.head = room;
  }

  /**
   * Drops the room at the front once it is larger than the items (so it never more than doubles
   * the array), or everything once the deque is empty. Amortised O(1): each dropped slot was freed
   * by its own shift or removal.
   */
  private compact(): void {
    const head = this.head;
    if (head === 0) return;
    const length = this.buf.length - head;
    if (length === 0) this.clear();
    else if (head > MIN_FRONT_ROOM && head > length) {
      this.buf.splice(0, head);
      this.head = 0;
    }
  }
}
