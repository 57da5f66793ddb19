import { SonoraError } from "../../base/errors/sonora-error.js";
import { ProtocolValidationError } from "../../protocol/index.js";

/**
 * A filter value is outside what Lavalink accepts (the same ranges the node enforces, so a filter
 * that passes here is not refused with a 400). `field` is a dotted path such as `timescale.speed`.
 */
export class FilterValidationError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "FILTER_VALIDATION";
  constructor(
    /** Dotted path of the offending field, e.g. `equalizer[2].gain`. */
    readonly field: string,
    /** The rejected value. */
    readonly value: unknown,
    /** What would have been accepted. */
    readonly expected: string,
    options?: { cause?: unknown },
  ) {
    super(
      `filter ${field} must be ${expected}, got ${describe(value)}; fix the value or call reset().`,
      options,
    );
  }

  /**
   * Re-labels a protocol validation failure as a filter error (same field, value and expectation);
   * `cause` keeps the original.
   */
  static from(error: ProtocolValidationError): FilterValidationError {
    const field = error.field.startsWith("filters.") ? error.field.slice("filters.".length) : error.field;
    return new FilterValidationError(field, error.value, error.expected, { cause: error });
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `a ${typeof value}`;
}

/** Runs `fn`, turning a {@link ProtocolValidationError} into a {@link FilterValidationError}. */
export function asFilterError<R>(fn: () => R): R {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ProtocolValidationError) throw FilterValidationError.from(error);
    throw error;
  }
}
