import type { SonoraErrorCode } from "../../base/errors/codes.js";
import { SonoraError } from "../../base/errors/sonora-error.js";

/** Stable codes of {@link FaultError}: the `FAULT_` members of {@link SonoraErrorCode}. */
export type FaultErrorCode = Extract<SonoraErrorCode, `FAULT_${string}`>;

/**
 * Misuse of the fault injection API (an invalid fault description, an unknown fault id). Faults
 * themselves never throw: they show up on the wire as the network failure they model.
 */
export class FaultError extends SonoraError {
  constructor(
    /** Stable machine-readable identifier. */
    readonly code: FaultErrorCode,
    message: string,
  ) {
    super(message);
  }
}
