import { defaultRandomSource, type RandomInput, toRandomSource } from "../../base/random-source.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";

/** How the delay grows between attempts; a function gets the 1-based attempt and returns ms. */
export type Backoff = "exponential" | "linear" | "fixed" | ((attempt: number) => number);

/**
 * Retry vocabulary shared by the reconnect policy and REST retries (the words ky uses).
 * - `maxRetries`: attempts after the first failure (0 disables retrying; `Infinity` never gives up).
 * - `backoff`: `exponential` (base·2^(n−1)), `linear` (base·n), `fixed` (base) or a function of n.
 * - `baseDelay` / `maxDelay`: milliseconds; every delay is capped by `maxDelay`.
 * - `jitter`: `true` picks uniformly in [0, delay] ("full jitter"); a number f in [0, 1] removes up
 *   to f·delay at random; a function maps the computed delay to the one used. Jitter spreads the
 *   reconnects of many bots after a node restart.
 */
export interface RetryOptions {
  maxRetries?: number;
  backoff?: Backoff;
  baseDelay?: number;
  maxDelay?: number;
  /** Randomises each delay (see above); default 0.2. */
  jitter?: boolean | number | ((delay: number) => number);
}

/** {@link RetryOptions} with every default filled in. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly backoff: Backoff;
  readonly baseDelay: number;
  readonly maxDelay: number;
  /** Randomises each delay, as in {@link RetryOptions.jitter}. */
  readonly jitter: boolean | number | ((delay: number) => number);
}

/** Reconnect defaults: 5 retries, 1 s doubling to 30 s, up to 20 % jitter. */
export const DEFAULT_RECONNECT: RetryPolicy = Object.freeze({
  maxRetries: 5,
  backoff: "exponential",
  baseDelay: 1_000,
  maxDelay: 30_000,
  jitter: 0.2,
});

/** REST retry defaults: 2 retries, 250 ms then 500 ms, up to 20 % jitter. */
export const DEFAULT_REST_RETRY: RetryPolicy = Object.freeze({
  maxRetries: 2,
  backoff: "exponential",
  baseDelay: 250,
  maxDelay: 5_000,
  jitter: 0.2,
});

/** Merges options over defaults and checks every value. */
export function resolveRetryPolicy(
  options: RetryOptions | undefined,
  defaults: RetryPolicy,
  name: string,
): RetryPolicy {
  const policy = { ...defaults, ...stripUndefined(options ?? {}) };
  const { maxRetries, backoff, baseDelay, maxDelay, jitter } = policy;
  if (typeof maxRetries !== "number" || Number.isNaN(maxRetries) || maxRetries < 0) {
    throw new InvalidOptionError(`${name}.maxRetries`, maxRetries, "a number ≥ 0 (or Infinity)");
  }
  if (typeof backoff !== "function" && !["exponential", "linear", "fixed"].includes(backoff)) {
    throw new InvalidOptionError(
      `${name}.backoff`,
      backoff,
      '"exponential", "linear", "fixed" or a function of the attempt number',
    );
  }
  for (const [key, value] of [
    ["baseDelay", baseDelay],
    ["maxDelay", maxDelay],
  ] as const) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new InvalidOptionError(`${name}.${key}`, value, "a finite number of milliseconds ≥ 0");
    }
  }
  if (typeof jitter === "number" && !(jitter >= 0 && jitter <= 1)) {
    throw new InvalidOptionError(`${name}.jitter`, jitter, "a fraction from 0 to 1, a boolean or a function");
  }
  return Object.freeze(policy);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Delay before retry number `attempt` (1-based). `random` (a RandomSource or a function, uniform in
 * [0, 1); default {@link defaultRandomSource}) is injectable so tests are deterministic.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  random: RandomInput = defaultRandomSource,
): number {
  const { backoff, baseDelay, maxDelay, jitter } = policy;
  let delay: number;
  if (typeof backoff === "function") delay = backoff(attempt);
  else if (backoff === "exponential") delay = baseDelay * 2 ** (attempt - 1);
  else if (backoff === "linear") delay = baseDelay * attempt;
  else delay = baseDelay;
  if (!Number.isFinite(delay) || delay < 0) delay = maxDelay;
  delay = Math.min(delay, maxDelay);
  if (jitter === true) delay = toRandomSource(random).next() * delay;
  else if (typeof jitter === "number") delay -= toRandomSource(random).next() * jitter * delay;
  else if (typeof jitter === "function") delay = jitter(delay);
  return Math.max(0, Math.round(delay));
}
