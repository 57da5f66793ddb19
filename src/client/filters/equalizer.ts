import { EQUALIZER_BANDS, type EqualizerBand, FILTER_LIMITS } from "../../protocol/index.js";
import { FilterValidationError } from "./errors.js";

/** Names of the built-in equalizer presets. */
export type EqualizerPresetName =
  | "flat"
  | "bass"
  | "treble"
  | "rock"
  | "pop"
  | "classical"
  | "electronic"
  | "vocal"
  | "soft";

/**
 * Gains for bands 0 (25 Hz) … 14 (16 kHz). Shapes follow the usual intent of each genre curve
 * (rock: scooped mids, vocal: lifted 1–4 kHz, …) kept moderate because Lavalink's gain of 1.0 is
 * already +100 % and clips easily.
 */
export const EQUALIZER_PRESETS: Readonly<Record<EqualizerPresetName, readonly number[]>> = Object.freeze({
  flat: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  bass: [0.3, 0.25, 0.2, 0.12, 0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  treble: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.25],
  rock: [0.2, 0.15, 0.1, 0.05, -0.05, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2, 0.2, 0.2, 0.2],
  pop: [-0.05, 0, 0.05, 0.1, 0.15, 0.15, 0.1, 0.05, 0, 0, -0.05, -0.05, 0, 0, 0],
  classical: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.1, -0.1, -0.1, -0.15, -0.15],
  electronic: [0.25, 0.2, 0.1, 0, -0.05, 0.05, 0, -0.05, 0, 0.05, 0.1, 0.15, 0.2, 0.2, 0.15],
  vocal: [-0.1, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2, 0.2, 0.15, 0.1, 0.05, 0, -0.05, -0.05],
  soft: [0, 0, 0, 0, 0, 0, 0, 0, -0.05, -0.1, -0.15, -0.2, -0.2, -0.25, -0.25],
});

const { min: MIN_GAIN, max: MAX_GAIN } = FILTER_LIMITS.equalizerGain;

function checkBand(band: unknown, field: string): number {
  if (typeof band !== "number" || !Number.isInteger(band) || band < 0 || band >= EQUALIZER_BANDS) {
    throw new FilterValidationError(field, band, `an integer band from 0 to ${EQUALIZER_BANDS - 1}`);
  }
  return band;
}

function checkGain(gain: unknown, field: string): number {
  if (typeof gain !== "number" || !Number.isFinite(gain) || gain < MIN_GAIN || gain > MAX_GAIN) {
    throw new FilterValidationError(field, gain, `a gain from ${MIN_GAIN} to ${MAX_GAIN}`);
  }
  return gain;
}

/**
 * Lavalink's 15-band equalizer. Each band's gain is a multiplier offset: 0 leaves the band alone,
 * −0.25 mutes it, 1.0 doubles it. Setters validate and chain.
 */
export class Equalizer {
  private readonly gains: number[] = new Array<number>(EQUALIZER_BANDS).fill(0);

  /** Starts flat, or from bands (`{ band, gain }` objects or a list of up to 15 gains). */
  constructor(bands?: readonly EqualizerBand[] | readonly number[]) {
    if (bands !== undefined) this.setBands(bands);
  }

  /** A new equalizer shaped like the named preset. */
  static preset(name: EqualizerPresetName): Equalizer {
    const gains = EQUALIZER_PRESETS[name];
    if (gains === undefined) {
      throw new FilterValidationError(
        "equalizer.preset",
        name,
        `one of ${Object.keys(EQUALIZER_PRESETS).join(", ")}`,
      );
    }
    return new Equalizer(gains);
  }

  /** Sets one band (0–14) to a gain (−0.25 … 1.0). */
  setBand(band: number, gain: number): this {
    const b = checkBand(band, "equalizer.band");
    this.gains[b] = checkGain(gain, `equalizer[${b}].gain`);
    return this;
  }

  /** Sets several bands at once; validates all before changing any. */
  setBands(bands: readonly EqualizerBand[] | readonly number[]): this {
    if (!Array.isArray(bands)) throw new FilterValidationError("equalizer", bands, "an array of bands");
    const updates: [number, number][] = bands.map((entry: EqualizerBand | number, i: number) => {
      if (typeof entry === "number")
        return [checkBand(i, "equalizer.band"), checkGain(entry, `equalizer[${i}].gain`)];
      if (typeof entry !== "object" || entry === null) {
        throw new FilterValidationError(`equalizer[${i}]`, entry, "{ band, gain } or a gain number");
      }
      return [checkBand(entry.band, `equalizer[${i}].band`), checkGain(entry.gain, `equalizer[${i}].gain`)];
    });
    for (const [b, g] of updates) this.gains[b] = g;
    return this;
  }

  /** Gain of a band (0 when unset). */
  getBand(band: number): number {
    return this.gains[checkBand(band, "equalizer.band")] as number;
  }

  /** Sets every band back to 0. */
  reset(): this {
    this.gains.fill(0);
    return this;
  }

  /** True when every band is 0 (the equalizer changes nothing). */
  get isFlat(): boolean {
    return this.gains.every((g) => g === 0);
  }

  /** All 15 bands as Lavalink's `{ band, gain }` list. */
  toBands(): EqualizerBand[] {
    return this.gains.map((gain, band) => ({ band, gain }));
  }

  /** An independent copy. */
  clone(): Equalizer {
    return new Equalizer(this.gains);
  }
}
