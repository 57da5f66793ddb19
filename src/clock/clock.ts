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
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  setInterval(callback: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle | undefined): void;
}

export class ClockError extends Error {
  readonly code = "CLOCK";
  constructor(message: string) {
    super(message);
    this.name = "ClockError";
  }
}

export function assertDelay(ms: number, what: string): void {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
    throw new ClockError(`${what} must be a finite number of milliseconds ≥ 0, got ${String(ms)}`);
  }
}
