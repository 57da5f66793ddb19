/** Arbitrary JSON object, as Lavalink passes through for `pluginInfo` and `userData`. */
export type JsonObject = { [key: string]: JsonValue };
/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** Metadata of a track, as the Lavalink server reports it (`Track Info` in the v4 REST docs). */
export interface TrackInfo {
  /** Source-specific identifier (a YouTube video id, a Spotify track id, …). */
  identifier: string;
  isSeekable: boolean;
  author: string;
  /** Length in milliseconds. A live stream reports `Long.MAX_VALUE` (9223372036854775807), which
   * JSON numbers cannot hold exactly; {@link STREAM_LENGTH} is what it becomes after `JSON.parse`. */
  length: number;
  isStream: boolean;
  /** Start position in milliseconds. */
  position: number;
  title: string;
  uri: string | null;
  artworkUrl: string | null;
  isrc: string | null;
  /** The source manager that produced the track (`youtube`, `soundcloud`, `spotify`, `http`, …). */
  sourceName: string;
}

/** A playable track: the opaque `encoded` string plus decoded info. */
export interface Track {
  /** Base64 of the binary track message (see the track codec). */
  encoded: string;
  info: TrackInfo;
  /** Extra information added by server plugins; `{}` when there is none. */
  pluginInfo: JsonObject;
  /** Data the client attached through the update-player endpoint; echoed back in events. */
  userData: JsonObject;
}

/** `Playlist Info` of a `playlist` load result. */
export interface PlaylistInfo {
  name: string;
  /** Index of the track the URL pointed at, or -1. */
  selectedTrack: number;
}

/** How sure the server is about the cause of a failure. */
export type ExceptionSeverity = "common" | "suspicious" | "fault";

/** Exception object used in `TrackExceptionEvent` and `error` load results. */
export interface LavalinkException {
  message: string | null;
  severity: ExceptionSeverity;
  cause: string;
  /** Present in Lavalink 4.0.6 and later. */
  causeStackTrace?: string;
}

/**
 * The length Lavalink reports for live streams is Java's `Long.MAX_VALUE` (2^63 − 1). A JSON number
 * cannot hold it exactly: `JSON.parse` yields the nearest double, 2^63, which is this constant.
 * The codec writes any length ≥ 2^63 back as `Long.MAX_VALUE`, so a stream survives a round trip.
 */
export const STREAM_LENGTH = 2 ** 63;
