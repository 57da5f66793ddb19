/**
 * The Lavalink track codec: decodes and encodes the base64 `encoded` track strings byte-exactly like the
 * Lavalink server (lavaplayer's track message, versions 1 to 3).
 * @module
 */
export { decodeTrack } from "./decode.js";
export { encodeTrack } from "./encode.js";
export {
  TrackDecodeError,
  type TrackDecodeErrorReason,
  TrackEncodeError,
  type TrackEncodeErrorReason,
} from "./errors.js";
export type { DecodedTrack, EncodeTrackOptions, TrackMessageVersion } from "./types.js";
