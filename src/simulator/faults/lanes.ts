import type { Clock, TimerHandle } from "../../base/clock/index.js";
import type { FaultMark } from "./types.js";

interface Item {
  readonly due: number;
  readonly run: () => void;
}

/** The outgoing side of one connection: what is still in flight, in order. */
export interface Lane {
  readonly queue: Item[];
  /** Due time of the last item, so nothing overtakes what went before (TCP is ordered). */
  lastDue: number;
  timer: TimerHandle | undefined;
  /** Set once a fault ended the connection: everything produced afterwards is discarded. */
  ended: FaultMark | undefined;
}

/**
 * Ordered, delayed delivery per connection on the simulator's clock. A frame due now with nothing
 * in flight goes out synchronously, so a lane costs nothing until a fault delays something.
 */
export class Lanes<K extends object> {
  private readonly lanes = new WeakMap<K, Lane>();
  private readonly active = new Set<Lane>();
  private readonly timers = new Set<TimerHandle>();

  constructor(private readonly clock: Clock) {}

  /** True while some lane holds items or a one-off timer is pending. */
  get busy(): boolean {
    return this.active.size > 0 || this.timers.size > 0;
  }

  /** True when nothing is in flight on this connection: a frame due now may go out directly. */
  idle(key: K): boolean {
    const lane = this.lanes.get(key);
    return lane === undefined || lane.queue.length === 0;
  }

  peek(key: K): Lane | undefined {
    return this.lanes.get(key);
  }

  of(key: K): Lane {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { queue: [], lastDue: Number.NEGATIVE_INFINITY, timer: undefined, ended: undefined };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** Runs `run` `delay` ms from now, but never before what was queued on this connection earlier. */
  enqueue(key: K, delay: number, run: () => void): void {
    const now = this.clock.now();
    const existing = this.lanes.get(key);
    if (delay <= 0 && (existing === undefined || existing.queue.length === 0)) {
      run();
      return;
    }
    const lane = existing ?? this.of(key);
    const due = Math.max(now + delay, lane.lastDue);
    lane.lastDue = due;
    lane.queue.push({ due, run });
    this.active.add(lane);
    this.arm(lane);
  }

  /** A one-off action on the clock, outside any lane (cancelled by {@link halt}). */
  later(delay: number, run: () => void): void {
    if (delay <= 0) {
      run();
      return;
    }
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      run();
    }, delay);
    this.timers.add(handle);
  }

  /** Drops everything in flight (the node died or stopped). */
  halt(): void {
    for (const lane of this.active) {
      this.clock.clearTimeout(lane.timer);
      lane.timer = undefined;
      lane.queue.length = 0;
    }
    this.active.clear();
    for (const handle of this.timers) this.clock.clearTimeout(handle);
    this.timers.clear();
  }

  private arm(lane: Lane): void {
    if (lane.timer !== undefined) return;
    const head = lane.queue[0];
    if (head === undefined) {
      this.active.delete(lane);
      return;
    }
    lane.timer = this.clock.setTimeout(
      () => {
        lane.timer = undefined;
        this.flush(lane);
      },
      Math.max(0, head.due - this.clock.now()),
    );
  }

  private flush(lane: Lane): void {
    const now = this.clock.now();
    for (;;) {
      const head = lane.queue[0];
      if (head === undefined || head.due > now) break;
      lane.queue.shift();
      try {
        head.run();
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    this.arm(lane);
  }
}
