/**
 * Sonora: a Lavalink v4 client for Discord music bots.
 * @module
 */

export * from "./base/clock/index.js";
export * from "./base/random-source.js";
export * from "./client/autoplay/index.js";
export * from "./client/filters/index.js";
export * from "./client/index.js";
export * from "./client/queue/index.js";
// The client's Track class shadows the protocol's Track interface; the wire shape stays reachable.
export { Track } from "./client/track.js";
export type { Track as LavalinkTrack } from "./protocol/index.js";
export * from "./protocol/index.js";
