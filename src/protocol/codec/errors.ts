import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * What was wrong with an encoded track, as a stable machine-readable tag.
 *
 * - `base64`: not canonical, padded standard base64 (bad character, bad padding, length not a multiple of 4,
 *   or non-zero unused bits in the last character).
 * - `empty`: the message header declares a size of 0 (lavaplayer's end-of-stream marker, not a track).
 * - `unknown-flags`: a header flag other than "versioned" is set.
 * - `size-mismatch`: the header's message size differs from the number of bytes that follow it
 *   (missing bytes or trailing garbage).
 * - `truncated`: the input is shorter than the 4-byte header, or a field runs past the end of the message.
 * - `unknown-version`: the version byte is not 1, 2 or 3.
 * - `invalid-utf8`: a text field is not valid Java modified UTF-8 as `DataOutput.writeUTF` writes it.
 * - `invalid-boolean`: a boolean byte is neither 0 nor 1.
 */
export type TrackDecodeErrorReason =
  | "base64"
  | "empty"
  | "unknown-flags"
  | "size-mismatch"
  | "truncated"
  | "unknown-version"
  | "invalid-utf8"
  | "invalid-boolean";

/** Thrown by `decodeTrack` when the input is not a well-formed Lavalink track message. */
export class TrackDecodeError extends SonoraError {
  /** Stable error code shared by every decode failure. */
  readonly code = "TRACK_DECODE" as const;
  /** Which rule the input broke. */
  readonly reason: TrackDecodeErrorReason;
  /**
   * Where the problem is: a character index into the base64 text for `base64`, otherwise a byte offset
   * into the decoded message (the 4-byte header starts at 0).
   */
  readonly offset: number;
  /** The field being read when the problem was found (`title`, `uri`, `position`, …), if any. */
  readonly field: string | undefined;

  constructor(reason: TrackDecodeErrorReason, offset: number, detail: string, field?: string) {
    const where = reason === "base64" ? `at character ${offset}` : `at byte ${offset}`;
    const what = field === undefined ? "" : ` in field "${field}"`;
    super(
      `Cannot decode track (${reason})${what} ${where}: ${detail}. ` +
        "Pass the exact `encoded` string the Lavalink server returned.",
    );
    this.reason = reason;
    this.offset = offset;
    this.field = field;
  }
}

/** Why `encodeTrack` refused its input. */
export type TrackEncodeErrorReason =
  | "missing-field"
  | "invalid-type"
  | "invalid-number"
  | "string-too-long"
  | "too-large";

/** Thrown by `encodeTrack` when the track info cannot be written as a Lavalink track message. */
export class TrackEncodeError extends SonoraError {
  /** Stable error code shared by every encode failure. */
  readonly code = "TRACK_ENCODE" as const;
  /** Which rule the input broke. */
  readonly reason: TrackEncodeErrorReason;
  /** The offending field of `TrackInfo` (or `sourceData`). */
  readonly field: string;
  /** The offending value (strings longer than 80 characters are not kept whole in the message). */
  readonly value: unknown;

  constructor(reason: TrackEncodeErrorReason, field: string, value: unknown, detail: string) {
    super(`Cannot encode track: field "${field}" ${detail} (got ${describe(value)}).`);
    this.reason = reason;
    this.field = field;
    this.value = value;
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") {
    return value.length > 80 ? `a string of ${value.length} characters` : JSON.stringify(value);
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    return String(value);
  }
  if (value instanceof Uint8Array) return `${value.constructor.name}(${value.length})`;
  return typeof value;
}
