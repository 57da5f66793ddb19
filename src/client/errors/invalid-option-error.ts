import { SonoraError } from "./sonora-error.js";

/** A client, node or request option had an invalid value. */
export class InvalidOptionError extends SonoraError {
  readonly code = "INVALID_OPTION";
  constructor(
    /** Dotted name of the option. */
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`option ${option} must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
  }
}
