import { SonoraError } from "../../base/errors/sonora-error.js";

/** An autoplay option has an unusable value; the configuration was left unchanged. */
export class AutoplayConfigError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "AUTOPLAY_CONFIG";
  constructor(
    /** The option name, e.g. `strategy`. */
    readonly option: string,
    /** The rejected value. */
    readonly value: unknown,
    /** What would have been accepted. */
    readonly expected: string,
    /** `cause`: the underlying error, when another check refused the value. */
    options?: { cause?: unknown },
  ) {
    super(`autoplay option ${option} must be ${expected}, got ${describe(value)}.`, options);
  }
}

/** Every search autoplay tried failed; `cause` is the first failure. */
export class AutoplaySearchError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "AUTOPLAY_SEARCH";
  constructor(
    /** The queries that were tried, as `source:query`. */
    readonly queries: readonly string[],
    cause: unknown,
  ) {
    super(
      `autoplay could not search: all ${queries.length} queries failed (${queries.join(", ")}); ` +
        `first error: ${cause instanceof Error ? cause.message : String(cause)}. Check the node's sources.`,
      { cause },
    );
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `a ${typeof value}`;
}
