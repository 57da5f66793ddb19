import { assertDelay, type Clock, ClockError, type TimerHandle } from "./clock.js";

/** Options of {@link RealClock}. */
export interface RealClockOptions {
  /**
   * How fast this clock runs compared with wall time: 2 makes a 3-minute track end in 90 seconds.
   * Timers fire after `ms / timeScale` real milliseconds and `now()` advances `timeScale` times faster.
   */
  timeScale?: number;
  /** Let timers keep the process alive (default false: a forgotten timer never blocks exit). */
  ref?: boolean;
}

/** The wall clock, optionally sped up or slowed down. */
export class RealClock implements Clock {
  readonly timeScale: number;
  private readonly origin = Date.now();
  private readonly ref: boolean;

  constructor(options: RealClockOptions = {}) {
    const scale = options.timeScale ?? 1;
    if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0) {
      throw new ClockError(`timeScale must be a finite number > 0, got ${String(scale)}`);
    }
    this.timeScale = scale;
    this.ref = options.ref ?? false;
  }

  /** Milliseconds since the Unix epoch on this clock. */
  now(): number {
    if (this.timeScale === 1) return Date.now();
    return this.origin + Math.floor((Date.now() - this.origin) * this.timeScale);
  }

  /** Calls `callback` once after `ms` milliseconds of this clock's time. */
  setTimeout(callback: () => void, ms: number): TimerHandle {
    assertDelay(ms, "timeout");
    const t = setTimeout(callback, ms / this.timeScale);
    if (!this.ref) t.unref();
    return t;
  }

  /** Cancels a timeout. */
  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle !== undefined) clearTimeout(handle as NodeJS.Timeout);
  }

  /** Calls `callback` every `ms` milliseconds of this clock's time. */
  setInterval(callback: () => void, ms: number): TimerHandle {
    assertDelay(ms, "interval");
    const t = setInterval(callback, Math.max(1, ms / this.timeScale));
    if (!this.ref) t.unref();
    return t;
  }

  /** Cancels an interval. */
  clearInterval(handle: TimerHandle | undefined): void {
    if (handle !== undefined) clearInterval(handle as NodeJS.Timeout);
  }
}
