import type { JsonObject } from "../../protocol/index.js";
import { Track } from "../track.js";
import type { StoredPlayer, StoredTrack } from "./store.js";

// How the client's objects become records and back. Only what a node needs to play a track again
// and what the bot attached is kept: the track's encoding, its info, plugin info and user data.

/** A track as the store keeps it. */
export function storedTrack(track: Track): StoredTrack {
  return { encoded: track.encoded, info: track.info, pluginInfo: track.pluginInfo, userData: track.userData };
}

/** A stored track as the client's {@link Track}. */
export function trackFromStored(stored: StoredTrack): Track {
  return new Track(stored.encoded, stored.info, stored.pluginInfo ?? {}, stored.userData ?? {});
}

/** Track time per wall millisecond under a filters object (timescale speed × rate). */
export function filterSpeed(filters: JsonObject): number {
  const timescale = filters.timescale as { speed?: unknown; rate?: unknown } | undefined;
  const speed = typeof timescale?.speed === "number" ? timescale.speed : 1;
  const rate = typeof timescale?.rate === "number" ? timescale.rate : 1;
  return speed * rate;
}

/**
 * Where the record says playback stands at `now`: the saved position plus the time elapsed since it
 * was saved, while playing (scaled by the timescale). Past the track's end means the track finished
 * meanwhile; the caller decides (the rebuild reports it finished and the queue advances).
 */
export function impliedPosition(record: StoredPlayer, now: number): number {
  if (record.track === null) return 0;
  if (record.paused) return record.position;
  const elapsed = Math.max(0, now - record.positionAt);
  return Math.floor(record.position + elapsed * filterSpeed(record.filters));
}
