import type { RandomInput } from "../../base/random-source.js";
import { QueueOptionError } from "./errors.js";

/** What happens when the current track ends: nothing special, repeat it, or re-queue it at the end. */
export type LoopMode = "off" | "track" | "queue";

/** The loop modes, for validation and UIs. */
export const LOOP_MODES: readonly LoopMode[] = Object.freeze(["off", "track", "queue"]);

/** Default limit on upcoming tracks: room for large playlists while bounding memory per guild. */
export const DEFAULT_QUEUE_MAX_SIZE = 100_000;
/** Default number of played tracks remembered (for `previous()`, smart shuffle and autoplay). */
export const DEFAULT_HISTORY_SIZE = 50;

/** Options of a {@link Queue}. */
export interface QueueOptions {
  /** Most upcoming tracks allowed (default {@link DEFAULT_QUEUE_MAX_SIZE}); `Infinity` for no limit. */
  maxSize?: number;
  /** Played tracks kept in {@link Queue.history} (default {@link DEFAULT_HISTORY_SIZE}); 0 keeps none. */
  historySize?: number;
  /**
   * Random source for the shuffles, uniform in [0, 1): a {@link RandomSource} (such as a
   * SeededRandom) or a function (default {@link defaultRandomSource}, backed by `Math.random`);
   * inject a seeded one in tests.
   */
  random?: RandomInput;
}

/**
 * How to take back one queue change (`next`, `previous`, `setCurrent`) when the player's request
 * for it was refused by the node. Kept by the player (see `queueControl` in queue.ts). @internal
 */
export interface QueueUndo<T> {
  /** The queue's version right after the change: undo only applies if nothing changed since. */
  readonly version: number;
  readonly current: T | null;
  readonly history: readonly T[];
  /** Taken from the front of the upcoming list (put back with unshift). */
  readonly shifted: T | null;
  /** Put at the front of the upcoming list (taken back with shift). */
  readonly unshifted: boolean;
  /** Appended at the end (taken back with pop). */
  readonly pushed: boolean;
  /** Removed from the end (put back with push). */
  readonly popped: T | null;
}

/** Options of {@link Queue.next}. */
export interface NextOptions {
  /** Advance even in `"track"` loop mode (a user skip moves on; a natural end repeats). */
  skip?: boolean;
}

/** Checks a size limit option: an integer ≥ 0, or Infinity. */
export function checkLimit(option: string, value: number): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new QueueOptionError(option, value, "an integer ≥ 0 or Infinity");
  }
  return value;
}
