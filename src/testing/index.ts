/**
 * Sonora's offline testing kit (`sonora/testing`): the Lavalink protocol simulator with its catalog
 * and fault injection, the mock factory, clocks, and test fixtures. Runner-neutral: the vitest and
 * node:test adapters are `sonora/testing/vitest` and `sonora/testing/node`.
 *
 * Every public name is listed here, by area; the simulator's and the catalog's parsing and registry
 * internals stay inside the package. The list is pinned by `test/architecture/public-surface.test.ts`,
 * so a change to it is a visible diff.
 * @module
 */

// ─── Simulator ───────────────────────────────────────────────────────────────────────────────────

export type { ControlOptions } from "../simulator/control/options.js";
export { CONTROL_PREFIX } from "../simulator/control/reply.js";
export { SimulatorError, type SimulatorErrorCode } from "../simulator/errors.js";
export type { HandshakeRefusal } from "../simulator/handshake.js";
export { SimulatorLog, type SimulatorLogEntry, type SimulatorLogLimits } from "../simulator/log.js";
export { SIMULATED_SOURCE_MANAGERS } from "../simulator/node-info.js";
export type { ClockOf, ProtocolSimulatorOptions } from "../simulator/options.js";
export {
  DEFAULT_SIM_PLUGINS,
  SIM_PLUGIN_IDS,
  SIM_PLUGINS,
  type SimPluginId,
  type SimPluginSpec,
} from "../simulator/plugins/plugin-set.js";
export {
  DEFAULT_LAVALINK_VERSION,
  LAVALINK_VERSIONS,
  type LavalinkProfile,
  type LavalinkVersion,
  lavalinkProfile,
} from "../simulator/profiles.js";
export { ROUTE_PLANNER_TYPES, simulatedRoutePlanner } from "../simulator/route-planner.js";
export type { SessionSnapshot } from "../simulator/session.js";
export { type PlayerSnapshot, ProtocolSimulator, type SimulatorEvents } from "../simulator/simulator.js";
export { protocolSimulator } from "./protocol-simulator.js";

// ─── Replay (recordings of the client's `record` option) ─────────────────────────────────────────

export type {
  CloseEntry,
  DroppedEntry,
  FailureEntry,
  FrameEntry,
  OpenEntry,
  RecordingEntry,
  RecordingHeader,
  RequestEntry,
  ResponseEntry,
} from "../protocol/recording.js";
export {
  REPLAY_DIVERGENCE_STATUS,
  type ReplayDivergence,
  ReplaySimulator,
  type ReplaySimulatorOptions,
} from "../simulator/replay/replay-simulator.js";

// ─── Faults ──────────────────────────────────────────────────────────────────────────────────────

export type { FaultCommon, FaultDirection, FaultScope } from "../simulator/faults/common.js";
export { FaultController, type PlayerFaultOptions } from "../simulator/faults/controller.js";
export { FaultError, type FaultErrorCode } from "../simulator/faults/errors.js";
export { KNOB_IDS, type KnobOptions } from "../simulator/faults/knobs.js";
export { type FaultFlag, parseFaultFlag } from "../simulator/faults/parse-flag.js";
export type {
  BandwidthFaultSpec,
  FaultSpec,
  FaultType,
  LatencyFaultSpec,
  LatencySpikeFaultSpec,
  PacketLossFaultSpec,
  ResetFaultSpec,
  RestErrorFaultSpec,
  SlowNodeFaultSpec,
  TimeoutFaultSpec,
  TrackExceptionFaultSpec,
  TrackStuckFaultSpec,
  VoiceCloseFaultSpec,
  WsCloseFaultSpec,
} from "../simulator/faults/registry.js";
export type { Fault, FaultChanges, FaultDecision, FaultKnobs, FaultMark } from "../simulator/faults/types.js";

// ─── Catalog ─────────────────────────────────────────────────────────────────────────────────────

export {
  CATALOG_SEARCH_COUNT,
  Catalog,
  type CatalogHandler,
  type CatalogOptions,
  type LoadContext,
  type PlaybackScript,
  type ResolveSingleResult,
} from "../simulator/catalog/catalog.js";
export { CatalogError } from "../simulator/catalog/errors.js";
export type { LyricsInput } from "../simulator/catalog/plugin-content.js";
export {
  DEFAULT_SPECIAL_LENGTH_MS,
  DEFAULT_STUCK_THRESHOLD_MS,
  SPECIAL_PREFIX,
  SPECIAL_SOURCE,
} from "../simulator/catalog/special.js";
export { catalogTrack } from "./catalog-track.js";

// ─── Mock factory ────────────────────────────────────────────────────────────────────────────────

export { MockFactoryError } from "../mock/errors.js";
export {
  MockFactory,
  type MockFactoryOptions,
  type MockLoadType,
  type MockPlaylistOptions,
  type MockSearchOptions,
  mockFactory,
} from "../mock/factory.js";
export {
  emptyLoadResult,
  errorLoadResult,
  mockException,
  playlistLoadResult,
  searchLoadResult,
  trackLoadResult,
} from "../mock/load-results.js";
export type { TrackInfoOverrides } from "../mock/overrides.js";
export { DEFAULT_MOCK_SOURCES, ISRC_PATTERN, MOCK_SOURCES, type MockSource } from "../mock/sources.js";

// ─── Environment & fixtures ──────────────────────────────────────────────────────────────────────

export { deliverFrame } from "./deliver-frame.js";
export { type DriveClockOptions, driveClock } from "./drive-clock.js";
export type { Emitting } from "./emit-tap.js";
export type { AdvanceUntilConditionOptions, ExtraClientOptions, TestNodeOptions } from "./environment.js";
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
  DEFAULT_GATEWAY_HISTORY_LIMIT,
  MockGateway,
  type MockGatewayOptions,
  type RawPacketSink,
  type SentVoicePayload,
  type VoiceEventOrder,
} from "./mock-gateway.js";
export {
  startTestSimulator,
  TEST_PASSWORD,
  type TestSimulatorOptions,
  type VirtualSimulator,
} from "./test-simulator.js";
export {
  DEFAULT_WAIT_TIMEOUT_MS,
  type EventArgs,
  type EventsOf,
  type WaitForEventOptions,
  waitForEvent,
} from "./wait-for-event.js";
export { type WaitUntilOptions, waitUntil } from "./wait-until.js";

// ─── Chaos accounting ────────────────────────────────────────────────────────────────────────────

export { ChaosAccounting, type QueuedTrackLike, type TrackAccount } from "./chaos/accounting.js";
export { type GuildEndState, inspectEndState, type LabelledSimulator } from "./chaos/end-state.js";
export { type NodeTrackEvent, readNodeTrackEvents } from "./chaos/node-track-events.js";
export type { ChaosReport, ChaosReportMeta } from "./chaos/report.js";
export { type ChaosKill, type ChaosSoakOptions, runChaosSoak, SEED_FAULT_KNOBS } from "./chaos/soak.js";
export { formatAccountingTable } from "./chaos/table.js";

// ─── Clock & random ──────────────────────────────────────────────────────────────────────────────

export { type Clock, ClockError, type TimerHandle } from "../base/clock/clock.js";
export { RealClock, type RealClockOptions } from "../base/clock/real-clock.js";
export { VirtualClock } from "../base/clock/virtual-clock.js";
export { RandomError, SeededRandom } from "../base/random.js";
