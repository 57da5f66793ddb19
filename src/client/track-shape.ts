import type { TrackInfo } from "../protocol/index.js";

/**
 * True when `encoded` and `info` are what the client needs of a track: a non-empty encoded string
 * and an info object with a string `title`, `author` and `identifier` and a numeric `length`.
 * Shared by the queue's check of what it is handed and by {@link Track}'s constructor, which
 * records the answer so a queue need not ask again for each of 100,000 tracks.
 */
export function isTrackShape(encoded: unknown, info: unknown): info is TrackInfo {
  if (typeof encoded !== "string" || encoded.length === 0) return false;
  if (typeof info !== "object" || info === null) return false;
  const i = info as Partial<Record<keyof TrackInfo, unknown>>;
  return (
    typeof i.title === "string" &&
    typeof i.author === "string" &&
    typeof i.identifier === "string" &&
    typeof i.length === "number"
  );
}
