import { SonoraError } from "../../base/errors/sonora-error.js";

/** A REST request got no complete answer within the configured timeout. */
export class RequestTimeoutError extends SonoraError {
  readonly code = "REQUEST_TIMEOUT";
  constructor(
    readonly method: string,
    readonly path: string,
    /** Timeout that elapsed, in milliseconds. */
    readonly timeout: number,
    /** Name of the node. */
    readonly node: string,
  ) {
    super(
      `${method} ${path} on node "${node}" got no answer within ${timeout} ms; ` +
        "raise rest.timeout or check the node's health",
    );
  }
}
