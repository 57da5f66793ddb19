import { SonoraError } from "../../base/errors/sonora-error.js";

/** A node rejected the WebSocket handshake with 401/403: the password is wrong. Never retried. */
export class NodeAuthError extends SonoraError {
  readonly code = "NODE_AUTH";
  constructor(
    /** Name of the node. */
    readonly node: string,
    /** HTTP status of the rejected handshake. */
    readonly status: number,
  ) {
    super(
      `node "${node}" rejected the connection with HTTP ${status}: the password does not match the ` +
        "node's lavalink.server.password; fix the node options",
    );
  }
}
