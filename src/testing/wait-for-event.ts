import type { EventEmitter } from "node:events";
import { type Clock, VirtualClock } from "../base/clock/index.js";
import type { EventMap, TypedEmitter } from "../client/index.js";
import { describeArgs } from "./describe.js";
import { type Emitting, tapEmits } from "./emit-tap.js";
import { type ObservedEvent, TestingError, WaitTimeoutError } from "./errors.js";

/** Default limit of {@link waitForEvent}, in ms. Generous: CI machines are slow and shared. */
export const DEFAULT_WAIT_TIMEOUT_MS = 5_000;

/** How many emissions a timeout message lists (the most recent ones). */
const OBSERVED_LIMIT = 50;

/** The event map of an emitter: a Sonora TypedEmitter's, a typed Node EventEmitter's, or any. */
export type EventsOf<T> =
  T extends TypedEmitter<infer E extends EventMap>
    ? E
    : T extends EventEmitter<infer M>
      ? { [K in keyof M]: M[K] extends unknown[] ? M[K] : unknown[] }
      : Record<string, unknown[]>;

/** The argument tuple of event `K` of emitter `T`. */
export type EventArgs<T, K extends keyof EventsOf<T>> = EventsOf<T>[K] extends unknown[]
  ? EventsOf<T>[K]
  : unknown[];

/** Options of {@link waitForEvent}. */
export interface WaitForEventOptions<A extends unknown[] = unknown[]> {
  /** Only an emission for which this returns true resolves the wait. */
  filter?: (...args: A) => boolean;
  /** Limit in ms (default {@link DEFAULT_WAIT_TIMEOUT_MS}). */
  timeoutMs?: number;
  /**
   * Clock the limit is measured on (default: Node's real timers). With a VirtualClock the wait only
   * times out when that clock is advanced past the limit.
   */
  clock?: Clock;
  /** Aborts the wait (rejects with the signal's reason). */
  signal?: AbortSignal;
}

/**
 * Resolves with the arguments of the next emission of `event` (that passes `filter`). On timeout
 * rejects with a {@link WaitTimeoutError} listing every event the emitter did emit meanwhile.
 *
 * Start the wait BEFORE the action that causes the event:
 * ```ts
 * const ended = waitForEvent(client, "trackEnd", { filter: (_p, _t, reason) => reason === "finished" });
 * await env.advance(track.length);
 * const [player, track, reason] = await ended;
 * ```
 */
export function waitForEvent<T extends Emitting, K extends keyof EventsOf<T> & string>(
  emitter: T,
  event: K,
  options: WaitForEventOptions<EventArgs<T, K>> = {},
): Promise<EventArgs<T, K>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
    return Promise.reject(
      new TestingError(
        "TEST_INVALID_OPTION",
        `timeoutMs must be a finite number ≥ 0, got ${String(timeoutMs)}`,
      ),
    );
  }
  const clock = options.clock;
  const filter = options.filter as ((...args: unknown[]) => boolean) | undefined;
  const clockKind = clock instanceof VirtualClock ? "virtual" : "real";
  return new Promise((resolve, reject) => {
    const observed: ObservedEvent[] = [];
    let omitted = 0;
    let settled = false;
    const finish = (): void => {
      settled = true;
      untap();
      if (clock) clock.clearTimeout(handle);
      else clearTimeout(handle as ReturnType<typeof setTimeout>);
      options.signal?.removeEventListener("abort", onAbort);
    };
    const untap = tapEmits(emitter, (name, args) => {
      if (settled) return;
      let rejected = false;
      if (name === event) {
        let pass = true;
        try {
          pass = filter === undefined || filter(...args);
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (pass) {
          finish();
          resolve(args as EventArgs<T, K>);
          return;
        }
        rejected = true;
      }
      // `raw` mirrors every frame already reported as its own event; listing it would double the noise.
      if (name === "raw" && event !== "raw") return;
      const last = observed.at(-1);
      if (last !== undefined && last.event === name && last.rejectedByFilter === rejected) {
        // Runs of one event (playerUpdate every few seconds) collapse into one line with a count.
        observed[observed.length - 1] = { ...last, summary: describeArgs(args), count: last.count + 1 };
        return;
      }
      observed.push({ event: name, summary: describeArgs(args), rejectedByFilter: rejected, count: 1 });
      if (observed.length > OBSERVED_LIMIT) {
        observed.shift();
        omitted++;
      }
    });
    const onTimeout = (): void => {
      if (settled) return;
      finish();
      reject(new WaitTimeoutError(event, timeoutMs, observed, clockKind, omitted));
    };
    const handle: object = clock ? clock.setTimeout(onTimeout, timeoutMs) : setTimeout(onTimeout, timeoutMs);
    const onAbort = (): void => {
      if (settled) return;
      finish();
      reject(options.signal?.reason);
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
  });
}
