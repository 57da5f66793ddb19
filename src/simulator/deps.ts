/**
 * The simulator's two collaborators in one place: the track codec and the catalog. Keeping the
 * import site single makes swapping implementations a one-line change.
 */

export { decodeTrack, encodeTrack, TrackDecodeError } from "../protocol/codec/index.js";
export { Catalog, type PlaybackScript } from "./catalog/index.js";
