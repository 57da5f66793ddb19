import {
  decodeTrack,
  type JsonObject,
  type Track as LavalinkTrack,
  type TrackInfo,
} from "../protocol/index.js";
import { isTrackShape } from "./track-shape.js";

let checkedInfo: (value: object) => TrackInfo | null | undefined;

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
  }

  /**
   * The `info` as checked when constructed, or null when `encoded`/`info` were not well formed. Kept
   * (not a boolean) so a Track whose `info` was replaced from JavaScript is checked again in full.
   */
  readonly #checked: TrackInfo | null;
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
    this.#checked = isTrackShape(encoded, info) ? info : null;
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
