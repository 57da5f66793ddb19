import { isRandomInput, type RandomSource, toRandomSource } from "../../base/random-source.js";
import { checkedLength, STREAM_MS, UNCHECKED } from "../track.js";
import { Deque } from "./deque.js";
import { QueueFullError, QueueIndexError, QueueOptionError } from "./errors.js";
import { assertQueueItem, isQueueItem, isStreamInfo, isStreamItem, type QueueItem } from "./item.js";
import {
  checkLimit,
  DEFAULT_HISTORY_SIZE,
  DEFAULT_QUEUE_MAX_SIZE,
  LOOP_MODES,
  type LoopMode,
  type NextOptions,
  type QueueOptions,
  type QueueUndo,
} from "./options.js";
import { smartShuffle } from "./smart-shuffle.js";

/**
 * The undoable steps of a queue: each change also returns how to take it back, for a player whose
 * request for that change the node refused. Not part of the public API (see {@link queueControl}). @internal
 */
export interface QueueControl<T extends QueueItem> {
  /** `queue.next`, also returning how to undo it. */
  next(options?: NextOptions): { current: T | null; undo: QueueUndo<T> };
  /** `queue.previous`, also returning how to undo it. */
  previous(): { current: T | null; undo: QueueUndo<T> };
  /** `queue.setCurrent`, returning how to undo it. */
  setCurrent(track: T | null): QueueUndo<T>;
  /** Takes a recorded change back; false (nothing done) when the queue changed since. */
  undo(record: QueueUndo<T>): boolean;
  /**
   * Watches changes for a store: `touched` after each change (loop mode included), and `durable`
   * awaited by the async methods before they resolve (the change is then written).
   */
  observe(observer: QueueObserver): void;
  /** Puts back a stored state (a restarted process): current, upcoming, history and loop mode. */
  load(state: { current: T | null; upcoming: readonly T[]; history: readonly T[]; loop: LoopMode }): void;
}

/** What watches a queue's changes (the player's store writer). @internal */
export interface QueueObserver {
  touched(): void;
  durable(): Promise<void>;
}

let controlOf: <T extends QueueItem>(queue: Queue<T>) => QueueControl<T>;

/** The undoable steps of `queue` (for the player that owns it; not re-exported by the package). @internal */
export function queueControl<T extends QueueItem>(queue: Queue<T>): QueueControl<T> {
  return controlOf(queue);
}

/**
 * The tracks of one player: the `current` one, the `upcoming` ones, and a bounded `history`.
 *
 * **Ordering guarantee.** Every mutation takes effect synchronously at the moment it is called; the
 * returned promise only reports the result. So concurrent calls — ten `add`s under `Promise.all`, an
 * `add` racing the player's `skip` — apply in call order, and none is lost or applied twice. The
 * promise resolves once the change is durable in the client's store, when it has one (see
 * docs/persistence.md); a queue of a client without a store resolves at once.
 *
 * Storage is a deque over one plain array: `add`/`next` are O(1) amortised, `remove`/`move` O(n)
 * (the cheaper side moves), and reading `upcoming` copies once per mutation (the frozen snapshot is
 * cached until the next change); use {@link Queue.at}, {@link Queue.slice} or {@link Queue.size} on
 * very large queues in hot paths.
 */
export class Queue<T extends QueueItem = QueueItem> {
  static {
    // The undoable steps stay private: only the player, through queueControl(), may take a change back.
    controlOf = <T extends QueueItem>(queue: Queue<T>): QueueControl<T> => ({
      next: (options) => queue.nextUndoable(options),
      previous: () => queue.previousUndoable(),
      setCurrent: (track) => queue.setCurrentUndoable(track),
      undo: (record) => queue.undo(record),
      observe: (observer) => {
        queue.observer = observer;
      },
      load: (state) => queue.load(state),
    });
  }

