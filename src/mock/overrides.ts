import { type JsonObject, STREAM_LENGTH, type TrackInfo } from "../protocol/index.js";
import { checkInteger, MockFactoryError } from "./errors.js";
import { isMockSource, MOCK_SOURCES, type MockSource } from "./sources.js";

/**
 * What a caller may pin when creating a mock track: any {@link TrackInfo} field, the track's
 * `pluginInfo` and `userData`, and the `source` trait (shapes identifier, URI, artwork and ISRC the
 * way that source manager does; `sourceName` of a known source does the same).
 */
export interface TrackInfoOverrides extends Partial<TrackInfo> {
  /** Trait: make the track look like it came from this source. */
  source?: MockSource;
  pluginInfo?: JsonObject;
  userData?: JsonObject;
}

const STRING_FIELDS = ["identifier", "author", "title", "sourceName"] as const;
const NULLABLE_FIELDS = ["uri", "artworkUrl", "isrc"] as const;
const BOOLEAN_FIELDS = ["isSeekable", "isStream"] as const;
const KNOWN = new Set<string>([
  ...STRING_FIELDS,
  ...NULLABLE_FIELDS,
  ...BOOLEAN_FIELDS,
  "length",
  "position",
  "source",
  "pluginInfo",
  "userData",
]);

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks overrides before any track is built, so a typo (`titel`) or a bad value (`length: -1`)
 * fails loudly with the option's name instead of producing a track the codec or a client rejects.
 */
export function checkOverrides(overrides: unknown, name = "overrides"): TrackInfoOverrides {
  if (overrides === undefined) return {};
  if (!isPlainObject(overrides)) throw new MockFactoryError(name, overrides, "an object of track overrides");
  for (const key of Object.keys(overrides)) {
    if (!KNOWN.has(key)) {
      throw new MockFactoryError(
        `${name}.${key}`,
        overrides[key],
        `one of the known override keys (${[...KNOWN].join(", ")})`,
      );
    }
  }
  for (const key of STRING_FIELDS) {
    const value = overrides[key];
    if (value !== undefined && typeof value !== "string") {
      throw new MockFactoryError(`${name}.${key}`, value, "a string");
    }
  }
  for (const key of NULLABLE_FIELDS) {
    const value = overrides[key];
    if (value !== undefined && value !== null && typeof value !== "string") {
      throw new MockFactoryError(`${name}.${key}`, value, "a string or null");
    }
  }
  for (const key of BOOLEAN_FIELDS) {
    const value = overrides[key];
    if (value !== undefined && typeof value !== "boolean") {
      throw new MockFactoryError(`${name}.${key}`, value, "a boolean");
    }
  }
  if (overrides.length !== undefined && overrides.length !== STREAM_LENGTH) {
    checkInteger(`${name}.length`, overrides.length, 0);
  }
  if (overrides.position !== undefined) checkInteger(`${name}.position`, overrides.position, 0);
  if (overrides.source !== undefined && !isMockSource(overrides.source)) {
    throw new MockFactoryError(`${name}.source`, overrides.source, `one of ${MOCK_SOURCES.join(", ")}`);
  }
  for (const key of ["pluginInfo", "userData"] as const) {
    const value = overrides[key];
    if (value !== undefined && !isPlainObject(value)) {
      throw new MockFactoryError(`${name}.${key}`, value, "a JSON object");
    }
  }
  return overrides as TrackInfoOverrides;
}
