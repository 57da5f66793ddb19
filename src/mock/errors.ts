import { SonoraError } from "../base/errors/sonora-error.js";

/**
 * Thrown when the mock factory is given an option it cannot honour (a negative count, a fractional
 * length, an unknown source…). `option` names the offending option, `value` holds what was passed.
 */
export class MockFactoryError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "MOCK_FACTORY";
  constructor(
    /** Name of the offending option, e.g. `trackCount` or `overrides.length`. */
    readonly option: string,
    /** The value that was passed. */
    readonly value: unknown,
    /** What would have been accepted, e.g. "an integer ≥ 0". */
    readonly expected: string,
  ) {
    super(`MockFactory option ${option} must be ${expected}, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `a ${typeof value}`;
}

/** Throws unless `value` is a safe integer within [min, max]. */
export function checkInteger(
  option: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    throw new MockFactoryError(option, value, range);
  }
  return value;
}

/** Throws unless `value` is a number within [0, 1]. */
export function checkRatio(option: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new MockFactoryError(option, value, "a number from 0 to 1");
  }
  return value;
}

/** Throws unless `value` is a string (optionally non-empty). */
export function checkString(option: string, value: unknown, nonEmpty = false): string {
  if (typeof value !== "string" || (nonEmpty && value.length === 0)) {
    throw new MockFactoryError(option, value, nonEmpty ? "a non-empty string" : "a string");
  }
  return value;
}
