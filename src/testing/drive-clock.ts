import type { VirtualClock } from "../base/clock/index.js";
import { DEFAULT_STEP_MS } from "./environment.js";
import { TestingError, WaitTimeoutError } from "./errors.js";
import { ioTurn } from "./wire-monitor.js";

/** Options of {@link driveClock}. */
export interface DriveClockOptions {
  /** Virtual ms per step (default {@link DEFAULT_STEP_MS}). */
  stepMs?: number;
  /** Most virtual ms to advance before giving up with a WaitTimeoutError (default 600 000). */
  maxMs?: number;
}

/**
 * Advances `clock` step by step until `promise` settles, letting socket I/O through between steps,
 * and returns the promise's outcome — for code that waits on both a virtual clock and real sockets
 * (a REST client with timeouts and retries, a reconnect backoff) outside a test environment. Inside
 * one, use `env.drive`, which also waits for the simulator's frames after each step.
 *
 * ```ts
 * const clock = new VirtualClock();
 * const answer = await driveClock(clock, rest.request("GET", "/slow"), { stepMs: 250 });
 * ```
 */
export async function driveClock<T>(
  clock: VirtualClock,
  promise: Promise<T>,
  options: DriveClockOptions = {},
): Promise<T> {
  const { stepMs = DEFAULT_STEP_MS, maxMs = 600_000 } = options;
  if (!(stepMs > 0) || !Number.isFinite(stepMs)) {
    throw new TestingError("TEST_INVALID_OPTION", `stepMs must be a number > 0, got ${String(stepMs)}`);
  }
  let done = false;
  const observed = promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let elapsed = 0; !done; elapsed += stepMs) {
    await ioTurn();
    if (done) break;
    if (elapsed >= maxMs) {
      await Promise.race([observed, ioTurn()]);
      if (!done) throw new WaitTimeoutError("promise to settle", maxMs, [], "virtual");
      break;
    }
    await clock.advance(stepMs);
  }
  return promise;
}
