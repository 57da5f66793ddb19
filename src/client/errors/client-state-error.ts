import { SonoraError } from "../../base/errors/sonora-error.js";

/** An operation was called in a state that does not allow it (a destroyed player, a closed client). */
export class ClientStateError extends SonoraError {
  readonly code = "CLIENT_STATE";
}
