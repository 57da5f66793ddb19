import type {
  ChannelMixFilter,
  KaraokeFilter,
  LowPassFilter,
  RotationFilter,
  TimescaleFilter,
} from "../../protocol/index.js";

/** Named strengths of {@link FilterManager.bassBoost}; the value is the gain of the lowest band. */
export const BASS_BOOST_LEVELS = Object.freeze({ low: 0.1, medium: 0.2, high: 0.35, extreme: 0.6 });

/** Named bass boost strength. */
export type BassBoostLevel = keyof typeof BASS_BOOST_LEVELS;

/**
 * Relative boost of bands 0 (25 Hz) … 5 (250 Hz): full at the bottom, fading out so the boost does
 * not muddy the low mids. Multiplied by the level's gain.
 */
export const BASS_BOOST_SHAPE: readonly number[] = Object.freeze([1, 0.9, 0.75, 0.5, 0.25, 0.1]);

/** Faster and higher, the classic "nightcore" sound. */
export const NIGHTCORE_TIMESCALE: Readonly<TimescaleFilter> = Object.freeze({
  speed: 1.2,
  pitch: 1.2,
  rate: 1,
});

/** Slower and lower. */
export const VAPORWAVE_TIMESCALE: Readonly<TimescaleFilter> = Object.freeze({
  speed: 0.85,
  pitch: 0.8,
  rate: 1,
});

/** Slow stereo rotation heard as sound circling the head on headphones ("8D audio"). */
export const EIGHT_D_ROTATION: Readonly<RotationFilter> = Object.freeze({ rotationHz: 0.2 });

/** Cancels centre-panned audio around typical vocal frequencies. */
export const KARAOKE_DEFAULT: Readonly<KaraokeFilter> = Object.freeze({
  level: 1,
  monoLevel: 1,
  filterBand: 220,
  filterWidth: 100,
});

/** Strong smoothing of high frequencies. */
export const SOFT_LOW_PASS: Readonly<LowPassFilter> = Object.freeze({ smoothing: 20 });

/** Both channels heard in both ears (mono). */
export const MONO_CHANNEL_MIX: Readonly<ChannelMixFilter> = Object.freeze({
  leftToLeft: 0.5,
  leftToRight: 0.5,
  rightToLeft: 0.5,
  rightToRight: 0.5,
});
