import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * A value crossing a protocol boundary (a node's frame, a REST answer, a request the simulator
 * received) did not have the shape Lavalink v4 defines. `field` is a dotted path such as
 * `state.position` or `data[3].info.title`.
 */
export class ProtocolValidationError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "PROTOCOL_VALIDATION";
  constructor(
    /** Dotted path of the offending field. */
    readonly field: string,
    /** What was found there (truncated in the message, kept whole here). */
    readonly value: unknown,
    /** What was expected, e.g. "a string" or "a number from 0 to 1000". */
    readonly expected: string,
    options?: { cause?: unknown },
  ) {
    super(`${field || "value"} must be ${expected}, got ${describe(value)}`, options);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing (the field is missing)";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `a ${typeof value}`;
}
