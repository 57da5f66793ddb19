/**
 * Base class of every error the Sonora client throws. `code` is stable across releases, so
 * callers can branch on it instead of parsing messages.
 */
export abstract class SonoraError extends Error {
  /** Stable machine-readable identifier of the error kind. */
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
