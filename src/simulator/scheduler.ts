import type { Clock, TimerHandle } from "../base/clock/index.js";

/** A pending entry of the {@link Scheduler}; cancel it with {@link Scheduler.cancel}. */
export interface ScheduledTask {
  readonly due: number;
  /** @internal insertion order, to fire ties first-come first-served. */
  readonly seq: number;
  /** @internal */
  cancelled: boolean;
  /** @internal still in the heap (not yet popped or compacted away). */
  queued: boolean;
  /** @internal called with `arg` */
  readonly run: (arg: unknown) => void;
  /** @internal */
  readonly arg: unknown;
}

/** Below this many heap entries compaction is not worth a pass. */
const COMPACT_MIN_HEAP = 64;

/**
 * One clock timer for every player's next event: a binary min-heap ordered by due time, with lazy
 * cancellation. Thousands of players then cost one pending timer instead of thousands, and an
 * idle player costs nothing at all. Cancelled entries are swept out once they are more than half
 * of the heap, so replacing a track over and over (each replacement cancels a milestone due far
 * in the future) keeps the heap at about twice the live entries instead of growing without bound.
 */
export class Scheduler {
  private readonly heap: ScheduledTask[] = [];
  private seq = 0;
  private timer: TimerHandle | undefined;
  private timerDue = Number.POSITIVE_INFINITY;
  private stopped = false;
  /** Cancelled entries still in the heap. */
  private cancelledInHeap = 0;

  constructor(private readonly clock: Clock) {}

  /** Number of live (not cancelled) entries; for inspection and tests. */
  get size(): number {
    let n = 0;
    for (const t of this.heap) if (!t.cancelled) n++;
    return n;
  }

  /** @internal Entries in the heap, cancelled ones included: what the scheduler holds in memory. */
  get heapSize(): number {
    return this.heap.length;
  }

  /** Runs `run` once the clock reaches `due` (epoch ms on the clock). */
  at(due: number, run: () => void): ScheduledTask {
    return this.atWith(due, run, undefined);
  }

  /**
   * Runs `run(arg)` once the clock reaches `due`. A shared `run` with its data in `arg` costs no
   * closure: what every playing player keeps pending (its next milestone) stays small.
   */
  atWith<A>(due: number, run: (arg: A) => void, arg: A): ScheduledTask {
    const task: ScheduledTask = {
      due,
      seq: this.seq++,
      cancelled: false,
      queued: true,
      run: run as (arg: unknown) => void,
      arg,
    };
    this.push(task);
    if (due < this.timerDue) this.arm();
    return task;
  }

  /** Cancels a pending entry (no-op for one already run or cancelled). */
  cancel(task: ScheduledTask | undefined): void {
    if (task === undefined || task.cancelled) return;
    task.cancelled = true;
    if (!task.queued) return;
    this.cancelledInHeap++;
    if (this.heap.length >= COMPACT_MIN_HEAP && this.cancelledInHeap * 2 > this.heap.length) this.compact();
  }

  /** Cancels everything and the underlying timer; the scheduler accepts nothing afterwards. */
  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    for (const task of this.heap) task.queued = false;
    this.heap.length = 0;
    this.cancelledInHeap = 0;
  }

  /** Drops every cancelled entry and rebuilds the heap (O(n), paid for by the n/2 cancels before it). */
  private compact(): void {
    const live = this.heap.filter((task) => {
      if (task.cancelled) task.queued = false;
      return !task.cancelled;
    });
    this.heap.length = 0;
    this.cancelledInHeap = 0;
    for (const task of live) this.push(task);
    // The clock timer stays as armed: if its entry was swept, it wakes early, finds nothing due
    // and re-arms for the new top, as after any lazily cancelled top.
  }

  private arm(): void {
    if (this.stopped) return;
    while (this.heap.length > 0 && this.heap[0]?.cancelled) this.pop();
    const top = this.heap[0];
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
    if (top === undefined) return;
    this.timerDue = top.due;
    this.timer = this.clock.setTimeout(() => this.fire(), Math.max(0, top.due - this.clock.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || top.due > now || this.stopped) break;
      this.pop();
      if (top.cancelled) continue;
      top.cancelled = true;
      try {
        top.run(top.arg);
      } catch (error) {
        // One faulty callback must not freeze every other player's timeline.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    this.arm();
  }

  private less(a: ScheduledTask, b: ScheduledTask): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(task: ScheduledTask): void {
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as ScheduledTask;
      if (!this.less(task, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = task;
  }

  private pop(): ScheduledTask | undefined {
    const h = this.heap;
    const top = h[0];
    if (top !== undefined) {
      top.queued = false;
      if (top.cancelled) this.cancelledInHeap--;
    }
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.less(h[r] as ScheduledTask, h[l] as ScheduledTask) ? r : l;
      const c = h[child] as ScheduledTask;
      if (!this.less(c, last)) break;
      h[i] = c;
      i = child;
    }
    h[i] = last;
    return top;
  }
}
