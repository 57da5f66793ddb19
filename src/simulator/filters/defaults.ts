import type { SubFilterName } from "../../protocol/index.js";

/** Default of every sub-filter field, from Lavalink's protocol classes (filters.kt). */
export const SUB_FILTER_DEFAULTS: Readonly<Record<SubFilterName, Readonly<Record<string, number>>>> = {
  karaoke: { level: 1, monoLevel: 1, filterBand: 220, filterWidth: 100 },
  timescale: { speed: 1, pitch: 1, rate: 1 },
  tremolo: { frequency: 2, depth: 0.5 },
  vibrato: { frequency: 2, depth: 0.5 },
  distortion: {
    sinOffset: 0,
    sinScale: 1,
    cosOffset: 0,
    cosScale: 1,
    tanOffset: 0,
    tanScale: 1,
    offset: 0,
    scale: 1,
  },
  rotation: { rotationHz: 0 },
  channelMix: { leftToLeft: 1, leftToRight: 0, rightToLeft: 0, rightToRight: 1 },
  lowPass: { smoothing: 20 },
};

/** Sub-filters in the order Lavalink's FilterChain lists (and builds) them. */
export const SUB_FILTER_ORDER: readonly SubFilterName[] = [
  "karaoke",
  "timescale",
  "tremolo",
  "vibrato",
  "distortion",
  "rotation",
  "channelMix",
  "lowPass",
];

/** A sub-filter with its defaults filled in (what FilterChain.parse builds). */
export function withDefaults(
  name: SubFilterName,
  given: Readonly<Record<string, number>>,
): Record<string, number> {
  return { ...SUB_FILTER_DEFAULTS[name], ...given };
}
