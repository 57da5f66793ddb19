import { SonoraError } from "../../base/errors/sonora-error.js";

/** A client, node or request option had an invalid value. */
export class InvalidOptionError extends SonoraError {
  readonly code = "INVALID_OPTION";
  /**
   * The value given. Not enumerable, so `console.error(error)` does not print it: it may be (or
   * hold) a node password.
   */
  declare readonly value: unknown;
  constructor(
    /** Dotted name of the option. */
    readonly option: string,
    value: unknown,
    expected: string,
    options?: { cause?: unknown },
  ) {
    super(
      `option ${option} must be ${expected}, got ${SECRET.test(option) ? redacted(value) : describe(value)}`,
      options,
    );
    Object.defineProperty(this, "value", { value, enumerable: false });
  }
}

/** Option names whose values are secrets: messages (and logs that print them) never show them. */
const SECRET = /(^|\.)(password|authorization)$/i;

/** A secret's kind, never its content. */
function redacted(value: unknown): string {
  return `a ${value === null ? "null" : typeof value} (redacted)`;
}

/** The value as JSON where possible; objects JSON cannot show (cycles, functions) by their kind. */
function describe(value: unknown): string {
  if (typeof value === "function") return `a function${value.name ? ` (${value.name})` : ""}`;
  if (typeof value === "bigint") return `${value}n`;
  try {
    // A node's options carry its password: an options object in a message must not print it.
    const hide = (key: string, v: unknown): unknown => (SECRET.test(key) ? "[redacted]" : v);
    return JSON.stringify(value, hide) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
