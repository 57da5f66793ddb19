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
export {
  CATALOG_SEARCH_COUNT,
  CATALOG_SEARCH_PREFIXES,
  Catalog,
  CatalogError,
  type CatalogHandler,
  type CatalogOptions,
  DEFAULT_SPECIAL_LENGTH_MS,
  DEFAULT_STUCK_THRESHOLD_MS,
  type ParsedIdentifier,
  type PlaybackScript,
  parseIdentifier,
  parseSpecial,
  type ResolveSingleResult,
  type SearchPrefix,
  SPECIAL_PREFIX,
  SPECIAL_SOURCE,
  type SpecialSpec,
} from "../simulator/catalog/index.js";
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
