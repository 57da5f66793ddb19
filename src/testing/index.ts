/**
 * Sonora's offline testing kit: the Lavalink protocol simulator, the mock factory and fixtures.
 * @module
 */

export {
  type PlayerSnapshot,
  ProtocolSimulator,
  type ProtocolSimulatorOptions,
  type SessionSnapshot,
  SimulatorError,
  type SimulatorErrorCode,
  SimulatorLog,
  type SimulatorLogEntry,
} from "../simulator/index.js";
export { protocolSimulator } from "./protocol-simulator.js";
