/**
 * The Sonora Lavalink client.
 * @module
 */
export * from "./client.js";
export {
  DEBUG_CODES,
  type DebugCode,
  type DebugEvent,
  type DebugPayloads,
  type NodeCandidate,
  type NodeChoicePurpose,
} from "./debug.js";
export {
  type ClientMetrics,
  type FrameMetrics,
  type LatencyHistogram,
  type MetricsCounters,
  type NodeMetrics,
  REST_LATENCY_BUCKETS_MS,
  type RestOutcome,
  type RestRouteMetrics,
} from "./diagnostics/metrics.js";
export { DEFAULT_RECORD_BUFFER_BYTES, type RecordOptions } from "./diagnostics/recorder.js";
export { DEFAULT_WAIT_TIMEOUT, type WaitForOptions } from "./emitter.js";
export * from "./errors/index.js";
export * from "./events.js";
export * from "./guild-id.js";
export * from "./load.js";
export type { SonoraLogger } from "./logger.js";
export * from "./node/backoff.js";
export { Node, type NodePlayer, type ResolvedNodeSettings } from "./node/node.js";
export * from "./node/options.js";
export * from "./node/penalty.js";
export * from "./node/reconnect-policy.js";
export * from "./node/rest.js";
export * from "./node/state.js";
export * from "./offline.js";
export * from "./options.js";
export type { Playable, PlayOptions } from "./player/play-options.js";
export {
  type AutoplayEvent,
  type ConnectOptions,
  type GatewayVoicePayload,
  Player,
  type PlayerEvents,
  type UpdateOptions,
} from "./player/player.js";
export type { PluginStateKind, PluginStateLost } from "./player/plugin-state.js";
export * from "./player/position.js";
export * from "./pool.js";
export * from "./track.js";
export * from "./version.js";
export * from "./voice/discordeno.js";
export * from "./voice/discordjs.js";
export * from "./voice/eris.js";
export type { RawGatewayPacket } from "./voice/handler.js";
export * from "./voice/oceanic.js";
export * from "./voice/seyfert.js";
export * from "./voice/voice-state.js";
