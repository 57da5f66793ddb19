import type {
  IncomingMessage,
  LavalinkException,
  PlayerState,
  Stats,
  TrackEndEvent,
  TrackEndReason,
  TrackExceptionEvent,
  TrackStartEvent,
  TrackStuckEvent,
  WebSocketClosedEvent,
} from "../protocol/index.js";
import type { Node } from "./node/node.js";
import type { NodeState } from "./node/state.js";
import type { Player } from "./player/player.js";
import type { Track } from "./track.js";

export type { EventMap, Listener } from "./emitter.js";
export { TypedEmitter } from "./emitter.js";

/** Autoplay chose a track because the queue ran dry, and the node accepted it. */
export interface AutoplayEvent {
  player: Player;
  track: Track;
  /** Why this track: the strategy, the feature scores and the search that found it. */
  reason: string;
  /** The candidate's total score (higher is better). */
  score: number;
}

/** Events of one player (also re-emitted on the client with the player as first argument). */
export type PlayerEvents = {
  /** A track started playing. */
  trackStart: [track: Track, event: TrackStartEvent];
  /** A track ended; `mayStartNext(reason)` says whether a queue should advance. */
  trackEnd: [track: Track, reason: TrackEndReason, event: TrackEndEvent];
  /** A track failed while playing. */
  trackException: [track: Track, exception: LavalinkException, event: TrackExceptionEvent];
  /** A track produced no audio for `thresholdMs`. */
  trackStuck: [track: Track, thresholdMs: number, event: TrackStuckEvent];
  /** The node's voice connection to Discord closed (4014: kicked/moved, 4006: session invalid, …). */
  webSocketClosed: [event: WebSocketClosedEvent];
  /** The node reported the player's position and voice connection. */
  playerUpdate: [state: PlayerState];
  /** Autoplay started a track (the queue was empty). */
  autoplay: [event: AutoplayEvent];
};

/** Why a node went away. */
export interface NodeDisconnectInfo {
  code: number;
  reason: string;
  /** False when the retries are exhausted or the password was refused. */
  willReconnect: boolean;
}

/** Every event of {@link SonoraClient}, with the tuple its listeners receive. */
export type ClientEvents = {
  /** A node's socket opened (the `ready` frame follows). */
  nodeConnect: [node: Node];
  /** A node sent `ready`; `resumed` tells whether its previous session survived. */
  nodeReady: [node: Node, resumed: boolean];
  /** A node reconnected and resumed its session: its players kept playing. */
  nodeResumed: [node: Node];
  /** A node's socket dropped and a reconnect is scheduled after `delay` ms. */
  nodeReconnecting: [node: Node, attempt: number, delay: number];
  /** A node's socket closed. */
  nodeDisconnect: [node: Node, info: NodeDisconnectInfo];
  /** A node gave up reconnecting; its players are being moved to other nodes. */
  nodeLost: [node: Node, error: Error];
  /** A node's state changed. */
  nodeStateChange: [node: Node, from: NodeState, to: NodeState];
  /** A node reported an error (a malformed frame, a failed session update, …). */
  nodeError: [node: Node, error: Error];
  /** A node sent `stats`. */
  nodeStats: [node: Node, stats: Stats];
  /** Every validated frame, before the client acts on it (listen only when needed: it costs). */
  raw: [node: Node, message: IncomingMessage];
  /** A player was created by {@link SonoraClient.getPlayer}. */
  playerCreate: [player: Player];
  /** A player was destroyed. */
  playerDestroy: [player: Player];
  /** A player moved to another node (by `moveTo` or failover). */
  playerMove: [player: Player, from: Node, to: Node];
  /** A player's complete voice state was sent to its node. */
  voiceUpdate: [player: Player];
  /** The bot left the player's voice channel (Discord reported `channel_id: null`). */
  voiceDisconnect: [player: Player];
  trackStart: [player: Player, track: Track, event: TrackStartEvent];
  trackEnd: [player: Player, track: Track, reason: TrackEndReason, event: TrackEndEvent];
  trackException: [player: Player, track: Track, exception: LavalinkException, event: TrackExceptionEvent];
  trackStuck: [player: Player, track: Track, thresholdMs: number, event: TrackStuckEvent];
  webSocketClosed: [player: Player, event: WebSocketClosedEvent];
  playerUpdate: [player: Player, state: PlayerState];
  /** Autoplay started a track on a player whose queue ran dry (the event carries the player). */
  autoplay: [event: AutoplayEvent];
  /** A listener threw, or a background task (failover, rebuild) failed. */
  error: [error: unknown];
};
