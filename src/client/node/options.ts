import type { RetryOptions } from "./backoff.js";
import type { ReconnectOptions } from "./reconnect-policy.js";

/** Session resuming: the node keeps players playing while the client reconnects. */
export interface ResumeOptions {
  /** Seconds the node keeps the session after the socket drops (Lavalink's default is 60). */
  timeout?: number;
  /**
   * Milliseconds a player command (any request on the session) issued while the node reconnects
   * waits for the session to come back before it fails with `SessionUnavailableError`; the same
   * bound applies after a "Session not found" answer. Default: `timeout` (in ms).
   */
  sessionWait?: number;
}

/** REST settings of a node. */
export interface RestOptions {
  /** Milliseconds before a request is abandoned (default 10 000). */
  timeout?: number;
  /** Retries on connection errors and 5xx; see docs/client.md for which requests are retried. */
  retry?: RetryOptions;
}

/** How to reach one Lavalink node. */
export interface NodeOptions {
  host: string;
  port: number;
  password: string;
  /** Use wss:// and https:// (default false). */
  secure?: boolean;
  /** Unique name; defaults to `host:port`. */
  name?: string;
  /** Free-form region tag (e.g. "eu-west"), for callers that pick nodes by region. */
  region?: string;
  /** Overrides the client's `resume` for this node; `false` disables resuming. */
  resume?: ResumeOptions | false;
  /** Overrides the client's `reconnect` for this node. */
  reconnect?: ReconnectOptions;
  /** Overrides the client's `rest` for this node. */
  rest?: RestOptions;
}