  private readonly items = new Deque<T>();
  /** Played tracks, most recent at the front. */
  private readonly past = new Deque<T>();
  private currentItem: T | null = null;
  private loopMode: LoopMode = "off";
  private limit: number;
  private historyLimit: number;
  private readonly random: RandomSource;
  private upcomingSnapshot: readonly T[] | null = null;
  private historySnapshot: readonly T[] | null = null;
  /** Sum of upcoming non-stream lengths, kept incrementally so `duration` is O(1). */
  private totalLength = 0;
  private streams = 0;
  /** Bumped on every change, so an undo can tell whether anything happened after its change. */
  private version = 0;
  /** The player's store writer, when the client has a store. */
  private observer: QueueObserver | null = null;

  constructor(options: QueueOptions = {}) {
    this.limit = checkLimit("maxSize", options.maxSize ?? DEFAULT_QUEUE_MAX_SIZE);
    this.historyLimit = checkLimit("historySize", options.historySize ?? DEFAULT_HISTORY_SIZE);
    if (options.random !== undefined && !isRandomInput(options.random)) {
      throw new QueueOptionError("random", options.random, "a function or a RandomSource { next(): number }");
    }
    this.random = toRandomSource(options.random);
  }

  /** The upcoming tracks in play order, as a frozen snapshot (mutating it is impossible). */
  get upcoming(): readonly T[] {
    this.upcomingSnapshot ??= Object.freeze(this.items.slice());
    return this.upcomingSnapshot;
  }

  /** Number of upcoming tracks (O(1)). */
  get size(): number {
    return this.items.length;
  }

  /** True when nothing is upcoming. */
  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** The track the player is on (playing or paused), or null. */
  get current(): T | null {
    return this.currentItem;
  }

  /** Played tracks, most recent first, at most `historySize` of them (frozen snapshot). */
  get history(): readonly T[] {
    this.historySnapshot ??= Object.freeze(this.past.slice());
    return this.historySnapshot;
  }

  /** Current loop mode. */
  get loop(): LoopMode {
    return this.loopMode;
  }

  /** See the getter. */
  set loop(mode: LoopMode) {
    this.setLoop(mode);
  }

  /** Sets the loop mode; throws {@link QueueOptionError} for anything but "off", "track" or "queue". */
  setLoop(mode: LoopMode): this {
    if (!LOOP_MODES.includes(mode))
      throw new QueueOptionError("loop", mode, `one of ${LOOP_MODES.join(", ")}`);
    this.loopMode = mode;
    this.observer?.touched();
    return this;
  }

  /** Most upcoming tracks allowed. Lowering it below the current size refuses further adds only. */
  get maxSize(): number {
    return this.limit;
  }

  /** See the getter. */
  set maxSize(value: number) {
    this.limit = checkLimit("maxSize", value);
  }

  /** How many played tracks are remembered; lowering it drops the oldest at once. */
  get historySize(): number {
    return this.historyLimit;
  }

  /** See the getter. */
  set historySize(value: number) {
    this.historyLimit = checkLimit("historySize", value);
    this.trimHistory();
  }

  /** Total length in ms of the upcoming tracks, live streams excluded (see {@link Queue.streamCount}). */
  get duration(): number {
    return this.totalLength;
  }

  /** Number of upcoming live streams (their length is unknown, so `duration` leaves them out). */
  get streamCount(): number {
    return this.streams;
  }

  /** The upcoming track at `index` (negative counts from the end), or undefined. */
  at(index: number): T | undefined {
    return this.items.get(index < 0 ? this.items.length + index : index);
  }

  /** A copy of upcoming tracks `start` … `end` (exclusive): cheap paging for very large queues. */
  slice(start?: number, end?: number): T[] {
    // Array#slice semantics (negative from the end, NaN as 0): the deque's slice takes only
    // in-range indices, and NaN there would make an invalid array length.
    const len = this.items.length;
    const bound = (value: number | undefined, fallback: number): number => {
      if (value === undefined) return fallback;
      const n = Math.trunc(Number(value)) || 0;
      return n < 0 ? Math.max(0, len + n) : Math.min(n, len);
    };
    return this.items.slice(bound(start, 0), bound(end, len));
  }

