import type { TrackInfo } from "../types/track.js";

/** Track message versions the codec understands; the encoder always writes the newest, 3. */
export type TrackMessageVersion = 1 | 2 | 3;

/** The result of `decodeTrack`: the info Lavalink would report plus what is needed to re-encode exactly. */
export interface DecodedTrack {
  /** The base64 text that was decoded, unchanged. */
  encoded: string;
  /**
   * The track info. `isSeekable` is not stored in the message: it is derived as `!isStream`, which is what
   * lavaplayer's tracks report unless a source overrides it. `uri` is `null` in version 1 messages and
   * `artworkUrl`/`isrc` are `null` in versions 1 and 2 (those fields did not exist yet).
   */
  info: TrackInfo;
  /** The message version read from the header (1 when the "versioned" flag is absent). */
  version: TrackMessageVersion;
  /**
   * The raw bytes the source manager wrote between `sourceName` and `position`: empty for YouTube and
   * SoundCloud, container details for `http`, album/artist/preview fields for LavaSrc sources, and so on.
   * The codec cannot interpret them; pass them back to `encodeTrack` to reproduce the message exactly.
   * A copy, safe to keep or mutate (a shared empty array when there are none); like any small Node
   * `Buffer`, it may be a view into a shared allocation pool.
   */
  sourceData: Uint8Array;
}

/** Options of `encodeTrack`. */
export interface EncodeTrackOptions {
  /** Source-specific bytes to write after `sourceName` (see {@link DecodedTrack.sourceData}). */
  sourceData?: Uint8Array;
}
