/**
 * The simulator's deterministic music catalog: what `GET /v4/loadtracks` answers and how each track plays.
 * @module
 */
export {
  CATALOG_SEARCH_COUNT,
  Catalog,
  type CatalogHandler,
  type CatalogOptions,
  type PlaybackScript,
  type ResolveSingleResult,
} from "./catalog.js";
export { CatalogError } from "./errors.js";
export {
  CATALOG_SEARCH_PREFIXES,
  type ParsedIdentifier,
  parseIdentifier,
  type SearchPrefix,
} from "./identifiers.js";
export {
  DEFAULT_SPECIAL_LENGTH_MS,
  DEFAULT_STUCK_THRESHOLD_MS,
  parseSpecial,
  SPECIAL_PREFIX,
  SPECIAL_SOURCE,
  type SpecialSpec,
  specialSyntaxError,
} from "./special.js";
