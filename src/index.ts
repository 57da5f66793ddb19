/**
 * Sonora: a Lavalink v4 client for Discord music bots.
 *
 * Every public name is listed here, by area, and nothing else is public: validation helpers, the
 * node pool's and the position estimate's machinery, and the protocol helpers that only the client
 * and the simulator share stay inside the package. The list is pinned by
 * `test/architecture/public-surface.test.ts`, so a change to it is a visible diff.
 * @module
 */

// ─── Client ──────────────────────────────────────────────────────────────────────────────────────

export { type GetPlayerOptions, type SearchOptions, SonoraClient } from "./client/client.js";
export {
  DEBUG_CODES,
  type DebugCode,
  type DebugEvent,
  type DebugPayloads,
  type NodeCandidate,
  type NodeChoicePurpose,
} from "./client/debug.js";
export {
  DEFAULT_WAIT_TIMEOUT,
  type EventMap,
  type Listener,
  type TypedEmitter,
  type WaitForOptions,
} from "./client/emitter.js";
export type { ClientEvents, NodeEventsOnClient, PlayerEventsOnClient } from "./client/events.js";
export type { ClientLoadResult } from "./client/load.js";
export type { SonoraLogger } from "./client/logger.js";
export {
  type Backoff,
  DEFAULT_RECONNECT,
  DEFAULT_REST_RETRY,
  type RetryOptions,
  type RetryPolicy,
} from "./client/node/backoff.js";
export type { NodeDisconnectInfo, NodeEvents } from "./client/node/events.js";
export { Node, type NodePlayer } from "./client/node/node.js";
export {
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES,
  type NodeOptions,
  type RestOptions,
  type ResumeOptions,
} from "./client/node/options.js";
export { type LyricsOptions, NodePlugins } from "./client/node/plugins.js";
export {
  DEFAULT_PROBE,
  DEFAULT_STABLE_AFTER,
  type ProbeOptions,
  type ProbePolicy,
  type ReconnectOptions,
  type ReconnectPolicy,
} from "./client/node/reconnect-policy.js";
export type { HttpMethod, RequestOptions, RestClient } from "./client/node/rest.js";
export type { ResolvedNodeSettings } from "./client/node/settings.js";
export type { NodeState } from "./client/node/state.js";
export {
  type Environment,
  isOfflineMode,
  OFFLINE_DEFAULTS,
  OFFLINE_ENV,
  OFFLINE_NODE_NAME,
  type OfflineNodeAddress,
  type OfflineOption,
  offlineNode,
} from "./client/offline.js";
export { type ClientOptions, type CloseOptions, DEFAULT_RESUME_TIMEOUT } from "./client/options.js";
export type { PluginStateKind, PluginStateLost } from "./client/player/plugin-state.js";
export { PlayerSponsorBlock } from "./client/player/sponsor-block.js";
export {
  ClientLyrics,
  type ClientLyricsOptions,
  type ClientSearchResult,
  type LoadSearchOptions,
} from "./client/plugins.js";
export type { NodePool } from "./client/pool.js";
export { CLIENT_NAME, SONORA_VERSION } from "./client/version.js";

// ─── Player ──────────────────────────────────────────────────────────────────────────────────────

export type { Playable, PlayOptions } from "./client/player/play-options.js";
export {
  type AutoplayEvent,
  type ConnectOptions,
  type GatewayVoicePayload,
  Player,
  type PlayerDestroyReason,
  type PlayerEvents,
  type UpdateOptions,
} from "./client/player/player.js";

// ─── Store (durable players and queues) ──────────────────────────────────────────────────────────

export { DEFAULT_STORE_CHECKPOINT_INTERVAL } from "./client/store/defaults.js";
export { FileStore, type FileStoreOptions } from "./client/store/file-store.js";
export { MemoryStore } from "./client/store/memory-store.js";
export {
  type SonoraStore,
  STORE_SCHEMA_VERSION,
  type StoreChange,
  type StoreContents,
  type StoredNode,
  type StoredPlayer,
  type StoredTrack,
  type StoredVoice,
  type StoreScope,
} from "./client/store/store.js";

// ─── Queue ───────────────────────────────────────────────────────────────────────────────────────

export type { QueueItem } from "./client/queue/item.js";
export {
  DEFAULT_HISTORY_SIZE,
  DEFAULT_QUEUE_MAX_SIZE,
  LOOP_MODES,
  type LoopMode,
  type NextOptions,
  type QueueOptions,
} from "./client/queue/options.js";
export { Queue } from "./client/queue/queue.js";
export { type SmartShuffleOptions, smartShuffle } from "./client/queue/smart-shuffle.js";

// ─── Filters ─────────────────────────────────────────────────────────────────────────────────────

