/** Stable codes of {@link SimulatorError}. */
export type SimulatorErrorCode =
  | "SIM_ALREADY_STARTED"
  | "SIM_NOT_STARTED"
  | "SIM_INSECURE_BIND"
  | "SIM_INVALID_OPTION"
  | "SIM_LISTEN_FAILED"
  | "SIM_UNKNOWN_SESSION"
  | "SIM_UNKNOWN_PLAYER";

/**
 * Misuse of the protocol simulator itself (not a protocol error a client would see: those are
 * answered on the wire as Lavalink answers them). `code` is stable; the message says what to do.
 */
export class SimulatorError extends Error {
  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SimulatorError";
  }
}
