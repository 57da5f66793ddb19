import type { SonoraErrorCode } from "./codes.js";

/**
 * Base class of every error Sonora throws or emits: the client, the protocol codec and validation,
 * the simulator, the mock factory and the testing kit. `code` is stable across releases (the full
 * list is {@link SONORA_ERROR_CODES}), so callers can branch on it instead of parsing messages;
 * `cause` holds the underlying error when one error wraps another.
 */
export abstract class SonoraError extends Error {
  /** Stable machine-readable identifier of the error kind; subclasses narrow it to their own code(s). */
  abstract readonly code: SonoraErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
