import type { RetryPolicy } from "./backoff.js";
import type { ResumeOptions } from "./options.js";
import type { ReconnectPolicy } from "./reconnect-policy.js";

/** Settings a node resolves from its own options and the client's defaults. */
export interface ResolvedNodeSettings {
  resume: Required<Pick<ResumeOptions, "timeout">> | false;
  reconnect: ReconnectPolicy;
  restTimeout: number;
  restRetry: RetryPolicy;
  /** Milliseconds a connection attempt may take before it counts as failed. */
  connectTimeout: number;
  /**
   * Milliseconds a session-scoped request waits for the node's session (while the node reconnects,
   * or after a "Session not found" answer) before it fails with `SessionUnavailableError`.
   */
  sessionWait: number;
}
