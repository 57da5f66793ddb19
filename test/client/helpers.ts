import type { VirtualClock } from "../../src/clock/index.js";

/** Lets real socket I/O happen (a poll between clock steps, not a timing assumption). */
export const io = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));

/**
 * Advances a virtual clock in steps until `promise` settles, letting real I/O through between
 * steps, so code waiting on both sockets and virtual timers makes progress.
 */
export async function drive<T>(
  clock: VirtualClock,
  promise: Promise<T>,
  stepMs = 100,
  maxSteps = 2_000,
): Promise<T> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let i = 0; i < maxSteps && !done; i++) {
    await io();
    if (!done) await clock.advance(stepMs);
  }
  return promise;
}

/** Waits (polling real I/O, without moving the clock) until `check` holds. */
export async function until(check: () => boolean, what: string, maxPolls = 2_500): Promise<void> {
  for (let i = 0; i < maxPolls; i++) {
    if (check()) return;
    await io();
  }
  throw new Error(`timed out waiting until ${what}`);
}
