import { SonoraError } from "../../base/errors/sonora-error.js";

/** A client, node or request option had an invalid value. */
export class InvalidOptionError extends SonoraError {
  readonly code = "INVALID_OPTION";
  constructor(
    /** Dotted name of the option. */
    readonly option: string,
    readonly value: unknown,
    expected: string,
    options?: { cause?: unknown },
  ) {
    super(`option ${option} must be ${expected}, got ${describe(value)}`, options);
  }
}

/** The value as JSON where possible; objects JSON cannot show (cycles, functions) by their kind. */
function describe(value: unknown): string {
  if (typeof value === "function") return `a function${value.name ? ` (${value.name})` : ""}`;
  if (typeof value === "bigint") return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
