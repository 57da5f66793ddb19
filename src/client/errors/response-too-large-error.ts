import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * A node's REST answer was bigger than `rest.maxResponseBytes` (announced by `Content-Length`, or
 * counted while reading an endless body). The rest of the answer was not read: the connection was
 * dropped. Not retried, since the node would most likely answer the same again.
 */
export class ResponseTooLargeError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "RESPONSE_TOO_LARGE";
  constructor(
    /** HTTP method of the request. */
    readonly method: string,
    /** Path of the request. */
    readonly path: string,
    /** The limit that was exceeded, in bytes. */
    readonly limit: number,
    /** Name of the node. */
    readonly node: string,
  ) {
    super(
      `${method} ${path} on node "${node}" answered more than ${limit} bytes; ` +
        "the answer was abandoned (raise rest.maxResponseBytes if the node is right)",
    );
  }
}
