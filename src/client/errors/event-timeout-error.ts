import { SonoraError } from "../../base/errors/sonora-error.js";

/** `client.waitFor(event)` (or a player's) saw no matching emission within its timeout. */
export class EventTimeoutError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "EVENT_TIMEOUT";
  constructor(
    /** The awaited event. */
    readonly event: string,
    /** The limit that passed, in milliseconds (real time). */
    readonly timeout: number,
  ) {
    super(
      `no "${event}" event within ${timeout} ms; pass waitFor(event, { timeout }) to wait longer ` +
        "(or timeout: Infinity to wait forever)",
    );
  }
}
