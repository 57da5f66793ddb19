import type { Filters, SubFilterName } from "../../protocol/index.js";
import { SUB_FILTER_ORDER, withDefaults } from "./defaults.js";

/** lavaplayer's equalizer has 15 bands; Lavalink indexes an array of that size with `band`. */
export const EQUALIZER_BANDS = 15;

/** Where a DSP setter throws, as lavadsp's classes do (the class and line go into the stack trace). */
interface SetterCheck {
  readonly field: string;
  readonly fails: (value: number) => string | null;
}

const positive = (what: string) => (v: number) => (v <= 0 ? `${what} <= 0` : null);
const unit = (v: number) => (v <= 0 ? "Depth <= 0" : v > 1 ? "Depth > 1" : null);

/** lavadsp's argument checks, in the order Lavalink's filter configs call the setters. */
const CHECKS: Partial<Record<SubFilterName | "volume", { where: string; setters: SetterCheck[] }>> = {
  volume: {
    where: "com.github.natanbc.lavadsp.volume.VolumePcmAudioFilter.setVolume(VolumePcmAudioFilter.java:46)",
    setters: [{ field: "volume", fails: (v) => (v < 0 ? "Volume < 0.0" : v > 5 ? "Volume > 5.0" : null) }],
  },
  timescale: {
    where: "com.github.natanbc.lavadsp.natives.TimescaleConverter.setSpeed(TimescaleConverter.java:67)",
    setters: [
      { field: "speed", fails: positive("speed") },
      { field: "pitch", fails: positive("pitch") },
      { field: "rate", fails: positive("rate") },
    ],
  },
  tremolo: {
    where:
      "com.github.natanbc.lavadsp.tremolo.TremoloPcmAudioFilter.setFrequency(TremoloPcmAudioFilter.java:60)",
    setters: [
      { field: "frequency", fails: positive("Frequency") },
      { field: "depth", fails: unit },
    ],
  },
  vibrato: {
    where: "com.github.natanbc.lavadsp.vibrato.VibratoConverter.setFrequency(VibratoConverter.java:38)",
    setters: [
      {
        field: "frequency",
        fails: (v) => (v <= 0 ? "Frequency <= 0" : v > 14 ? "Frequency > max (14.0)" : null),
      },
      { field: "depth", fails: unit },
    ],
  },
};

/** Whether Lavalink's FilterChain counts as enabled (it installs the chain only then). */
export function filterChainEnabled(filters: Filters): boolean {
  if (filters.volume !== undefined && filters.volume !== 1) return true;
  if (filters.equalizer?.some((b) => b.gain !== 0)) return true;
  for (const name of SUB_FILTER_ORDER) {
    const given = filters[name];
    if (given === undefined || given === null) continue;
    const f = withDefaults(name, given as Record<string, number>);
    if (enabled(name, f)) return true;
  }
  return Object.keys(filters.pluginFilters ?? {}).length > 0;
}

function enabled(name: SubFilterName, f: Record<string, number>): boolean {
  switch (name) {
    case "karaoke":
      return true;
    case "timescale":
      return f.speed !== 1 || f.pitch !== 1 || f.rate !== 1;
    case "tremolo":
    case "vibrato":
      return f.depth !== 0;
    case "rotation":
      return f.rotationHz !== 0;
    case "lowPass":
      return (f.smoothing ?? 20) > 1;
    case "distortion":
    case "channelMix":
      return Object.entries(f).some(([k, v]) => v !== withDefaults(name, {})[k]);
  }
}

/**
 * The exception lavadsp throws when the chain is built with these filters (every present filter
 * is built, enabled or not, in FilterChain's order), or `null` when it builds. Text is Java's
 * `Throwable.toString()` of the root cause, with a stack frame where the setter threw.
 */
export function filterChainFailure(filters: Filters): { cause: string; causeStackTrace: string } | null {
  if (!filterChainEnabled(filters)) return null;
  const present: Array<[SubFilterName | "volume", Record<string, number>]> = [];
  if (filters.volume !== undefined) present.push(["volume", { volume: filters.volume }]);
  for (const name of SUB_FILTER_ORDER) {
    const given = filters[name];
    if (given !== undefined && given !== null)
      present.push([name, withDefaults(name, given as Record<string, number>)]);
  }
  for (const [name, values] of present) {
    const check = CHECKS[name];
    if (check === undefined) continue;
    for (const setter of check.setters) {
      const message = setter.fails(values[setter.field] ?? Number.NaN);
      if (message !== null) {
        const cause = `java.lang.IllegalArgumentException: ${message}`;
        return { cause, causeStackTrace: `${cause}\n\tat ${check.where}\n` };
      }
    }
  }
  return null;
}
