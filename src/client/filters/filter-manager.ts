import {
  type ChannelMixFilter,
  type DistortionFilter,
  type EqualizerBand,
  type Filters,
  type JsonObject,
  type KaraokeFilter,
  type LowPassFilter,
  type RotationFilter,
  type TimescaleFilter,
  type TremoloFilter,
  type VibratoFilter,
  validateFilters,
} from "../../protocol/index.js";
import { Equalizer, type EqualizerPresetName } from "./equalizer.js";
import { asFilterError, FilterValidationError } from "./errors.js";
import {
  BASS_BOOST_LEVELS,
  BASS_BOOST_SHAPE,
  type BassBoostLevel,
  EIGHT_D_ROTATION,
  KARAOKE_DEFAULT,
  MONO_CHANNEL_MIX,
  NIGHTCORE_TIMESCALE,
  SOFT_LOW_PASS,
  VAPORWAVE_TIMESCALE,
} from "./presets.js";

/** Built-in filters that take an object of settings (everything but volume, equalizer and plugins). */
export type ObjectFilterName =
  | "karaoke"
  | "timescale"
  | "tremolo"
  | "vibrato"
  | "rotation"
  | "distortion"
  | "channelMix"
  | "lowPass";

/** Any filter the manager can hold; `plugin:<name>` addresses one plugin filter. */
export type FilterName = ObjectFilterName | "volume" | "equalizer" | `plugin:${string}`;

/** The object-valued filters, by name, as {@link FilterSpec} accepts them. */
export interface ObjectFilters {
  karaoke: KaraokeFilter;
  timescale: TimescaleFilter;
  tremolo: TremoloFilter;
  vibrato: VibratoFilter;
  rotation: RotationFilter;
  distortion: DistortionFilter;
  channelMix: ChannelMixFilter;
  lowPass: LowPassFilter;
}

/** A single filter described as an object with a `type`, for {@link FilterManager.setFilter}. */
export type FilterSpec =
  | { type: "volume"; volume: number }
  | { type: "equalizer"; bands: readonly EqualizerBand[] | readonly number[] }
  | { type: "plugin"; name: string; config: JsonObject }
  | { [K in ObjectFilterName]: { type: K } & ObjectFilters[K] }[ObjectFilterName];

const OBJECT_FILTERS: readonly ObjectFilterName[] = [
  "karaoke",
  "timescale",
  "tremolo",
  "vibrato",
  "rotation",
  "distortion",
  "channelMix",
  "lowPass",
];

/**
 * The filters of one player. Setters validate against Lavalink's ranges (the same
 * `validateFilters` the simulator uses, so what passes here is accepted by a node), chain, and mark
 * the manager dirty; `toPayload()` is what the player's `setFilters()` sends. Lavalink replaces the
 * whole filter set on every update, so the payload always carries every active filter and omits the
 * rest (omitted = off).
 */
export class FilterManager {
  private vol: number | undefined;
  private readonly eq = new Equalizer();
  private readonly objects: Partial<ObjectFilters> = {};
  private readonly plugins = new Map<string, JsonObject>();
  private changed = false;

  /** True when the filters changed since the last {@link FilterManager.markClean}. */
  get dirty(): boolean {
    return this.changed;
  }

  /** Records that the current state was sent to the node. */
  markClean(): void {
    this.changed = false;
  }

  /**
   * How fast the track position advances relative to wall time: timescale speed × rate (1 without
   * a timescale). The player's position estimate multiplies elapsed time by this.
   */
  get timescaleFactor(): number {
    const t = this.objects.timescale;
    return (t?.speed ?? 1) * (t?.rate ?? 1);
  }

  /** Names of the active filters. */
  get active(): FilterName[] {
    const names: FilterName[] = [];
    if (this.vol !== undefined) names.push("volume");
    if (!this.eq.isFlat) names.push("equalizer");
    for (const name of OBJECT_FILTERS) if (this.objects[name] !== undefined) names.push(name);
    for (const name of this.plugins.keys()) names.push(`plugin:${name}`);
    return names;
  }

  /** Filter volume (0 … 5, 1 = 100 %), or undefined when unset. Distinct from the player volume. */
  get volume(): number | undefined {
    return this.vol;
  }

  /** A copy of the equalizer (change it and pass it back through {@link FilterManager.setEqualizer}). */
  get equalizer(): Equalizer {
    return this.eq.clone();
  }

