import { SonoraError } from "../../base/errors/sonora-error.js";

/** A node could not be reached, refused the connection, or is not in a state to take the request. */
export class NodeUnavailableError extends SonoraError {
  readonly code = "NODE_UNAVAILABLE";
  constructor(
    /** Name of the node. */
    readonly node: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`node "${node}": ${message}`, options);
  }
}
