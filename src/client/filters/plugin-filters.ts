import type { JsonObject } from "../../protocol/index.js";
import { FilterValidationError } from "./errors.js";

/**
 * Typed configurations of the common filter plugins, for `filters.setPluginFilter(name, config)`.
 * A node keeps a `pluginFilters` entry only when a plugin registered a filter extension of that
 * name (it lists them in `/v4/info` `filters`; check with `node.plugins.hasFilter(name)`), and
 * drops the others without an error, as Lavalink does.
 */

/**
 * The filter extensions of the plugins Sonora has typed helpers for, by extension name, with the
 * plugin that registers them (its `/v4/info` name). `player.setFilters` refuses these names with
 * `PluginUnavailableError` when the node does not list them in `/v4/info` `filters`; other names
 * pass untouched (the node keeps or drops them).
 */
export const PLUGIN_FILTER_OWNERS: Readonly<Record<string, string>> = Object.freeze({
  "high-pass": "lavadspx-plugin",
  "low-pass": "lavadspx-plugin",
  normalization: "lavadspx-plugin",
  echo: "lavadspx-plugin",
  "lavalink-filter-plugin": "lavalink-filter-plugin",
});

/** One plugin filter: the extension's name and its JSON configuration. */
export interface PluginFilterSpec {
  readonly name: string;
  readonly config: JsonObject;
}

/** LavaDSPX high-pass / low-pass: cuts frequencies below / above `cutoffFrequency` (Hz). */
export interface PassFilterConfig {
  /** Integer Hz, > 0. */
  cutoffFrequency: number;
  /** Output gain, > 0 (1 = unchanged). */
  boostFactor?: number;
}

/** LavaDSPX normalization: attenuates peaks above `maxAmplitude`. */
export interface NormalizationConfig {
  /** 0 … 1 (0 mutes). */
  maxAmplitude: number;
  /** Whether peak amplitudes persist. */
  adaptive?: boolean;
}

/** LavaDSPX echo. */
export interface DspEchoConfig {
  /** Seconds, > 0. */
  echoLength: number;
  /** 0 … 1 (1 = no decay). */
  decay: number;
}

/** lavalink-filter-plugin's echo (`delay` in seconds, `decay` 0 … 1) and reverb. */
export interface FilterPluginConfig {
  echo?: { delay: number; decay: number };
  reverb?: { delays: number[]; gains: number[] };
}

function check(ok: boolean, field: string, value: unknown, expected: string): void {
  if (!ok) throw new FilterValidationError(`pluginFilters.${field}`, value, expected);
}

const positive = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v) && v > 0;
const unit = (v: unknown): boolean => typeof v === "number" && v >= 0 && v <= 1;

function pass(name: "high-pass" | "low-pass", config: PassFilterConfig): PluginFilterSpec {
  check(
    Number.isInteger(config?.cutoffFrequency) && config.cutoffFrequency > 0,
    `${name}.cutoffFrequency`,
    config?.cutoffFrequency,
    "an integer > 0 (Hz)",
  );
  check(
    config.boostFactor === undefined || positive(config.boostFactor),
    `${name}.boostFactor`,
    config.boostFactor,
    "a number > 0",
  );
  return { name, config: { cutoffFrequency: config.cutoffFrequency, boostFactor: config.boostFactor ?? 1 } };
}

/** The filters of LavaDSPX (`lavadspx-plugin`), one extension each. */
export const LavaDspx = Object.freeze({
  /** `high-pass`. */
  highPass: (config: PassFilterConfig): PluginFilterSpec => pass("high-pass", config),
  /** `low-pass`. */
  lowPass: (config: PassFilterConfig): PluginFilterSpec => pass("low-pass", config),
  /** `normalization`. */
  normalization(config: NormalizationConfig): PluginFilterSpec {
    check(
      unit(config?.maxAmplitude),
      "normalization.maxAmplitude",
      config?.maxAmplitude,
      "a number from 0 to 1",
    );
    return {
      name: "normalization",
      config: { maxAmplitude: config.maxAmplitude, adaptive: config.adaptive ?? true },
    };
  },
  /** `echo`. */
  echo(config: DspEchoConfig): PluginFilterSpec {
    check(positive(config?.echoLength), "echo.echoLength", config?.echoLength, "a number > 0 (seconds)");
    check(unit(config.decay), "echo.decay", config.decay, "a number from 0 to 1");
    return { name: "echo", config: { echoLength: config.echoLength, decay: config.decay } };
  },
});

/** lavalink-filter-plugin: one extension, `lavalink-filter-plugin`, with `echo` and `reverb`. */
export function lavalinkFilterPlugin(config: FilterPluginConfig): PluginFilterSpec {
  const out: JsonObject = {};
  if (config?.echo !== undefined) {
    check(positive(config.echo.delay), "echo.delay", config.echo.delay, "a number > 0 (seconds)");
    check(unit(config.echo.decay), "echo.decay", config.echo.decay, "a number from 0 to 1");
    out.echo = { delay: config.echo.delay, decay: config.echo.decay };
  }
  if (config?.reverb !== undefined) {
    const { delays, gains } = config.reverb;
    check(
      Array.isArray(delays) &&
        Array.isArray(gains) &&
        delays.length === gains.length &&
        delays.every(positive),
      "reverb",
      config.reverb,
      "{ delays, gains } of the same length, delays > 0",
    );
    out.reverb = { delays: [...delays], gains: [...gains] };
  }
  return { name: "lavalink-filter-plugin", config: out };
}
