import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * A session-scoped request (a player update, destroy or listing, a session update) could not be
 * sent because the node's session was not there: the node was reconnecting and its session did
 * not come back in time, the node was lost, or the node answered "Session not found" again after
 * its next `ready`. Nothing was applied; a player command that fails this way has put its queue
 * and state back as they were.
 */
export class SessionUnavailableError extends SonoraError {
  readonly code = "SESSION_UNAVAILABLE";
  constructor(
    /** Name of the node. */
    readonly node: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`node "${node}": ${message}`, options);
  }
}
