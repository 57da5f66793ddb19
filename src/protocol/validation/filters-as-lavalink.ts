import type { EqualizerBand, Filters } from "../types/filters.js";
import type { JsonObject } from "../types/track.js";
import { ProtocolValidationError } from "./errors.js";
import { isObject, join, type Obj, object } from "./guards.js";

/** The numeric fields of each sub-filter, as Lavalink's protocol classes declare them. */
export const SUB_FILTER_FIELDS = Object.freeze({
  karaoke: ["level", "monoLevel", "filterBand", "filterWidth"],
  timescale: ["speed", "pitch", "rate"],
  tremolo: ["frequency", "depth"],
  vibrato: ["frequency", "depth"],
  rotation: ["rotationHz"],
  distortion: ["sinOffset", "sinScale", "cosOffset", "cosScale", "tanOffset", "tanScale", "offset", "scale"],
  channelMix: ["leftToLeft", "leftToRight", "rightToLeft", "rightToRight"],
  lowPass: ["smoothing"],
} as const satisfies Record<string, readonly string[]>);

/** A sub-filter's name (`timescale`, `karaoke`, …). */
export type SubFilterName = keyof typeof SUB_FILTER_FIELDS;

function finite(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new ProtocolValidationError(join(path, key), v, "a number");
  }
  return v;
}

function subFilter(value: unknown, path: string, fields: readonly string[]): Record<string, number> | null {
  if (value === null) return null;
  const o = object(value, path);
  const out: Record<string, number> = {};
  // Unknown fields are skipped: Lavalink's JSON reader has `ignoreUnknownKeys = true`.
  for (const field of fields) if (o[field] !== undefined) out[field] = finite(o, field, path);
  return out;
}

function equalizer(value: unknown, path: string): EqualizerBand[] {
  if (!Array.isArray(value)) throw new ProtocolValidationError(path, value, "an array of { band, gain }");
  return value.map((entry, i) => {
    const p = `${path}[${i}]`;
    const o = object(entry, p);
    const band = o.band;
    // `band` is a Kotlin Int without a default; `gain` a Float defaulting to 1.0.
    if (typeof band !== "number" || !Number.isInteger(band)) {
      throw new ProtocolValidationError(join(p, "band"), band, "an integer");
    }
    return { band, gain: o.gain === undefined ? 1 : finite(o, "gain", p) };
  });
}

/**
 * Reads a `filters` object the way Lavalink's deserializer does: types are checked, unknown fields
 * are ignored, and no range is checked (Lavalink accepts `timescale.speed: 0` and fails later, in
 * the DSP). Contrast {@link validateFilters}, the strict check a client runs before sending.
 */
export function readFiltersAsLavalink(value: unknown, path = "filters"): Filters {
  const o = object(value, path);
  const out: Filters = {};
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (key === "volume") out.volume = finite(o, key, path);
    else if (key === "equalizer") out.equalizer = equalizer(v, join(path, key));
    else if (key === "pluginFilters") {
      if (!isObject(v))
        throw new ProtocolValidationError(join(path, key), v, "an object keyed by plugin name");
      out.pluginFilters = v as { [plugin: string]: JsonObject };
    } else if (Object.hasOwn(SUB_FILTER_FIELDS, key)) {
      const fields = SUB_FILTER_FIELDS[key as SubFilterName];
      (out as Record<string, unknown>)[key] = subFilter(v, join(path, key), fields);
    }
  }
  return out;
}