  /** Iterates the upcoming tracks without copying them. */
  [Symbol.iterator](): IterableIterator<T> {
    return this.items[Symbol.iterator]();
  }

  /**
   * Appends one track or many (in the given order) and resolves to the new number of upcoming tracks.
   * Rejects with `InvalidTrackError` if any element is not a track and with `QueueFullError` if they
   * would not all fit; in both cases nothing of this call is added. Never starts playback.
   */
  async add(tracks: T | readonly T[]): Promise<number> {
    const size = this.addSync(tracks);
    await this.durable();
    return size;
  }

  /** Like {@link Queue.add}, but inserts before the upcoming track at `index` (0 = play next). */
  async insert(index: number, tracks: T | readonly T[]): Promise<number> {
    const size = this.items.length;
    if (!Number.isInteger(index) || index < 0 || index > size) {
      throw new QueueIndexError(index, size + 1, "insert(index)");
    }
    const list = this.validated(tracks, "queue.insert");
    if (size + list.length > this.limit) throw new QueueFullError(this.limit, size, list.length);
    this.items.insertAll(index, list);
    for (const t of list) this.account(t, 1);
    this.changed();
    await this.durable();
    return this.items.length;
  }

  /**
   * Removes the upcoming track at `index`, or the first upcoming track that is `track` (same object
   * or same encoded string). Resolves to the removed track; null when a given track is not queued.
   * Rejects with `QueueIndexError` for an index outside the upcoming list.
   */
  async remove(target: number | T): Promise<T | null> {
    let index: number;
    if (typeof target === "number") {
      index = this.checkIndex(target, "remove(index)");
    } else {
      assertQueueItem(target, "queue.remove");
      index = this.items.findIndex((t) => t === target || t.encoded === target.encoded);
      if (index < 0) return null;
    }
    const removed = this.items.removeAt(index);
    this.account(removed, -1);
    this.changed();
    await this.durable();
    return removed;
  }

  /** Moves the upcoming track at `from` to index `to` (both within the upcoming list). */
  async move(from: number, to: number): Promise<T> {
    const f = this.checkIndex(from, "move(from)");
    const t = this.checkIndex(to, "move(to)");
    const item = this.items.removeAt(f);
    this.items.insertAt(t, item);
    this.changed();
    await this.durable();
    return item;
  }

  /** Removes every upcoming track (the current track and the history stay); resolves to how many. */
  async clear(): Promise<number> {
    const n = this.items.length;
    this.items.clear();
    this.totalLength = 0;
    this.streams = 0;
    this.changed();
    await this.durable();
    return n;
  }