export { EQUALIZER_PRESETS, Equalizer, type EqualizerPresetName } from "./client/filters/equalizer.js";
export {
  FilterManager,
  type FilterName,
  type FilterSpec,
  type ObjectFilterName,
  type ObjectFilters,
} from "./client/filters/filter-manager.js";
export {
  type DspEchoConfig,
  type FilterPluginConfig,
  LavaDspx,
  lavalinkFilterPlugin,
  type NormalizationConfig,
  type PassFilterConfig,
  PLUGIN_FILTER_OWNERS,
  type PluginFilterSpec,
} from "./client/filters/plugin-filters.js";
export {
  BASS_BOOST_LEVELS,
  BASS_BOOST_SHAPE,
  type BassBoostLevel,
  EIGHT_D_ROTATION,
  KARAOKE_DEFAULT,
  MONO_CHANNEL_MIX,
  NIGHTCORE_TIMESCALE,
  SOFT_LOW_PASS,
  VAPORWAVE_TIMESCALE,
} from "./client/filters/presets.js";

// ─── Autoplay ────────────────────────────────────────────────────────────────────────────────────

export {
  AUTOPLAY_STRATEGIES,
  type AutoplayConfig,
  type AutoplayContext,
  AutoplayEngine,
  type AutoplayRecommendation,
  type AutoplaySearch,
  type AutoplayStrategy,
  DEFAULT_AUTOPLAY_CONFIG,
  type ScoredCandidate,
} from "./client/autoplay/engine.js";
export type { ScoreFeatures, ScoreWeights } from "./client/autoplay/scoring.js";

// ─── Voice ───────────────────────────────────────────────────────────────────────────────────────

export { parseSnowflake, type SnowflakeInput, toGuildId } from "./client/guild-id.js";
export {
  attachDiscordeno,
  type DiscordenoLikeBot,
  discordenoSend,
} from "./client/voice/discordeno.js";
export {
  attachDiscordJs,
  type DiscordJsLikeClient,
  type DiscordJsLikeGuild,
  discordJsSend,
} from "./client/voice/discordjs.js";
export { attachEris, type ErisLikeClient, type ErisLikeGuild, erisSend } from "./client/voice/eris.js";
export type { RawGatewayPacket } from "./client/voice/handler.js";
export {
  attachOceanic,
  type OceanicLikeClient,
  type OceanicLikeGuild,
  oceanicSend,
} from "./client/voice/oceanic.js";
export {
  attachSeyfert,
  type SeyfertLikeClient,
  type SeyfertLikeEvent,
  type SeyfertLikeGateway,
  seyfertSend,
} from "./client/voice/seyfert.js";
export type { PlayerVoice, VoiceServerUpdateData, VoiceStateUpdateData } from "./client/voice/voice-state.js";

// ─── Tracks & codec ──────────────────────────────────────────────────────────────────────────────
// The client's Track class shadows the protocol's Track interface; the wire shape is LavalinkTrack.

export { Track } from "./client/track.js";
export { decodeTrack } from "./protocol/codec/decode.js";
export { encodeTrack } from "./protocol/codec/encode.js";
export type { TrackDecodeErrorReason, TrackEncodeErrorReason } from "./protocol/codec/errors.js";
export type { DecodedTrack, EncodeTrackOptions, TrackMessageVersion } from "./protocol/codec/types.js";

// ─── Protocol types ──────────────────────────────────────────────────────────────────────────────

