/**
 * The Lavalink v4 protocol simulator: a real node on loopback with a virtual clock.
 * @module
 */
export * from "./catalog/index.js";
export type { ControlOptions } from "./control/options.js";
export { CONTROL_PREFIX } from "./control/reply.js";
export { SimulatorError, type SimulatorErrorCode } from "./errors.js";
export * from "./faults/index.js";
export { SimulatorLog, type SimulatorLogEntry, type SimulatorLogLimits } from "./log.js";
export { SIMULATED_SOURCE_MANAGERS } from "./node-info.js";
export type { ClockOf, ProtocolSimulatorOptions } from "./options.js";
export {
  DEFAULT_LAVALINK_VERSION,
  LAVALINK_VERSIONS,
  type LavalinkProfile,
  type LavalinkVersion,
  lavalinkProfile,
} from "./profiles.js";
export {
  REPLAY_DIVERGENCE_STATUS,
  type ReplayDivergence,
  ReplaySimulator,
  type ReplaySimulatorOptions,
} from "./replay/replay-simulator.js";
export { ROUTE_PLANNER_TYPES, simulatedRoutePlanner } from "./route-planner.js";
export type { SessionSnapshot } from "./session.js";
export { type PlayerSnapshot, ProtocolSimulator, type SimulatorEvents } from "./simulator.js";