  /** Uniform random order of the upcoming tracks (Fisher–Yates with the queue's random source). */
  async shuffle(): Promise<void> {
    // Fisher–Yates in place on the deque: no copy of a 100,000-track queue.
    const items = this.items;
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.random.next() * (i + 1));
      const tmp = items.get(i) as T;
      items.set(i, items.get(j) as T);
      items.set(j, tmp);
    }
    this.changed();
    await this.durable();
  }

  /**
   * Shuffles so that no artist plays twice in a row where the mix allows it (the fewest repeats
   * possible otherwise), each artist's tracks are spread evenly, and tracks played recently (the
   * current one and the history) go to the back. See {@link smartShuffle}.
   */
  async smartShuffle(): Promise<void> {
    const recent = this.currentItem ? [this.currentItem, ...this.past] : this.past.slice();
    this.items.replaceAll(smartShuffle(this.items.slice(), { random: this.random, recent }));
    this.changed();
    await this.durable();
  }

  /**
   * Advances and returns the new current track (null when nothing is left), honouring the loop
   * mode: `"track"` keeps the current track (unless `skip`), `"queue"` re-appends it at the end, and
   * the finished track goes to the history. Used by the player; synchronous so it cannot interleave.
   */
  next(options: NextOptions = {}): T | null {
    return this.nextUndoable(options).current;
  }

  /** {@link Queue.next}, also returning how to undo it. */
  private nextUndoable(options: NextOptions = {}): { current: T | null; undo: QueueUndo<T> } {
    const cur = this.currentItem;
    const before = { current: cur, history: this.history };
    if (cur !== null && this.loopMode === "track" && !options.skip) {
      return { current: cur, undo: this.undoRecord(before, {}) };
    }
    let pushed = false;
    if (cur !== null) {
      this.remember(cur);
      if (this.loopMode === "queue") {
        // The current track is re-queued even at maxSize: it was already part of the queue's content.
        this.items.push(cur);
        this.account(cur, 1);
        pushed = true;
      }
    }
    const nextItem = this.items.shift() ?? null;
    if (nextItem !== null) this.account(nextItem, -1);
    this.currentItem = nextItem;
    this.changed();
    return { current: nextItem, undo: this.undoRecord(before, { shifted: nextItem, pushed }) };
  }

  /**
   * Steps back: the most recent history entry becomes current and the current track goes back to the
   * front of the upcoming list. Returns the new current track, or null (nothing changes) without history.
   */
  previous(): T | null {
    return this.previousUndoable().current;
  }

  /** {@link Queue.previous}, also returning how to undo it. */
  private previousUndoable(): { current: T | null; undo: QueueUndo<T> } {
    const before = { current: this.currentItem, history: this.history };
    const prev = this.past.shift();
    if (prev === undefined) return { current: null, undo: this.undoRecord(before, {}) };
    this.historySnapshot = null;
    // In queue loop the track was also re-appended when it finished; take that copy back out.
    let popped: T | null = null;
    if (this.loopMode === "queue" && this.items.get(this.items.length - 1) === prev) {
      popped = this.items.pop() as T;
      this.account(popped, -1);
    }
    let unshifted = false;
    if (this.currentItem !== null) {
      this.items.unshift(this.currentItem);
      this.account(this.currentItem, 1);
      unshifted = true;
    }
    this.currentItem = prev;
    this.changed();
    return { current: prev, undo: this.undoRecord(before, { popped, unshifted }) };
  }

  /**
   * Makes `track` current (the player calls this for an explicit `play(track)`); the previous current
   * track goes to the history. Returns the track that was current.
   */
  setCurrent(track: T | null): T | null {
    const old = this.currentItem;
    this.setCurrentUndoable(track);
    return old;
  }

  /** {@link Queue.setCurrent}, returning how to undo it. */
  private setCurrentUndoable(track: T | null): QueueUndo<T> {
    if (track !== null) assertQueueItem(track, "queue.setCurrent");
    const before = { current: this.currentItem, history: this.history };
    const old = this.currentItem;
    if (old !== null && old !== track) this.remember(old);
    this.currentItem = track;
    this.changed();
    return this.undoRecord(before, {});
  }

  /**
   * Takes back a change recorded by one of the `…Undoable` methods, restoring `current`, the
   * history and the upcoming tracks it moved, exactly. Does nothing and returns false when the queue
   * changed since (a later command built on that state, so undoing would break call order).
   */
  private undo(record: QueueUndo<T>): boolean {
    if (record.version !== this.version) return false;
    if (record.pushed) this.account(this.items.pop() as T, -1);
    if (record.popped !== null) {
      this.items.push(record.popped);
      this.account(record.popped, 1);
    }
    if (record.unshifted) this.account(this.items.shift() as T, -1);
    if (record.shifted !== null) {
      this.items.unshift(record.shifted);
      this.account(record.shifted, 1);
    }
    this.currentItem = record.current;
    this.past.replaceAll(record.history);
    this.historySnapshot = record.history;
    this.changed();
    return true;
  }

  /** Appends synchronously; shared by {@link Queue.add} and callers that need no promise. */
  addSync(tracks: T | readonly T[]): number {
    if (!Array.isArray(tracks)) {
      assertQueueItem(tracks, "queue.add");
      if (this.items.length + 1 > this.limit) throw new QueueFullError(this.limit, this.items.length, 1);
      this.items.push(tracks as T);
      this.account(tracks as T, 1);
      this.changed();
      return this.items.length;
    }
    // A batch: one pass checks each track and sums its length (each track's info is read once),
    // then the whole array is copied in.
    const list = tracks as readonly T[];
    let length = 0;
    let streams = 0;
    for (let i = 0; i < list.length; i++) {
      const t = list[i] as T;
      // A Track the client built carries its checked length: its info object is never read here.
      const ms = typeof t === "object" && t !== null ? checkedLength(t) : UNCHECKED;
      if (ms >= 0) length += ms;
      else if (ms === STREAM_MS) streams++;
      else {
        if (!isQueueItem(t)) assertQueueItem(t, `queue.add[${i}]`);
        const info = t.info;
        if (isStreamInfo(info)) streams++;
        else length += info.length;
      }
    }
    if (this.items.length + list.length > this.limit) {
      throw new QueueFullError(this.limit, this.items.length, list.length);
    }
    this.items.pushAll(list);
    this.totalLength += length;
    this.streams += streams;
    this.changed();
    return this.items.length;
  }

  private validated(tracks: T | readonly T[], where: string): readonly T[] {
    if (Array.isArray(tracks)) {
      // The place name is only built for a failure: a batch of 100,000 tracks pays one check each.
      for (let i = 0; i < tracks.length; i++) {
        if (!isQueueItem(tracks[i])) assertQueueItem(tracks[i], `${where}[${i}]`);
      }
      return tracks as readonly T[];
    }
    assertQueueItem(tracks, where);
    return [tracks as T];
  }

  private checkIndex(index: number, what: string): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.items.length) {
      throw new QueueIndexError(index, this.items.length, what);
    }
    return index;
  }

  private account(item: T, sign: 1 | -1): void {
    // The same length the batch add counted (a Track's checked length), so the sums never drift.
    const ms = checkedLength(item);
    if (ms === STREAM_MS || (ms === UNCHECKED && isStreamItem(item))) this.streams += sign;
    else this.totalLength += sign * (ms >= 0 ? ms : item.info.length);
  }

  private remember(item: T): void {
    if (this.historyLimit === 0) return;
    this.past.unshift(item);
    this.trimHistory();
    this.historySnapshot = null;
  }

  private trimHistory(): void {
    while (this.past.length > this.historyLimit) this.past.pop();
    this.historySnapshot = null;
    this.version++;
  }

  private undoRecord(
    before: { current: T | null; history: readonly T[] },
    moved: { shifted?: T | null; unshifted?: boolean; pushed?: boolean; popped?: T | null },
  ): QueueUndo<T> {
    return {
      version: this.version,
      current: before.current,
      history: before.history,
      shifted: moved.shifted ?? null,
      unshifted: moved.unshifted ?? false,
      pushed: moved.pushed ?? false,
      popped: moved.popped ?? null,
    };
  }

  private changed(): void {
    this.upcomingSnapshot = null;
    this.version++;
    this.observer?.touched();
  }

  /** Resolves once the changes so far are in the player's store (at once without one). */
  private durable(): Promise<void> {
    return this.observer === null ? Promise.resolve() : this.observer.durable();
  }

  private load(state: {
    current: T | null;
    upcoming: readonly T[];
    history: readonly T[];
    loop: LoopMode;
  }): void {
    this.items.replaceAll(state.upcoming.slice());
    this.totalLength = 0;
    this.streams = 0;
    for (const item of state.upcoming) this.account(item, 1);
    this.past.replaceAll(state.history.slice(0, this.historyLimit));
    this.historySnapshot = null;
    this.currentItem = state.current;
    this.loopMode = state.loop;
    this.changed();
  }
}
