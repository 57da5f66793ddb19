/**
 * Injectable time: the wall clock (optionally scaled) and a virtual clock for tests.
 * @module
 */
export * from "./clock.js";
export * from "./real-clock.js";
export * from "./virtual-clock.js";
