import { SonoraError } from "../../base/errors/sonora-error.js";
import type { ErrorResponse } from "../../protocol/index.js";

/** A node answered a REST request with an error status. Carries Lavalink's JSON error body when it sent one. */
export class LavalinkRestError extends SonoraError {
  readonly code = "LAVALINK_REST";
  constructor(
    /** HTTP method of the failed request. */
    readonly method: string,
    /** Path (with query) of the failed request. */
    readonly path: string,
    /** HTTP status of the answer. */
    readonly status: number,
    /** Lavalink's error body, or null when the answer was not one (a proxy page, an empty body). */
    readonly body: ErrorResponse | null,
    /** Name of the node that answered. */
    readonly node: string,
  ) {
    super(
      `${method} ${path} on node "${node}" failed with HTTP ${status}` +
        (body ? `: ${body.message}` : "") +
        (status === 401 || status === 403 ? " (check the node's password)" : ""),
    );
  }
}
