import { assertDelay, type Clock, ClockError, type TimerHandle } from "./clock.js";

interface VirtualTimer {
  readonly id: number;
  due: number;
  readonly interval: number | null;
  readonly callback: () => void;
}

/** Lets callbacks scheduled with setImmediate (socket writes, ws frames) run between timers. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A clock that only moves when told to. Timers fire in due order (ties in creation order) while
 * {@link advance} walks time forward, and pending I/O is let through between them, so a server
 * and a client running on the same virtual clock stay causally consistent.
 */
export class VirtualClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, VirtualTimer>();
  private advancing: Promise<void> = Promise.resolve();

  /** @param start epoch milliseconds the clock starts at (default: a fixed date, for reproducibility). */
  constructor(start = Date.UTC(2024, 0, 1)) {
    if (!Number.isFinite(start)) throw new ClockError(`start must be a finite number, got ${String(start)}`);
    this.current = start;
  }

  /** Milliseconds since the Unix epoch on this clock. */
  now(): number {
    return this.current;
  }

  /** Number of timers waiting to fire. */
  get pending(): number {
    return this.timers.size;
  }

  /** Calls `callback` once after `ms` milliseconds of this clock's time. */
  setTimeout(callback: () => void, ms: number): TimerHandle {
    assertDelay(ms, "timeout");
    return this.schedule(callback, ms, null);
  }

  /** Calls `callback` every `ms` milliseconds of this clock's time. */
  setInterval(callback: () => void, ms: number): TimerHandle {
    assertDelay(ms, "interval");
    // A zero interval would fire forever within one advance().
    return this.schedule(callback, ms, Math.max(1, ms));
  }

  /** Cancels a timeout. */
  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle instanceof VirtualTimerHandle) this.timers.delete(handle.id);
  }

  /** Cancels an interval. */
  clearInterval(handle: TimerHandle | undefined): void {
    this.clearTimeout(handle);
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way. Concurrent calls are
   * queued, so two `advance(1000)` calls move the clock by exactly 2000 ms.
   */
  advance(ms: number): Promise<void> {
    assertDelay(ms, "advance");
    const run = this.advancing.then(() => this.advanceNow(ms));
    this.advancing = run.catch(() => undefined);
    return run;
  }

  /** Fires timers until none is left or `limit` timers have fired (guards against endless intervals). */
  async runAll(limit = 10_000): Promise<void> {
    for (let fired = 0; fired < limit; fired++) {
      const next = this.nextDue();
      if (next === undefined) return;
      await this.advance(Math.max(0, next.due - this.current));
    }
    throw new ClockError(`runAll stopped after ${limit} timers; an interval is probably still running`);
  }

  private schedule(callback: () => void, ms: number, interval: number | null): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.current + ms, interval, callback });
    return new VirtualTimerHandle(id);
  }

  private nextDue(): VirtualTimer | undefined {
    let best: VirtualTimer | undefined;
    for (const t of this.timers.values()) {
      if (best === undefined || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
    }
    return best;
  }

  private async advanceNow(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const next = this.nextDue();
      if (next === undefined || next.due > target) break;
      this.current = Math.max(this.current, next.due);
      if (next.interval === null) this.timers.delete(next.id);
      else next.due += next.interval;
      try {
        next.callback();
      } catch (error) {
        // A throwing timer must not stop time for everyone else; report it like Node would.
        queueMicrotask(() => {
          throw error;
        });
      }
      await settle();
    }
    this.current = target;
    await settle();
  }
}

class VirtualTimerHandle {
  constructor(readonly id: number) {}
}
