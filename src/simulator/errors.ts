import type { SonoraErrorCode } from "../base/errors/codes.js";
import { SonoraError } from "../base/errors/sonora-error.js";

/** Stable codes of {@link SimulatorError}: the `SIM_` members of {@link SonoraErrorCode}. */
export type SimulatorErrorCode = Extract<SonoraErrorCode, `SIM_${string}`>;

/**
 * Misuse of the protocol simulator itself (not a protocol error a client would see: those are
 * answered on the wire as Lavalink answers them). `code` is stable; the message says what to do.
 */
export class SimulatorError extends SonoraError {
  constructor(
    /** Stable machine-readable identifier. */
    readonly code: SimulatorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
