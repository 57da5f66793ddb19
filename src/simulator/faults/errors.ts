/** Stable codes of {@link FaultError}. */
export type FaultErrorCode = "FAULT_INVALID" | "FAULT_DUPLICATE_ID" | "FAULT_UNKNOWN_ID" | "FAULT_NO_TRACK";

/**
 * Misuse of the fault injection API (an invalid fault description, an unknown fault id). Faults
 * themselves never throw: they show up on the wire as the network failure they model.
 */
export class FaultError extends Error {
  constructor(
    readonly code: FaultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "FaultError";
  }
}
