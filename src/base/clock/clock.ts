import { SonoraError } from "../errors/sonora-error.js";

/** An opaque timer handle returned by a {@link Clock}. */
export type TimerHandle = object;

/**
 * Time as Sonora sees it. The client and the simulator take a Clock instead of reading globals, so
 * tests can pass a {@link VirtualClock} and play a 3-minute track in a millisecond — faking Node's
 * global timers instead would also freeze the sockets the tests run over.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, as this clock sees it. */
  now(): number;
  /** Calls `callback` once, `ms` milliseconds of this clock's time from now. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timeout; unknown or undefined handles are ignored. */
  clearTimeout(handle: TimerHandle | undefined): void;
  /** Calls `callback` every `ms` milliseconds of this clock's time. */
  setInterval(callback: () => void, ms: number): TimerHandle;
  /** Cancels an interval; unknown or undefined handles are ignored. */
  clearInterval(handle: TimerHandle | undefined): void;
}

/** A clock was given an invalid delay, start time or time scale. */
export class ClockError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "CLOCK";
}

/** @internal Throws {@link ClockError} unless `ms` is a finite delay ≥ 0. */
export function assertDelay(ms: number, what: string): void {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
    throw new ClockError(`${what} must be a finite number of milliseconds ≥ 0, got ${String(ms)}`);
  }
}
