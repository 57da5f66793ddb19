import type { EqualizerBand, Filters } from "../types/filters.js";
import type { JsonObject } from "../types/track.js";
import { ProtocolValidationError } from "./errors.js";
import { isObject, join, type Obj, object } from "./guards.js";

interface Range {
  min?: number;
  max?: number;
  /** `min` itself is not allowed. */
  above?: boolean;
}

function describeRange(r: Range): string {
  if (r.min !== undefined && r.max !== undefined) {
    return `a number ${r.above ? ">" : "≥"} ${r.min} and ≤ ${r.max}`;
  }
  if (r.min !== undefined) return `a number ${r.above ? ">" : "≥"} ${r.min}`;
  return "a finite number";
}

function checkNumber(o: Obj, key: string, path: string, range: Range): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  const ok =
    typeof v === "number" &&
    Number.isFinite(v) &&
    (range.min === undefined || (range.above ? v > range.min : v >= range.min)) &&
    (range.max === undefined || v <= range.max);
  if (!ok) throw new ProtocolValidationError(join(path, key), v, describeRange(range));
  return v as number;
}

const ANY: Range = {};
const UNIT: Range = { min: 0, max: 1 };

/**
 * Checks one sub-filter object against the allowed keys and ranges. `null` means "turn off" and
 * is passed through; unknown keys are refused so typos surface instead of doing nothing.
 */
function subFilter(
  value: unknown,
  path: string,
  ranges: Record<string, Range>,
): Record<string, number> | null {
  if (value === null) return null;
  const o = object(value, path);
  const out: Record<string, number> = {};
  for (const key of Object.keys(o)) {
    const range = ranges[key];
    if (range === undefined) {
      throw new ProtocolValidationError(
        join(path, key),
        o[key],
        `absent (known fields: ${Object.keys(ranges).join(", ")})`,
      );
    }
    const n = checkNumber(o, key, path, range);
    if (n !== undefined) out[key] = n;
  }
  return out;
}

const SUB_FILTERS: Record<string, Record<string, Range>> = {
  karaoke: { level: UNIT, monoLevel: UNIT, filterBand: ANY, filterWidth: ANY },
  timescale: {
    speed: { min: 0, above: true },
    pitch: { min: 0, above: true },
    rate: { min: 0, above: true },
  },
  tremolo: { frequency: { min: 0, above: true }, depth: { min: 0, max: 1, above: true } },
  vibrato: { frequency: { min: 0, max: 14, above: true }, depth: { min: 0, max: 1, above: true } },
  rotation: { rotationHz: ANY },
  distortion: {
    sinOffset: ANY,
    sinScale: ANY,
    cosOffset: ANY,
    cosScale: ANY,
    tanOffset: ANY,
    tanScale: ANY,
    offset: ANY,
    scale: ANY,
  },
  channelMix: { leftToLeft: UNIT, leftToRight: UNIT, rightToLeft: UNIT, rightToRight: UNIT },
  lowPass: { smoothing: ANY },
};

function equalizer(value: unknown, path: string): EqualizerBand[] {
  if (!Array.isArray(value)) throw new ProtocolValidationError(path, value, "an array of { band, gain }");
  const seen = new Set<number>();
  return value.map((entry, i) => {
    const p = `${path}[${i}]`;
    const o = object(entry, p);
    const band = o.band;
    if (typeof band !== "number" || !Number.isInteger(band) || band < 0 || band > 14) {
      throw new ProtocolValidationError(join(p, "band"), band, "an integer from 0 to 14");
    }
    if (seen.has(band)) throw new ProtocolValidationError(join(p, "band"), band, "a band not already listed");
    seen.add(band);
    const gain = checkNumber(o, "gain", p, { min: -0.25, max: 1 });
    if (gain === undefined)
      throw new ProtocolValidationError(join(p, "gain"), undefined, "a number from -0.25 to 1");
    return { band, gain };
  });
}

/**
 * Checks a `filters` object against the ranges Lavalink documents (and its DSP enforces). Used by
 * the client before sending and by the simulator to answer 400 like the server.
 */
export function validateFilters(value: unknown, path = "filters"): Filters {
  const o = object(value, path);
  const out: Filters = {};
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (key === "volume") {
      out.volume = checkNumber(o, key, path, { min: 0, max: 5 }) as number;
    } else if (key === "equalizer") {
      out.equalizer = equalizer(v, join(path, key));
    } else if (key === "pluginFilters") {
      if (!isObject(v))
        throw new ProtocolValidationError(join(path, key), v, "an object keyed by plugin name");
      for (const [name, config] of Object.entries(v)) {
        if (!isObject(config))
          throw new ProtocolValidationError(join(join(path, key), name), config, "an object");
      }
      out.pluginFilters = v as { [plugin: string]: JsonObject };
    } else {
      const ranges = SUB_FILTERS[key];
      if (ranges === undefined) {
        throw new ProtocolValidationError(
          join(path, key),
          v,
          "absent (not a Lavalink filter; use pluginFilters)",
        );
      }
      (out as Record<string, unknown>)[key] = subFilter(v, join(path, key), ranges);
    }
  }
  return out;
}
