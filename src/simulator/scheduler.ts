import type { Clock, TimerHandle } from "../base/clock/index.js";

/** A pending entry of the {@link Scheduler}; cancel it with {@link Scheduler.cancel}. */
export interface ScheduledTask {
  readonly due: number;
  /** @internal insertion order, to fire ties first-come first-served. */
  readonly seq: number;
  /** @internal */
  cancelled: boolean;
  /** @internal */
  readonly run: () => void;
}

/**
 * One clock timer for every player's next event: a binary min-heap ordered by due time, with lazy
 * cancellation. Thousands of players then cost one pending timer instead of thousands, and an
 * idle player costs nothing at all.
 */
export class Scheduler {
  private readonly heap: ScheduledTask[] = [];
  private seq = 0;
  private timer: TimerHandle | undefined;
  private timerDue = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(private readonly clock: Clock) {}

  /** Number of live (not cancelled) entries; for inspection and tests. */
  get size(): number {
    let n = 0;
    for (const t of this.heap) if (!t.cancelled) n++;
    return n;
  }

  /** Runs `run` once the clock reaches `due` (epoch ms on the clock). */
  at(due: number, run: () => void): ScheduledTask {
    const task: ScheduledTask = { due, seq: this.seq++, cancelled: false, run };
    this.push(task);
    if (due < this.timerDue) this.arm();
    return task;
  }

  cancel(task: ScheduledTask | undefined): void {
    if (task !== undefined) task.cancelled = true;
  }

  /** Cancels everything and the underlying timer; the scheduler accepts nothing afterwards. */
  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.heap.length = 0;
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
        top.run();
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
