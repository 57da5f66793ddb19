/**
 * Mock data for tests: a seeded random source and a factory of realistic Lavalink tracks, playlists,
 * search results and load results. Depends only on the protocol module.
 * @module
 */

export { RandomError, SeededRandom } from "../base/random.js";
export { MockFactoryError } from "./errors.js";
export {
  MockFactory,
  type MockFactoryOptions,
  type MockLoadType,
  type MockPlaylistOptions,
  type MockSearchOptions,
  mockFactory,
} from "./factory.js";
export {
  emptyLoadResult,
  errorLoadResult,
  mockException,
  playlistLoadResult,
  searchLoadResult,
  trackLoadResult,
} from "./load-results.js";
export type { TrackInfoOverrides } from "./overrides.js";
export {
  DEFAULT_MOCK_SOURCES,
  ISRC_PATTERN,
  isMockSource,
  MOCK_SOURCES,
  type MockSource,
} from "./sources.js";
