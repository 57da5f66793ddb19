/**
 * Sonora: a Lavalink v4 client for Discord music bots.
 * @module
 */

export * from "./client/autoplay/index.js";
export * from "./client/filters/index.js";
export * from "./client/queue/index.js";
export * from "./protocol/index.js";
