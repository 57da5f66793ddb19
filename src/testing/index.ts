/**
 * Sonora's offline testing kit: the Lavalink protocol simulator, the mock factory and fixtures.
 * @module
 */

export {
  type Fault,
  FaultController,
  type FaultDecision,
  type FaultDirection,
  FaultError,
  type FaultErrorCode,
  type FaultKnobs,
  type FaultMark,
  type FaultScope,
  type FaultSpec,
  type FaultType,
  type PlayerSnapshot,
  ProtocolSimulator,
  type ProtocolSimulatorOptions,
  parseFaultFlag,
  type SessionSnapshot,
  SimulatorError,
  type SimulatorErrorCode,
  SimulatorLog,
  type SimulatorLogEntry,
} from "../simulator/index.js";
export { protocolSimulator } from "./protocol-simulator.js";
