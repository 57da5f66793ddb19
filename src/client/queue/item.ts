import type { TrackInfo } from "../../protocol/index.js";
import { isCheckedTrack } from "../track.js";
import { isTrackShape } from "../track-shape.js";
import { InvalidTrackError } from "./errors.js";

/**
 * What the queue needs of a track: its opaque `encoded` string (what the node plays) and its
 * decoded `info`. Any richer track type (the client's `Track` class, a raw Lavalink track object)
 * fits, so the queue stays generic over it.
 */
export interface QueueItem {
  readonly encoded: string;
  readonly info: TrackInfo;
}

/**
 * True when `value` has the shape of a {@link QueueItem}. A `Track` the client built checked its
 * fields when constructed, so it passes on that record alone; anything else is checked in full.
 */
export function isQueueItem(value: unknown): value is QueueItem {
  if (isCheckedTrack(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const v = value as { encoded?: unknown; info?: unknown };
  return isTrackShape(v.encoded, v.info);
}

/** Throws {@link InvalidTrackError} unless `value` is a {@link QueueItem}. */
export function assertQueueItem(value: unknown, where: string): asserts value is QueueItem {
  if (!isQueueItem(value)) throw new InvalidTrackError(value, where);
}

/** A live stream has no meaningful length (Lavalink reports Long.MAX_VALUE). */
export function isStreamItem(item: QueueItem): boolean {
  return isStreamInfo(item.info);
}

/** {@link isStreamItem} on the info itself: flagged a stream, or a length that is not finite or ≥ 2⁵³. */
export function isStreamInfo(info: TrackInfo): boolean {
  const ms = info.length;
  // One comparison pair instead of Number.isFinite plus a bound; NaN fails both comparisons.
  return info.isStream || !(ms > Number.NEGATIVE_INFINITY && ms < 2 ** 53);
}

/**
 * Identity of a track across re-encodings and copies: source + identifier. Two uploads of the same
 * song on different sources stay distinct on purpose (the node treats them as different tracks).
 */
export function trackKey(item: QueueItem): string {
  return `${item.info.sourceName}:${item.info.identifier}`;
}

/**
 * Normalised artist name used to keep one artist from playing twice in a row: case-folded, with the
 * decorations YouTube adds to the same artist (" - Topic", "VEVO") stripped.
 */
export function artistKey(item: QueueItem): string {
  return item.info.author
    .toLowerCase()
    .replace(/\s*-\s*topic$/, "")
    .replace(/\s*vevo$/, "")
    .trim();
}