  /** The settings of an object filter, or undefined when it is off. */
  get<K extends ObjectFilterName>(name: K): Readonly<ObjectFilters[K]> | undefined {
    return this.objects[name];
  }

  /** Filter volume 0 … 5 (1 = unchanged); null removes it. */
  setVolume(volume: number | null): this {
    if (volume === null) this.vol = undefined;
    else this.vol = asFilterError(() => validateFilters({ volume }).volume);
    return this.touch();
  }

  /** Replaces the equalizer: an {@link Equalizer}, band list, gain list or preset name; null flattens it. */
  setEqualizer(
    value: Equalizer | readonly EqualizerBand[] | readonly number[] | EqualizerPresetName | null,
  ): this {
    const next =
      value === null
        ? new Equalizer()
        : value instanceof Equalizer
          ? value
          : typeof value === "string"
            ? Equalizer.preset(value)
            : new Equalizer(value);
    this.eq.reset().setBands(next.toBands());
    return this.touch();
  }

  /** Karaoke (vocal removal) settings; null turns it off. */
  setKaraoke(value: KaraokeFilter | null): this {
    return this.setObject("karaoke", value);
  }

  /** Speed, pitch and rate (each > 0); null turns it off. */
  setTimescale(value: TimescaleFilter | null): this {
    return this.setObject("timescale", value);
  }

  /** Volume oscillation (frequency > 0, 0 < depth ≤ 1); null turns it off. */
  setTremolo(value: TremoloFilter | null): this {
    return this.setObject("tremolo", value);
  }

  /** Pitch oscillation (0 < frequency ≤ 14, 0 < depth ≤ 1); null turns it off. */
  setVibrato(value: VibratoFilter | null): this {
    return this.setObject("vibrato", value);
  }

  /** Stereo rotation in Hz; null turns it off. */
  setRotation(value: RotationFilter | null): this {
    return this.setObject("rotation", value);
  }

  /** Distortion coefficients; null turns it off. */
  setDistortion(value: DistortionFilter | null): this {
    return this.setObject("distortion", value);
  }

  /** Channel mix factors (each 0 … 1); null turns it off. */
  setChannelMix(value: ChannelMixFilter | null): this {
    return this.setObject("channelMix", value);
  }

  /** Low-pass smoothing (> 1 to have an effect); null turns it off. */
  setLowPass(value: LowPassFilter | null): this {
    return this.setObject("lowPass", value);
  }

  /** A server plugin's filter configuration, sent under `pluginFilters[name]`; null removes it. */
  setPluginFilter(name: string, config: JsonObject | null): this {
    if (typeof name !== "string" || name.length === 0) {
      throw new FilterValidationError("pluginFilters", name, "a non-empty plugin name");
    }
    if (config === null) this.plugins.delete(name);
    else {
      asFilterError(() => validateFilters({ pluginFilters: { [name]: config } }));
      this.plugins.set(name, structuredClone(config));
    }
    return this.touch();
  }

  /** Applies one filter: an {@link Equalizer} or a `{ type, … }` description. */
  setFilter(filter: Equalizer | FilterSpec): this {
    if (filter instanceof Equalizer) return this.setEqualizer(filter);
    if (typeof filter !== "object" || filter === null || typeof filter.type !== "string") {
      throw new FilterValidationError("filter", filter, "an Equalizer or an object with a filter `type`");
    }
    switch (filter.type) {
      case "volume":
        return this.setVolume(filter.volume);
      case "equalizer":
        return this.setEqualizer(filter.bands);
      case "plugin":
        return this.setPluginFilter(filter.name, filter.config);
      default: {
        const { type, ...settings } = filter;
        if (!OBJECT_FILTERS.includes(type)) {
          throw new FilterValidationError(
            "filter.type",
            type,
            `one of volume, equalizer, plugin, ${OBJECT_FILTERS.join(", ")}`,
          );
        }
        return this.setObject(type, settings as ObjectFilters[typeof type]);
      }
    }
  }

  /** Turns one filter off. */
  remove(name: FilterName): this {
    if (name === "volume") return this.setVolume(null);
    if (name === "equalizer") return this.setEqualizer(null);
    if (name.startsWith("plugin:")) return this.setPluginFilter(name.slice("plugin:".length), null);
    if (!OBJECT_FILTERS.includes(name as ObjectFilterName)) {
      throw new FilterValidationError("filter", name, "the name of a filter");
    }
    return this.setObject(name as ObjectFilterName, null);
  }

