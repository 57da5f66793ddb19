import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * No node is usable: at start every node failed to connect (`errors` holds each node's reason), or
 * a player was requested while every node is down.
 */
export class NoNodesAvailableError extends SonoraError {
  readonly code = "NO_NODES_AVAILABLE";
  constructor(
    message: string,
    /** Why each node failed, in node order (empty when the error is not about a connection attempt). */
    readonly errors: readonly Error[] = [],
  ) {
    super(
      errors.length > 0 ? `${message}: ${errors.map((e) => e.message).join("; ")}` : message,
      errors.length > 0 ? { cause: new AggregateError(errors, message) } : undefined,
    );
  }
}
