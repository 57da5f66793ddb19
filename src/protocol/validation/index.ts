export * from "./errors.js";
export * from "./filters.js";
export * from "./incoming.js";
export * from "./json-depth.js";
export * from "./player.js";
export * from "./rest.js";
export * from "./session-id.js";
export * from "./track.js";
