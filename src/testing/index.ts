/**
 * Sonora's offline testing kit: the Lavalink protocol simulator with its catalog and fault
 * injection, the mock factory, clocks, and test fixtures.
 * @module
 */
export * from "../clock/index.js";
export * from "../mock/index.js";
export * from "../simulator/index.js";
export { protocolSimulator } from "./protocol-simulator.js";
