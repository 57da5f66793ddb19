/**
 * The Lavalink v4 wire protocol: types, routes, boundary validation and the track codec.
 * Depends on nothing else in Sonora; the client and the simulator both build on it.
 * @module
 */

export * from "./codec/index.js";
export * from "./routes.js";
export * from "./types/filters.js";
export * from "./types/java-lyrics.js";
export * from "./types/plugins.js";
export * from "./types/rest.js";
export * from "./types/track.js";
export * from "./types/websocket.js";
export * from "./validation/index.js";
