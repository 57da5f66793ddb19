import type { KnownPluginEvent } from "./plugins.js";
import type { LavalinkException, Track } from "./track.js";

/** Player state carried by `playerUpdate` and the REST player object. */
export interface PlayerState {
  /** Unix time in milliseconds at which this state was true on the node. */
  time: number;
  /** Track position in milliseconds. */
  position: number;
  /** Whether the node holds a voice connection to Discord for this player. */
  connected: boolean;
  /** Round trip to the Discord voice server in ms, -1 when not connected. */
  ping: number;
}

/** JVM memory figures in bytes. */
export interface MemoryStats {
  free: number;
  used: number;
  allocated: number;
  reservable: number;
}

/** CPU figures; loads are fractions of all cores (0 … 1). */
export interface CpuStats {
  cores: number;
  systemLoad: number;
  lavalinkLoad: number;
}

/** Frame counts over the last minute. 3000 frames (one per 20 ms) are expected per playing player. */
export interface FrameStats {
  sent: number;
  nulled: number;
  /** Expected frames minus sent frames: positive means audio was missing. */
  deficit: number;
}

/**
 * Node statistics, as `GET /v4/stats` returns them (with `frameStats: null` there: Lavalink's docs
 * say "missing", but its REST handler serialises the null field).
 */
export interface Stats {
  players: number;
  playingPlayers: number;
  /** Node uptime in milliseconds. */
  uptime: number;
  memory: MemoryStats;
  cpu: CpuStats;
  /**
   * `null` when no player of the session plays, and always `null` on the REST route (Lavalink's
   * docs call it missing there; treat absent and `null` alike).
   */
  frameStats?: FrameStats | null;
}

/** First message of every connection: the session id and whether it was resumed. */
export interface ReadyOp {
  op: "ready";
  resumed: boolean;
  sessionId: string;
}

/** Periodic position report of one player. */
export interface PlayerUpdateOp {
  op: "playerUpdate";
  guildId: string;
  state: PlayerState;
}

export interface StatsOp extends Stats {
  op: "stats";
}

/** Why a track ended. */
export type TrackEndReason = "finished" | "loadFailed" | "stopped" | "replaced" | "cleanup";

/**
 * Whether a client should start the next track after a track ended for this reason, as the
 * Lavalink docs define it: only a natural end or a load failure hands over to the queue.
 */
export const TRACK_END_MAY_START_NEXT: Readonly<Record<TrackEndReason, boolean>> = Object.freeze({
  finished: true,
  loadFailed: true,
  stopped: false,
  replaced: false,
  cleanup: false,
});

/** Shorthand for {@link TRACK_END_MAY_START_NEXT}. */
export function mayStartNext(reason: TrackEndReason): boolean {
  return TRACK_END_MAY_START_NEXT[reason];
}

/** Names of the player and voice events. */
export type EventType =
  | "TrackStartEvent"
  | "TrackEndEvent"
  | "TrackExceptionEvent"
  | "TrackStuckEvent"
  | "WebSocketClosedEvent";

interface EventBase {
  op: "event";
  guildId: string;
}

/** A track started playing. */
export interface TrackStartEvent extends EventBase {
  type: "TrackStartEvent";
  track: Track;
}

/** A track ended; only `finished` and `loadFailed` hand over to the next track (Lavalink's `mayStartNext`). */
export interface TrackEndEvent extends EventBase {
  type: "TrackEndEvent";
  track: Track;
  reason: TrackEndReason;
}

/** A track failed while loading or playing. */
export interface TrackExceptionEvent extends EventBase {
  type: "TrackExceptionEvent";
  track: Track;
  exception: LavalinkException;
}

/** A track delivered no audio for longer than `thresholdMs`. */
export interface TrackStuckEvent extends EventBase {
  type: "TrackStuckEvent";
  track: Track;
  thresholdMs: number;
}

/** The node's voice WebSocket to Discord closed (Discord voice close codes: 4006, 4014, 4015, …). */
export interface WebSocketClosedEvent extends EventBase {
  type: "WebSocketClosedEvent";
  code: number;
  reason: string;
  byRemote: boolean;
}

/** Any player or voice event. */
export type LavalinkEvent =
  | TrackStartEvent
  | TrackEndEvent
  | TrackExceptionEvent
  | TrackStuckEvent
  | WebSocketClosedEvent;

/** Alias that reads better where the `op` wrapper matters. */
export type EventOp = LavalinkEvent;

/** Every message a Lavalink v4 node sends on its WebSocket (plugins add events of their own). */
export type IncomingMessage = ReadyOp | PlayerUpdateOp | StatsOp | EventOp | KnownPluginEvent;

/** The `op` of a node message. */
export type OpType = IncomingMessage["op"];

/** Lavalink's default `playerUpdateInterval` (seconds in application.yml), in milliseconds. */
export const DEFAULT_PLAYER_UPDATE_INTERVAL_MS = 5_000;
/** Lavalink sends `stats` once a minute. */
export const DEFAULT_STATS_INTERVAL_MS = 60_000;
/** Frames Lavalink expects per player per minute (one every 20 ms). */
export const EXPECTED_FRAMES_PER_MINUTE = 3_000;

/** Discord voice WebSocket close codes a node reports through `WebSocketClosedEvent`. */
export const VoiceCloseCodes = Object.freeze({
  UnknownOpcode: 4001,
  FailedToDecodePayload: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  SessionNoLongerValid: 4006,
  SessionTimeout: 4009,
  ServerNotFound: 4011,
  UnknownProtocol: 4012,
  Disconnected: 4014,
  VoiceServerCrashed: 4015,
  UnknownEncryptionMode: 4016,
});
