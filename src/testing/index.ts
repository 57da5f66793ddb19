/**
 * Sonora's offline testing kit: the Lavalink protocol simulator, the mock factory and fixtures.
 * @module
 */

// Fault injection (sim.faults, kill/restart, the seed's knobs).
export {
  type BandwidthFaultSpec,
  type Fault,
  FaultController,
  type FaultDecision,
  type FaultDirection,
  FaultError,
  type FaultErrorCode,
  type FaultFlag,
  type FaultKnobs,
  type FaultMark,
  type FaultScope,
  type FaultSpec,
  type FaultType,
  type KnobOptions,
  type LatencyFaultSpec,
  type LatencySpikeFaultSpec,
  type PacketLossFaultSpec,
  type PlayerFaultOptions,
  type PlayerSnapshot,
  ProtocolSimulator,
  type ProtocolSimulatorOptions,
  parseFaultFlag,
  type ResetFaultSpec,
  type RestErrorFaultSpec,
  type SessionSnapshot,
  SimulatorError,
  type SimulatorErrorCode,
  SimulatorLog,
  type SimulatorLogEntry,
  type SlowNodeFaultSpec,
  type TimeoutFaultSpec,
  type TrackExceptionFaultSpec,
  type TrackStuckFaultSpec,
  type VoiceCloseFaultSpec,
  type WsCloseFaultSpec,
} from "../simulator/index.js";
export { protocolSimulator } from "./protocol-simulator.js";
