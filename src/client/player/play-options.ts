import { InvalidOptionError } from "../errors/invalid-option-error.js";
import { InvalidTrackError, isQueueItem, type QueueItem } from "../queue/index.js";
import { Track } from "../track.js";

/** Options of `player.play`. */
export interface PlayOptions {
  /** Position in ms to start at. */
  startTime?: number;
  /** Position in ms at which the track ends (with reason `finished`). */
  endTime?: number;
  /** Player volume 0 … 1000 to set with the track. */
  volume?: number;
  /** Start paused. */
  paused?: boolean;
  /** When a track is already playing, keep it and ignore this one. */
  noReplace?: boolean;
  /** Data attached to the track; Lavalink echoes it back in events. */
  userData?: Track["userData"];
}

/** Anything `player.play` accepts as a track. */
export type Playable = Track | QueueItem | string;

/** The Track `value` stands for; throws InvalidTrackError for anything that is not a track. */
export function toTrack(value: unknown, where: string): Track {
  if (value instanceof Track) return value;
  if (typeof value === "string") {
    try {
      return Track.from(value);
    } catch (error) {
      throw new InvalidTrackError(value, where, { cause: error });
    }
  }
  if (!isQueueItem(value)) throw new InvalidTrackError(value, where);
  const v = value as QueueItem & Partial<Pick<Track, "pluginInfo" | "userData">>;
  return new Track(v.encoded, v.info, v.pluginInfo ?? {}, v.userData ?? {});
}

/** Throws InvalidOptionError for bad `player.play` options (before anything changes). */
export function checkPlayOptions(options: PlayOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new InvalidOptionError("options", options, "an object");
  }
  const { startTime, endTime, volume, paused, noReplace, userData } = options;
  for (const [name, v] of [
    ["startTime", startTime],
    ["endTime", endTime],
  ] as const) {
    // Lavalink reads positions as whole milliseconds (a Long): a fraction is a 400 there.
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) {
      throw new InvalidOptionError(name, v, "a whole number of milliseconds ≥ 0");
    }
  }
  if (endTime !== undefined && endTime <= (startTime ?? 0)) {
    throw new InvalidOptionError(
      "endTime",
      endTime,
      `a position after startTime (${startTime ?? 0} ms); the track would end before it starts`,
    );
  }
  if (volume !== undefined && (!Number.isInteger(volume) || volume < 0 || volume > 1000)) {
    throw new InvalidOptionError("volume", volume, "an integer from 0 to 1000");
  }
  if (paused !== undefined && typeof paused !== "boolean") {
    throw new InvalidOptionError("paused", paused, "true or false");
  }
  if (noReplace !== undefined && typeof noReplace !== "boolean") {
    throw new InvalidOptionError("noReplace", noReplace, "true or false");
  }
  if (userData !== undefined && !isJsonObject(userData)) {
    throw new InvalidOptionError(
      "userData",
      userData,
      "a plain JSON object (what Lavalink can store and echo)",
    );
  }
}

/**
 * True for a plain object whose values survive a JSON round trip unchanged: strings, finite
 * numbers, booleans, null, arrays and plain objects, without cycles. Lavalink stores userData as
 * JSON, so anything else (a Date, a Map, a function, NaN) would come back different or not at all.
 */
function isJsonObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const seen = new Set<object>();
  const ok = (v: unknown): boolean => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return true;
    if (typeof v === "number") return Number.isFinite(v);
    if (typeof v !== "object" || seen.has(v)) return false;
    seen.add(v);
    let result: boolean;
    if (Array.isArray(v)) result = v.every(ok);
    else {
      const proto = Object.getPrototypeOf(v);
      result = (proto === Object.prototype || proto === null) && Object.values(v).every(ok);
    }
    seen.delete(v);
    return result;
  };
  return ok(value);
}
