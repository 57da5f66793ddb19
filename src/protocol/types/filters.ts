import type { JsonObject } from "./track.js";

/** One of the 15 equalizer bands: band 0 (25 Hz) … band 14 (16 kHz); gain −0.25 … 1.0. */
export interface EqualizerBand {
  band: number;
  gain: number;
}

/** Uses equalization to remove part of a band, usually the vocals. */
export interface KaraokeFilter {
  level?: number;
  monoLevel?: number;
  filterBand?: number;
  filterWidth?: number;
}

/** Speed, pitch and rate; all default to 1.0 and must be ≥ 0 (Lavalink rejects negatives). */
export interface TimescaleFilter {
  speed?: number;
  pitch?: number;
  rate?: number;
}

/** Volume oscillation. frequency > 0, 0 < depth ≤ 1. */
export interface TremoloFilter {
  frequency?: number;
  depth?: number;
}

/** Pitch oscillation. 0 < frequency ≤ 14, 0 < depth ≤ 1. */
export interface VibratoFilter {
  frequency?: number;
  depth?: number;
}

/** Pans the audio around the stereo field (the "8D" effect). */
export interface RotationFilter {
  rotationHz?: number;
}

/** Distorts the audio with sine, cosine and tangent terms. */
export interface DistortionFilter {
  sinOffset?: number;
  sinScale?: number;
  cosOffset?: number;
  cosScale?: number;
  tanOffset?: number;
  tanScale?: number;
  offset?: number;
  scale?: number;
}

/** Channel mix factors, each 0 … 1. */
export interface ChannelMixFilter {
  leftToLeft?: number;
  leftToRight?: number;
  rightToLeft?: number;
  rightToRight?: number;
}

/** Smoothing ≤ 1 disables the filter. */
export interface LowPassFilter {
  smoothing?: number;
}

/** The `filters` object of the update-player request and of the player object. */
export interface Filters {
  /** 0 … 5, where 1 is 100 %. */
  volume?: number;
  equalizer?: EqualizerBand[];
  karaoke?: KaraokeFilter | null;
  timescale?: TimescaleFilter | null;
  tremolo?: TremoloFilter | null;
  vibrato?: VibratoFilter | null;
  rotation?: RotationFilter | null;
  distortion?: DistortionFilter | null;
  channelMix?: ChannelMixFilter | null;
  lowPass?: LowPassFilter | null;
  /** Keyed by plugin name; the value is that plugin's own configuration. */
  pluginFilters?: { [plugin: string]: JsonObject };
}

/** Names Lavalink lists in `GET /v4/info` → `filters` for the built-in filters. */
export const BUILTIN_FILTER_NAMES = [
  "volume",
  "equalizer",
  "karaoke",
  "timescale",
  "tremolo",
  "vibrato",
  "distortion",
  "rotation",
  "channelMix",
  "lowPass",
] as const;

/** Name of a filter built into Lavalink. */
export type BuiltinFilterName = (typeof BUILTIN_FILTER_NAMES)[number];

/** Number of equalizer bands. */
export const EQUALIZER_BANDS = 15;
/** Equalizer band centre frequencies in Hz, index = band. */
export const EQUALIZER_FREQUENCIES = Object.freeze([
  25, 40, 63, 100, 160, 250, 400, 630, 1000, 1600, 2500, 4000, 6300, 10000, 16000,
]);

/**
 * Ranges Lavalink enforces (the server's `Filters` validation, mirrored in its docs). `min`/`max`
 * are inclusive unless the `exclusive` flag says otherwise.
 */
export const FILTER_LIMITS = Object.freeze({
  volume: { min: 0, max: 5 },
  equalizerGain: { min: -0.25, max: 1 },
  equalizerBand: { min: 0, max: 14 },
  karaokeLevel: { min: 0, max: 1 },
  timescale: { min: 0 },
  tremoloFrequency: { min: 0, minExclusive: true },
  tremoloDepth: { min: 0, max: 1, minExclusive: true },
  vibratoFrequency: { min: 0, max: 14, minExclusive: true },
  vibratoDepth: { min: 0, max: 1, minExclusive: true },
  channelMix: { min: 0, max: 1 },
});
