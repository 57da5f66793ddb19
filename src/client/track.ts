import {
  decodeTrack,
  type JsonObject,
  type Track as LavalinkTrack,
  type TrackInfo,
} from "../protocol/index.js";
import { isTrackShape } from "./track-shape.js";

let checkedInfo: (value: object) => TrackInfo | null | undefined;
let checkedMs: (value: object) => number;

/** {@link checkedLength}'s answer for a value that is not a checked Track. */
export const UNCHECKED = -2;
/** {@link checkedLength}'s answer for a live stream. */
export const STREAM_MS = -1;

/**
 * A checked Track's length as the queue counts it (`STREAM_MS` for a stream), read from the track
 * object itself: summing a batch of 100,000 tracks then never touches their `info` objects (one
 * cache miss each). `UNCHECKED` for anything {@link isCheckedTrack} would refuse. @internal
 */
export function checkedLength(value: object): number {
  return checkedMs(value);
}

/**
 * True when `value` is a {@link Track} built with a well-formed `encoded` and `info` (see
 * {@link isTrackShape}) whose `info` is still the one checked. The queue's fast path: one brand
 * read on the track instead of five type checks on the strings and the info object it points to
 * (each a cache miss on a large queue). Not re-exported by the package. @internal
 */
export function isCheckedTrack(value: unknown): value is Track {
  if (typeof value !== "object" || value === null) return false;
  const info = checkedInfo(value);
  return info !== undefined && info !== null && info === (value as Track).info;
}

/** Same rule as the queue's `isStreamInfo`: flagged a stream, or a length not finite or ≥ 2⁵³. */
function isStreamLength(info: TrackInfo): boolean {
  const ms = info.length;
  return info.isStream || !(ms > Number.NEGATIVE_INFINITY && ms < 2 ** 53);
}

/**
 * A playable track. Wraps Lavalink's track object (`encoded`, `info`, `pluginInfo`, `userData`)
 * and exposes the info fields directly (`track.title`, `track.length`, …). The accessors live on
 * the prototype, so a queue of thousands of tracks costs five fields per track (four public, one
 * private: what the constructor checked), not sixteen.
 */
export class Track {
  static {
    // `#checked in value` is false for anything the constructor did not build (Object.create(Track.prototype) too).
    checkedInfo = (value) => (#checked in value ? (value as Track).#checked : undefined);
    checkedMs = (value) => {
      if (!(#ms in value)) return UNCHECKED;
      const track = value as Track;
      return track.#checked !== null && track.#checked === track.info ? track.#ms : UNCHECKED;
    };
  }

  /**
   * The `info` as checked when constructed, or null when `encoded`/`info` were not well formed. Kept
   * (not a boolean) so a Track whose `info` was replaced from JavaScript is checked again in full.
   */
  readonly #checked: TrackInfo | null;
  /** The checked info's length as the queue counts it, or `STREAM_MS` (see {@link checkedLength}). */
  readonly #ms: number;
  /** Base64 track message, what Lavalink plays. */
  readonly encoded: string;
  /** Metadata decoded by the node (or locally, for {@link Track.from}). */
  readonly info: TrackInfo;
  /** Extra information added by server plugins. */
  readonly pluginInfo: JsonObject;
  /** Data attached by the client; Lavalink echoes it back in events. */
  userData: JsonObject;

  constructor(encoded: string, info: TrackInfo, pluginInfo: JsonObject = {}, userData: JsonObject = {}) {
    this.encoded = encoded;
    this.info = info;
    this.pluginInfo = pluginInfo;
    this.userData = userData;
    const checked = isTrackShape(encoded, info);
    this.#checked = checked ? info : null;
    this.#ms = checked && !isStreamLength(info) ? info.length : STREAM_MS;
  }

  /** Decodes an encoded track locally with the track codec (no request to a node). */
  static from(encoded: string, userData: JsonObject = {}): Track {
    const decoded = decodeTrack(encoded);
    return new Track(encoded, decoded.info, {}, userData);
  }

  /** Wraps a track object received from Lavalink (a load result, an event, a player). */
  static fromLavalink(track: LavalinkTrack): Track {
    return new Track(track.encoded, track.info, track.pluginInfo ?? {}, track.userData ?? {});
  }

  /** Source-specific identifier (a YouTube video id, a Spotify track id, …). */
  get identifier(): string {
    return this.info.identifier;
  }
  /** Track title. */
  get title(): string {
    return this.info.title;
  }
  /** Artist or uploader. */
  get author(): string {
    return this.info.author;
  }
  /** Length in milliseconds; {@link isStream} tracks report `STREAM_LENGTH`. */
  get length(): number {
    return this.info.length;
  }
  /** Where the track lives, or null. */
  get uri(): string | null {
    return this.info.uri;
  }
  /** Whether this is a live stream (it never ends). */
  get isStream(): boolean {
    return this.info.isStream;
  }
  /** Whether `seek` works on it. */
  get isSeekable(): boolean {
    return this.info.isSeekable;
  }
  /** Cover art URL, or null. */
  get artworkUrl(): string | null {
    return this.info.artworkUrl;
  }
  /** International Standard Recording Code, or null. */
  get isrc(): string | null {
    return this.info.isrc;
  }
  /** Source manager that produced it (`youtube`, `spotify`, …). */
  get sourceName(): string {
    return this.info.sourceName;
  }
  /** Start position in milliseconds recorded in the track. */
  get position(): number {
    return this.info.position;
  }

  /** Lavalink's track object shape, so `JSON.stringify(track)` sends what a node expects. */
  toJSON(): LavalinkTrack {
    return { encoded: this.encoded, info: this.info, pluginInfo: this.pluginInfo, userData: this.userData };
  }
}
