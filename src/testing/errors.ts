import type { SonoraErrorCode } from "../base/errors/codes.js";
import { SonoraError } from "../base/errors/sonora-error.js";

/** Stable codes of {@link TestingError}: the `TEST_` members of {@link SonoraErrorCode}. */
export type TestingErrorCode = Extract<SonoraErrorCode, `TEST_${string}`>;

/**
 * Misuse of the testing kit itself (a bad fixture option, using an environment after `dispose()`).
 * `code` is stable; the message says which value was wrong and what to do.
 */
export class TestingError extends SonoraError {
  constructor(
    /** Stable machine-readable identifier. */
    readonly code: TestingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One emission seen while a wait was pending, as {@link WaitTimeoutError} reports it. */
export interface ObservedEvent {
  /** Event name. */
  event: string;
  /** Short, human-readable rendering of the arguments (players, tracks and nodes by name). */
  summary: string;
  /** Whether the event had the awaited name but the filter rejected it. */
  rejectedByFilter: boolean;
  /** Consecutive emissions of this event collapsed into this entry (`summary` shows the last). */
  count: number;
}

/**
 * A {@link waitForEvent} (or `env.advanceUntil`) gave up. The message names the awaited event, the
 * limit, and every event that did arrive meanwhile — usually enough to see why the awaited one never
 * came (a `trackException` instead of `trackEnd`, a `nodeDisconnect`, a filter that never matched).
 */
export class WaitTimeoutError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "WAIT_TIMEOUT";

  constructor(
    /** The awaited event. */
    readonly event: string,
    /** The limit that passed, in ms. */
    readonly timeoutMs: number,
    /** Events emitted meanwhile, oldest first; runs of one event collapsed; at most the last 50 entries. */
    readonly observed: readonly ObservedEvent[],
    /** Which clock the limit was measured on. */
    readonly clock: "real" | "virtual" = "real",
    /** Entries dropped from the front of `observed` because more than 50 were recorded. */
    readonly omitted = 0,
  ) {
    super(WaitTimeoutError.describe(event, timeoutMs, observed, clock, omitted));
  }

  private static describe(
    event: string,
    timeoutMs: number,
    observed: readonly ObservedEvent[],
    clock: "real" | "virtual",
    omitted: number,
  ): string {
    const head = `timed out after ${timeoutMs} ms (${clock} time) waiting for "${event}"`;
    if (observed.length === 0) {
      return `${head}; no event at all arrived meanwhile — is the clock advancing and the node connected?`;
    }
    const lines = observed.map(
      (o) =>
        `  - ${o.event}(${o.summary})${o.count > 1 ? ` ×${o.count} (last shown)` : ""}` +
        `${o.rejectedByFilter ? "  [rejected by the filter]" : ""}`,
    );
    const more = omitted > 0 ? `\n  … and ${omitted} earlier event(s)` : "";
    return `${head}; events that did arrive meanwhile:${more}\n${lines.join("\n")}`;
  }
}
