import type { Filters } from "./filters.js";
import type { JsonObject, LavalinkException, PlaylistInfo, Track } from "./track.js";
import type { PlayerState } from "./websocket.js";

/** Lavalink's JSON error body, sent with every 4xx/5xx answer of the REST API. */
export interface ErrorResponse {
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  status: number;
  /** The HTTP reason phrase, e.g. `"Not Found"`. */
  error: string;
  /** Only when the request carried `trace=true`. */
  trace?: string;
  message: string;
  path: string;
}

/** Kind of a {@link LoadResult}. */
export type LoadType = "track" | "playlist" | "search" | "empty" | "error";

/** Data of a `playlist` load result. */
export interface PlaylistData {
  info: PlaylistInfo;
  pluginInfo: JsonObject;
  tracks: Track[];
}

/** A single track was loaded. */
export interface TrackLoadResult {
  loadType: "track";
  data: Track;
}
/** A playlist was loaded. */
export interface PlaylistLoadResult {
  loadType: "playlist";
  data: PlaylistData;
}
/** A search answered with tracks. */
export interface SearchLoadResult {
  loadType: "search";
  data: Track[];
}
/**
 * Nothing matched the identifier. Lavalink's server writes `"data": null` (its `NoMatches` has a
 * nullable `data` without a default); its docs show `{}`. Read either.
 */
export interface EmptyLoadResult {
  loadType: "empty";
  data: Record<string, never> | null;
}
/** Loading failed. */
export interface ErrorLoadResult {
  loadType: "error";
  data: LavalinkException;
}

/** Answer of `GET /v4/loadtracks`. */
export type LoadResult =
  | TrackLoadResult
  | PlaylistLoadResult
  | SearchLoadResult
  | EmptyLoadResult
  | ErrorLoadResult;

/** Voice connection data Lavalink needs to join a Discord voice channel. */
export interface VoiceState {
  token: string;
  endpoint: string;
  sessionId: string;
  /** Required when updating; may be `null` in player objects reported by older servers. */
  channelId?: string | null;
}

/** The player object of the sessions/players routes. */
export interface LavalinkPlayer {
  guildId: string;
  track: Track | null;
  /** 0 … 1000, in percent. */
  volume: number;
  paused: boolean;
  state: PlayerState;
  voice: VoiceState;
  filters: Filters;
}

/** The `track` field of the update-player request. `encoded` and `identifier` exclude each other. */
export interface UpdatePlayerTrack {
  /** Base64 track to play; `null` stops the current track. */
  encoded?: string | null;
  /** Resolved by the node as a single track; playlists, searches and no-match answer 400. */
  identifier?: string;
  userData?: JsonObject;
}

/** Body of `PATCH /v4/sessions/{sessionId}/players/{guildId}`. Every field is optional. */
export interface UpdatePlayerRequest {
  track?: UpdatePlayerTrack;
  /** @deprecated use `track.encoded`. */
  encodedTrack?: string | null;
  /** @deprecated use `track.identifier`. */
  identifier?: string;
  position?: number;
  /** Must be > 0; `null` clears a previously set end time. */
  endTime?: number | null;
  volume?: number;
  paused?: boolean;
  /** Replaces every filter previously applied. */
  filters?: Filters;
  voice?: VoiceState;
}

/** Query parameters of the update-player route. */
export interface UpdatePlayerQuery {
  /** When true and a track is playing, a new track in the request is ignored. */
  noReplace?: boolean;
}

/** Body of `PATCH /v4/sessions/{sessionId}`. */
export interface UpdateSessionRequest {
  resuming?: boolean;
  /** Seconds the node keeps a disconnected session alive (default 60). */
  timeout?: number;
}

/** Resuming settings of a session, as `PATCH /v4/sessions/{id}` answers them. */
export interface SessionInfo {
  resuming: boolean;
  timeout: number;
}

/** Parsed semantic version of the server. */
export interface VersionInfo {
  semver: string;
  major: number;
  minor: number;
  patch: number;
  preRelease: string | null;
  build: string | null;
}

/** Git state the server was built from. */
export interface GitInfo {
  branch: string;
  commit: string;
  commitTime: number;
}

/** A plugin loaded by the server. */
export interface PluginInfo {
  name: string;
  version: string;
}

/** Answer of `GET /v4/info`. */
export interface NodeInfo {
  version: VersionInfo;
  buildTime: number;
  git: GitInfo;
  jvm: string;
  lavaplayer: string;
  sourceManagers: string[];
  filters: string[];
  plugins: PluginInfo[];
}

/** Implementation of the IP route planner. */
export type RoutePlannerType =
  | "RotatingIpRoutePlanner"
  | "NanoIpRoutePlanner"
  | "RotatingNanoIpRoutePlanner"
  | "BalancingIpRoutePlanner";

/** The IP block a route planner rotates through. */
export interface IpBlock {
  type: "Inet4Address" | "Inet6Address";
  size: string;
}

/** An address the route planner marked as failing. */
export interface FailingAddress {
  failingAddress: string;
  failingTimestamp: number;
  failingTime: string;
}

/** Route planner details; which optional fields appear depends on the planner type. */
export interface RoutePlannerDetails {
  ipBlock: IpBlock;
  failingAddresses: FailingAddress[];
  rotateIndex?: string;
  ipIndex?: string;
  currentAddress?: string;
  currentAddressIndex?: string;
  blockIndex?: string;
}

/** Answer of `GET /v4/routeplanner/status` when a route planner is configured (else 204). */
export interface RoutePlannerStatus {
  class: RoutePlannerType | null;
  details: RoutePlannerDetails | null;
}

/** Body of `POST /v4/routeplanner/free/address`. */
export interface FreeAddressRequest {
  address: string;
}

/** Body of `POST /v4/decodetracks`: encoded track strings. */
export type DecodeTracksRequest = string[];