  /** Sets every filter of a Lavalink `Filters` object (validated as a whole first), keeping others. */
  merge(filters: Filters): this {
    const valid = asFilterError(() => validateFilters(filters));
    if (valid.volume !== undefined) this.vol = valid.volume;
    if (valid.equalizer !== undefined) this.eq.setBands(valid.equalizer);
    for (const name of OBJECT_FILTERS) {
      const v = valid[name];
      if (v === null) delete this.objects[name];
      else if (v !== undefined) this.objects[name] = { ...v } as never;
    }
    for (const [name, config] of Object.entries(valid.pluginFilters ?? {})) {
      this.plugins.set(name, structuredClone(config));
    }
    return this.touch();
  }

  /**
   * Replaces the state with what a node reports (the player object's `filters`) without marking the
   * manager dirty: the node already has it.
   */
  sync(filters: Filters): void {
    this.clearAll();
    this.merge(filters);
    this.changed = false;
  }

  /**
   * Puts back a state captured with {@link FilterManager.toPayload} and its {@link dirty} flag (the
   * player uses it when the node refused new filters). @internal
   */
  restore(filters: Filters, dirty: boolean): void {
    this.sync(filters);
    this.changed = dirty;
  }

  /** Boosts bands 0–5 by a named level or a gain (−0.25 … 1, 0 removes the boost); other bands stay. */
  bassBoost(level: BassBoostLevel | number = "medium"): this {
    const gain = typeof level === "number" ? level : BASS_BOOST_LEVELS[level];
    if (typeof gain !== "number" || !Number.isFinite(gain) || gain < -0.25 || gain > 1) {
      throw new FilterValidationError(
        "bassBoost.level",
        level,
        `one of ${Object.keys(BASS_BOOST_LEVELS).join(", ")} or a gain from -0.25 to 1`,
      );
    }
    BASS_BOOST_SHAPE.forEach((factor, band) => {
      this.eq.setBand(band, Math.round(gain * factor * 1000) / 1000);
    });
    return this.touch();
  }

  /** Faster and higher pitched (timescale 1.2 × speed and pitch). */
  nightcore(): this {
    return this.setTimescale(NIGHTCORE_TIMESCALE);
  }

  /** Slower and lower pitched. */
  vaporwave(): this {
    return this.setTimescale(VAPORWAVE_TIMESCALE);
  }

  /** "8D audio": a slow stereo rotation. */
  eightD(): this {
    return this.setRotation(EIGHT_D_ROTATION);
  }

  /** Removes centre-panned vocals. */
  karaoke(): this {
    return this.setKaraoke(KARAOKE_DEFAULT);
  }

  /** Softens the sound with a low-pass filter. */
  soft(): this {
    return this.setLowPass(SOFT_LOW_PASS);
  }

  /** Downmixes to mono. */
  mono(): this {
    return this.setChannelMix(MONO_CHANNEL_MIX);
  }

  /** Turns every filter off. */
  reset(): this {
    this.clearAll();
    return this.touch();
  }

  /** The Lavalink `filters` object for the active filters only (fresh copies, safe to send). */
  toPayload(): Filters {
    const out: Filters = {};
    if (this.vol !== undefined) out.volume = this.vol;
    if (!this.eq.isFlat) out.equalizer = this.eq.toBands().filter((b) => b.gain !== 0);
    for (const name of OBJECT_FILTERS) {
      const v = this.objects[name];
      if (v !== undefined) (out as Record<string, unknown>)[name] = { ...v };
    }
    if (this.plugins.size > 0) {
      out.pluginFilters = Object.fromEntries([...this.plugins].map(([k, v]) => [k, structuredClone(v)]));
    }
    return out;
  }

  private setObject<K extends ObjectFilterName>(name: K, value: ObjectFilters[K] | null): this {
    if (value === null) delete this.objects[name];
    else {
      const valid = asFilterError(() => validateFilters({ [name]: value })[name]);
      this.objects[name] = { ...(valid as ObjectFilters[K]) };
    }
    return this.touch();
  }

  private clearAll(): void {
    this.vol = undefined;
    this.eq.reset();
    for (const name of OBJECT_FILTERS) delete this.objects[name];
    this.plugins.clear();
  }

  private touch(): this {
    this.changed = true;
    return this;
  }
}