export {
  LAVASRC_SEARCH_SOURCES,
  PluginRoutes,
  SEARCH_PREFIXES,
  type SearchSource,
} from "./protocol/routes.js";
export {
  BUILTIN_FILTER_NAMES,
  type BuiltinFilterName,
  type ChannelMixFilter,
  type DistortionFilter,
  EQUALIZER_BANDS,
  EQUALIZER_FREQUENCIES,
  type EqualizerBand,
  FILTER_LIMITS,
  type Filters,
  type KaraokeFilter,
  type LowPassFilter,
  type RotationFilter,
  type TimescaleFilter,
  type TremoloFilter,
  type VibratoFilter,
} from "./protocol/types/filters.js";
export type {
  JavaLyrics,
  JavaLyricsAlbumArt,
  JavaLyricsLine,
  JavaLyricsSearchHit,
  JavaLyricsSearchSource,
  JavaLyricsTrack,
  JavaTextLyrics,
  JavaTimedLyrics,
} from "./protocol/types/java-lyrics.js";
export {
  type Chapter,
  type ChapterStartedEvent,
  type ChaptersLoadedEvent,
  type KnownPlugin,
  type KnownPluginEvent,
  LAVASRC_PREFIXES,
  LAVASRC_SOURCE_NAMES,
  type LavaSrcPlaylistInfo,
  type LavaSrcPlaylistType,
  type LavaSrcTrackInfo,
  type Lyrics,
  type LyricsFoundEvent,
  type LyricsLine,
  type LyricsLineEvent,
  type LyricsNotFoundEvent,
  PLUGIN_NAMES,
  type PluginEvent,
  SEARCH_TYPES,
  SEGMENT_CATEGORIES,
  type SearchCollection,
  type SearchResult,
  type SearchText,
  type SearchType,
  type Segment,
  type SegmentCategory,
  type SegmentSkippedEvent,
  type SegmentsLoadedEvent,
  type UnknownPluginEvent,
} from "./protocol/types/plugins.js";
export type {
  DecodeTracksRequest,
  EmptyLoadResult,
  ErrorLoadResult,
  ErrorResponse,
  FailingAddress,
  FreeAddressRequest,
  GitInfo,
  IpBlock,
  LavalinkPlayer,
  LoadResult,
  LoadType,
  NodeInfo,
  PlaylistData,
  PlaylistLoadResult,
  PluginInfo,
  RoutePlannerDetails,
  RoutePlannerStatus,
  RoutePlannerType,
  SearchLoadResult,
  SessionInfo,
  TrackLoadResult,
  UpdatePlayerQuery,
  UpdatePlayerRequest,
  UpdatePlayerTrack,
  UpdateSessionRequest,
  VersionInfo,
  VoiceState,
} from "./protocol/types/rest.js";
export {
  type ExceptionSeverity,
  type JsonObject,
  type JsonValue,
  type LavalinkException,
  type PlaylistInfo,
  STREAM_LENGTH,
  type Track as LavalinkTrack,
  type TrackInfo,
} from "./protocol/types/track.js";
export {
  type CpuStats,
  type EventOp,
  type EventType,
  type FrameStats,
  type IncomingMessage,
  type LavalinkEvent,
  type MemoryStats,
  type OpType,
  type PlayerState,
  type PlayerUpdateOp,
  type ReadyOp,
  type Stats,
  type StatsOp,
  type TrackEndEvent,
  type TrackEndReason,
  type TrackExceptionEvent,
  type TrackStartEvent,
  type TrackStuckEvent,
  VoiceCloseCodes,
  type WebSocketClosedEvent,
} from "./protocol/types/websocket.js";

// ─── Errors ──────────────────────────────────────────────────────────────────────────────────────
// Every error class Sonora throws extends SonoraError and carries a code of SONORA_ERROR_CODES.

export { ClockError } from "./base/clock/clock.js";
export { SONORA_ERROR_CODES, type SonoraErrorCode } from "./base/errors/codes.js";
export { SonoraError } from "./base/errors/sonora-error.js";
export { AutoplayConfigError, AutoplaySearchError } from "./client/autoplay/errors.js";
export { ClientStateError } from "./client/errors/client-state-error.js";
export { EventTimeoutError } from "./client/errors/event-timeout-error.js";
export { InvalidGuildIdError } from "./client/errors/invalid-guild-id-error.js";
export { InvalidOptionError } from "./client/errors/invalid-option-error.js";
export { LavalinkRestError } from "./client/errors/lavalink-rest-error.js";
export { NoNodesAvailableError } from "./client/errors/no-nodes-available-error.js";
export { NodeAuthError } from "./client/errors/node-auth-error.js";
export { NodeUnavailableError } from "./client/errors/node-unavailable-error.js";
export { PluginUnavailableError } from "./client/errors/plugin-unavailable-error.js";
export { RequestTimeoutError } from "./client/errors/request-timeout-error.js";
export { ResponseTooLargeError } from "./client/errors/response-too-large-error.js";
export { SessionUnavailableError } from "./client/errors/session-unavailable-error.js";
export { VoiceNotConfiguredError } from "./client/errors/voice-not-configured-error.js";
export { FilterValidationError } from "./client/filters/errors.js";
export {
  InvalidTrackError,
  QueueFullError,
  QueueIndexError,
  QueueOptionError,
} from "./client/queue/errors.js";
export {
  StoreCorruptError,
  StoreLeaseLostError,
  StoreLockedError,
  type StoreLockHolder,
  StoreSchemaError,
  StoreWriteError,
} from "./client/store/errors.js";
export { TrackDecodeError, TrackEncodeError } from "./protocol/codec/errors.js";
export { ProtocolValidationError } from "./protocol/validation/errors.js";

// ─── Clock & random ──────────────────────────────────────────────────────────────────────────────

export type { Clock, TimerHandle } from "./base/clock/clock.js";
export { RealClock, type RealClockOptions } from "./base/clock/real-clock.js";
export { VirtualClock } from "./base/clock/virtual-clock.js";
export {
  defaultRandomSource,
  type RandomFunction,
  type RandomInput,
  type RandomSource,
} from "./base/random-source.js";

// ─── Diagnostics (client.metrics(), the `record` option) ─────────────────────────────────────────

export {
  type ClientMetrics,
  type FrameMetrics,
  type LatencyHistogram,
  type MetricsCounters,
  type NodeMetrics,
  REST_LATENCY_BUCKETS_MS,
  type RestOutcome,
  type RestRouteMetrics,
} from "./client/diagnostics/metrics.js";
export { DEFAULT_RECORD_BUFFER_BYTES, type RecordOptions } from "./client/diagnostics/recorder.js";
