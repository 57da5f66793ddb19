import type { IncomingMessage, Stats } from "../../protocol/index.js";
import type { NodeState } from "./state.js";

/** Why a node went away. */
export interface NodeDisconnectInfo {
  code: number;
  reason: string;
  /** False when the retries are exhausted or the password was refused. */
  willReconnect: boolean;
}

/**
 * What a node reports, by event name. The client re-emits each one under this very name with the
 * node as the first argument (see `ClientEvents`), so a node event has one name everywhere.
 */
export type NodeEvents = {
  /** The node's socket opened (the `ready` frame follows). */
  nodeConnect: [];
  /** The node sent `ready`; `resumed` tells whether its previous session survived. */
  nodeReady: [resumed: boolean];
  /** The node's socket dropped and a reconnect is scheduled after `delay` ms. */
  nodeReconnecting: [attempt: number, delay: number];
  /** The node's socket closed. */
  nodeDisconnect: [info: NodeDisconnectInfo];
  /** The node gave up reconnecting; its players are being moved to other nodes. It keeps being probed. */
  nodeLost: [error: Error];
  /**
   * A lost node is back: a probe (or `connect()`) reached `ready`, after `nodeReady` and the
   * players stranded there were handled. It takes new players again.
   */
  nodeRecovered: [];
  /** The node's state changed. */
  nodeStateChange: [from: NodeState, to: NodeState];
  /** The node reported an error (a malformed frame, a failed session update, …). */
  nodeError: [error: Error];
  /** The node sent `stats`. */
  nodeStats: [stats: Stats];
  /** Every validated frame, before the client acts on it (listen only when needed: it costs). */
  raw: [message: IncomingMessage];
};
