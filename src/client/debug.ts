import type { Convergence } from "./reconcile/decide.js";

/** Where a node was chosen for: a new player, a load/search, or a player leaving a lost node. */
export type NodeChoicePurpose = "player" | "load" | "failover";

/** One node the pool weighed when it chose (see {@link DebugPayloads.NODE_CHOSEN}). */
export interface NodeCandidate {
  node: string;
  /** Its load score, lower is better; null when the node was not ready (it could not be chosen). */
  penalty: number | null;
}

/**
 * The structured data of each `debug` code: what the client decided and the facts it decided on.
 * Node and player references are names and guild ids, so a payload logs as plain JSON.
 */
export interface DebugPayloads {
  /** A node's socket dropped and the reconnect policy scheduled another try. */
  NODE_RECONNECT_ATTEMPT: { node: string; attempt: number; maxRetries: number; delay: number };
  /** A node spent its retries (or refused the password): declared lost, its players move. */
  NODE_LOST: { node: string; reason: string; players: number };
  /** A lost node reached `ready` again (a probe or `connect()`); it takes new players again. */
  NODE_RECOVERED: { node: string };
  /** The pool chose the ready node with the lowest penalty. */
  NODE_CHOSEN: {
    node: string;
    penalty: number;
    purpose: NodeChoicePurpose;
    /** The guild the player is for (purposes `player` and `failover`). */
    guildId?: string;
    candidates: NodeCandidate[];
  };
  /** A node came back with the session the client held: its players kept playing. */
  SESSION_RESUMED: { node: string; sessionId: string; players: number };
  /** A node came back with a new session (the old one expired): its players are rebuilt from the client's state. */
  SESSION_REPLACED: { node: string; sessionId: string; players: number };
  /** A player moved off a lost node. */
  PLAYER_FAILOVER: { guildId: string; from: string; to: string };
  /** A player could not move off a lost node; it stays there until a node is ready (see `error`). */
  PLAYER_FAILOVER_FAILED: { guildId: string; from: string; to: string; error: string };
  /** No node was ready to take a lost node's player: it waits for the next node to come up. */
  PLAYER_STRANDED: { guildId: string; node: string };
  /** The node refused a command: the queue (and track) were put back as they were. */
  PLAYER_ROLLBACK: { guildId: string; action: string; error: string };
  /** Reconciliation found the client and the node disagreeing, and converged this way. */
  PLAYER_RECONCILE: {
    guildId: string;
    node: string;
    decision: Exclude<Convergence["kind"], "none" | "agree">;
  };
}

/** The stable codes of the client's `debug` event. */
export type DebugCode = keyof DebugPayloads;

/** Every code, in the order of the documentation table. */
export const DEBUG_CODES: readonly DebugCode[] = [
  "NODE_RECONNECT_ATTEMPT",
  "NODE_LOST",
  "NODE_RECOVERED",
  "NODE_CHOSEN",
  "SESSION_RESUMED",
  "SESSION_REPLACED",
  "PLAYER_FAILOVER",
  "PLAYER_FAILOVER_FAILED",
  "PLAYER_STRANDED",
  "PLAYER_ROLLBACK",
  "PLAYER_RECONCILE",
];

/**
 * One `debug` event: its code, a one-line message for humans, and the code's payload fields
 * (narrow on `code` to read them).
 */
export type DebugEvent = {
  [C in DebugCode]: { code: C; message: string } & DebugPayloads[C];
}[DebugCode];

/** Builds a debug event (callers check that someone listens first: building costs). @internal */
export function debugEvent<C extends DebugCode>(
  code: C,
  message: string,
  data: DebugPayloads[C],
): DebugEvent {
  return { code, message, ...data } as DebugEvent;
}

/** An error's message, for payloads that must stay plain JSON. @internal */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
