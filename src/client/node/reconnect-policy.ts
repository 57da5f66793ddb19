import type { RandomInput } from "../../base/random-source.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import {
  DEFAULT_RECONNECT,
  type RetryOptions,
  type RetryPolicy,
  resolveRetryPolicy,
  retryDelay,
} from "./backoff.js";

/**
 * How a lost node is probed: once the reconnect retries are spent the node is `disconnected` and
 * its players move away, but it keeps being tried, so a node that comes back is used again.
 * - `interval`: the longest wait between two probes, in ms (default 30 000). Probes start at the
 *   reconnect policy's `maxDelay` (where its backoff stopped) and double up to `interval`.
 * - `jitter`: randomises each wait, as {@link RetryOptions.jitter} (default 0.2: up to 20 % less).
 */
export interface ProbeOptions {
  /** Longest wait between two probes, in ms (default 30 000). */
  interval?: number;
  /** Randomises each wait, as {@link RetryOptions.jitter} (default 0.2). */
  jitter?: boolean | number | ((delay: number) => number);
}

/** {@link ProbeOptions} with every default filled in. */
export interface ProbePolicy {
  /** Longest wait between two probes, in ms. */
  readonly interval: number;
  /** Randomises each wait, as {@link RetryOptions.jitter}. */
  readonly jitter: boolean | number | ((delay: number) => number);
}

/**
 * The reconnect policy of a node: the retry vocabulary of {@link RetryOptions} (`maxRetries` is the
 * retry budget before the node is declared lost), plus
 * - `stableAfter`: ms a connection must stay `ready` before the failure count is reset (default
 *   10 000). A node that sends `ready` and drops at once keeps counting, so it reaches the budget
 *   and is declared lost instead of reconnecting forever. 0 resets at every `ready`.
 * - `probe`: how a lost node keeps being tried ({@link ProbeOptions}); `false` gives up for good
 *   (then only `node.connect()` tries again).
 */
export interface ReconnectOptions extends RetryOptions {
  /** Ms a connection must stay ready before the failure count resets (default 10 000). */
  stableAfter?: number;
  /** How a lost node keeps being tried; `false` gives up for good (default {@link DEFAULT_PROBE}). */
  probe?: ProbeOptions | false;
}

/** {@link ReconnectOptions} with every default filled in. */
export interface ReconnectPolicy extends RetryPolicy {
  /** Ms a connection must stay ready before the failure count resets. */
  readonly stableAfter: number;
  /** How a lost node keeps being tried, or `false`. */
  readonly probe: ProbePolicy | false;
}

/** Probe defaults: at most 30 s apart, up to 20 % jitter. */
export const DEFAULT_PROBE: ProbePolicy = Object.freeze({ interval: 30_000, jitter: 0.2 });

/** Default ms a connection must stay ready before its failure count is reset. */
export const DEFAULT_STABLE_AFTER = 10_000;

/** Merges reconnect options over the defaults and checks every value. */
export function resolveReconnectPolicy(options: ReconnectOptions | undefined, name: string): ReconnectPolicy {
  const { stableAfter, probe, ...retry } = options ?? {};
  const policy = resolveRetryPolicy(retry, DEFAULT_RECONNECT, name);
  const stable = stableAfter ?? DEFAULT_STABLE_AFTER;
  if (typeof stable !== "number" || !Number.isFinite(stable) || stable < 0) {
    throw new InvalidOptionError(`${name}.stableAfter`, stable, "a finite number of milliseconds ≥ 0");
  }
  return Object.freeze({ ...policy, stableAfter: stable, probe: resolveProbe(probe, `${name}.probe`) });
}

function resolveProbe(probe: ProbeOptions | false | undefined, name: string): ProbePolicy | false {
  if (probe === false) return false;
  if (probe !== undefined && (typeof probe !== "object" || probe === null)) {
    throw new InvalidOptionError(name, probe, "false or { interval?, jitter? }");
  }
  const interval = probe?.interval ?? DEFAULT_PROBE.interval;
  const jitter = probe?.jitter ?? DEFAULT_PROBE.jitter;
  // A zero interval would hammer a dead node with connection attempts in a tight loop.
  if (typeof interval !== "number" || !Number.isFinite(interval) || interval <= 0) {
    throw new InvalidOptionError(`${name}.interval`, interval, "a finite number of milliseconds > 0");
  }
  if (
    typeof jitter === "number"
      ? !(jitter >= 0 && jitter <= 1)
      : !["boolean", "function"].includes(typeof jitter)
  ) {
    throw new InvalidOptionError(`${name}.jitter`, jitter, "a fraction from 0 to 1, a boolean or a function");
  }
  return Object.freeze({ interval, jitter });
}

/**
 * Delay before probe number `attempt` (1-based) of a lost node: from the reconnect policy's
 * `maxDelay` (at least 1 s, so a `maxDelay` of 0 cannot spin), doubling, capped at `interval`,
 * then jittered.
 */
export function probeDelay(
  policy: ReconnectPolicy,
  probe: ProbePolicy,
  attempt: number,
  random?: RandomInput,
): number {
  const base = Math.min(Math.max(policy.maxDelay, 1_000), probe.interval);
  return retryDelay(
    {
      maxRetries: Number.POSITIVE_INFINITY,
      backoff: "exponential",
      baseDelay: base,
      maxDelay: probe.interval,
      jitter: probe.jitter,
    },
    attempt,
    random,
  );
}
