import type { Clock, TimerHandle } from "../../base/clock/index.js";

interface Waiter {
  readonly after: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: TimerHandle;
}

/**
 * Where session-scoped requests wait for a node's session. Each time the node finished handling a
 * `ready` (players resumed, or rebuilt on a new session) the gate opens a new generation and wakes
 * the requests waiting for one; when the node is lost or destroyed the waiting requests fail.
 * Opening only after the ready handling is what keeps a command that waited from reaching a fresh
 * session before its player was rebuilt there.
 */
export class SessionGate {
  private current = 0;
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly clock: Clock) {}

  /** Generation of the session the node serves now; it grows by one at each handled `ready`. */
  get generation(): number {
    return this.current;
  }

  /** The node's ready handling finished: wake every request waiting for a newer generation. */
  open(): void {
    this.current++;
    for (const waiter of [...this.waiters]) {
      if (waiter.after < this.current) this.settle(waiter, null);
    }
  }

  /** The session will not come back (the node was lost or destroyed): every waiting request fails. */
  fail(error: () => Error): void {
    for (const waiter of [...this.waiters]) this.settle(waiter, error());
  }

  /**
   * Resolves once a generation newer than `after` is open, at once if one is; rejects with
   * `timeout()` after `ms` on the node's clock, or with the error given to {@link fail}.
   */
  next(after: number, ms: number, timeout: () => Error): Promise<void> {
    if (this.current > after) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        after,
        resolve,
        reject,
        timer: this.clock.setTimeout(() => this.settle(waiter, timeout()), ms),
      };
      this.waiters.add(waiter);
    });
  }

  private settle(waiter: Waiter, error: Error | null): void {
    if (!this.waiters.delete(waiter)) return;
    this.clock.clearTimeout(waiter.timer);
    if (error === null) waiter.resolve();
    else waiter.reject(error);
  }
}
