/**
 * Sonora's offline testing kit: the Lavalink protocol simulator with its catalog and fault
 * injection, the mock factory, clocks, and test fixtures.
 * @module
 */
export * from "../base/clock/index.js";
export * from "../mock/index.js";
export * from "../simulator/index.js";
export { catalogTrack } from "./catalog-track.js";
export {
  ChaosAccounting,
  type ChaosKill,
  type ChaosReport,
  type ChaosReportMeta,
  type ChaosSoakOptions,
  formatAccountingTable,
  type GuildEndState,
  inspectEndState,
  type LabelledSimulator,
  type NodeTrackEvent,
  type QueuedTrackLike,
  readNodeTrackEvents,
  runChaosSoak,
  SEED_FAULT_KNOBS,
  type TrackAccount,
} from "./chaos/index.js";
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
  MockGateway,
  type MockGatewayOptions,
  type RawPacketSink,
  type SentVoicePayload,
  type VoiceEventOrder,
} from "./mock-gateway.js";
export { protocolSimulator } from "./protocol-simulator.js";
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
