/**
 * Sonora's offline testing kit: the Lavalink protocol simulator, the mock factory and fixtures.
 * @module
 */

export {
  emptyLoadResult,
  errorLoadResult,
  MockFactory,
  MockFactoryError,
  type MockFactoryOptions,
  type MockLoadType,
  type MockPlaylistOptions,
  type MockSearchOptions,
  type MockSource,
  mockException,
  mockFactory,
  playlistLoadResult,
  SeededRandom,
  searchLoadResult,
  type TrackInfoOverrides,
  trackLoadResult,
} from "../mock/index.js";
// The simulator, with fault injection (sim.faults, kill/restart, the seed's knobs).
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
export {
  type AdvanceUntilOptions,
  createTestEnvironment,
  DEFAULT_STEP_MS,
  TEST_BOT_ID,
  TEST_CHANNEL_ID,
  TEST_GUILD_ID,
  type TestEnvironment,
  type TestEnvironmentOptions,
  type TestPlayerOptions,
} from "./environment.js";
export { type ObservedEvent, TestingError, type TestingErrorCode, WaitTimeoutError } from "./errors.js";
export {
  MockGateway,
  type MockGatewayOptions,
  type RawPacketSink,
  type SentVoicePayload,
  type VoiceEventOrder,
} from "./mock-gateway.js";
export { protocolSimulator } from "./protocol-simulator.js";
export {
  DEFAULT_WAIT_TIMEOUT_MS,
  type EventArgs,
  type EventsOf,
  type WaitForEventOptions,
  waitForEvent,
} from "./wait-for-event.js";
