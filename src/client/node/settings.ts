import type { RetryPolicy } from "./backoff.js";
import type { ResumeOptions } from "./options.js";

/** Settings a node resolves from its own options and the client's defaults. */
export interface ResolvedNodeSettings {
  resume: Required<ResumeOptions> | false;
  reconnect: RetryPolicy;
  restTimeout: number;
  restRetry: RetryPolicy;
  /** Milliseconds a connection attempt may take before it counts as failed. */
  connectTimeout: number;
  /** Largest REST answer body read, in bytes. */
  maxResponseBytes: number;
  /** Largest WebSocket frame accepted, in bytes. */
  maxFrameBytes: number;
}
