import { STREAM_LENGTH, type TrackInfo } from "../types/track.js";
import { TrackEncodeError } from "./errors.js";
import {
  CURRENT_VERSION,
  FLAG_SHIFT,
  FLAG_VERSIONED,
  HEADER_BYTES,
  LONG_BYTES,
  LONG_MAX,
  SIZE_MASK,
  TWO_POW_32,
} from "./format.js";
import { MAX_UTF_BYTES, modifiedUtf8Length, writeModifiedUtf8 } from "./mutf8.js";
import type { EncodeTrackOptions } from "./types.js";

const NO_SOURCE_DATA = new Uint8Array(0);
/** Below this, a long splits into two 32-bit words with plain arithmetic. */
const SAFE_LIMIT = 2 ** 53;

/**
 * Encodes track info as a Lavalink encoded track: a version 3 lavaplayer track message in base64, byte
 * for byte what a Lavalink v4 server produces for the same track.
 *
 * - `length`/`position` must be non-negative integers; any value ≥ 2^63 (such as `STREAM_LENGTH`, what a
 *   live stream's length becomes in JSON) is written as Java's `Long.MAX_VALUE`, so streams round-trip.
 * - `isSeekable` is not part of the message and is ignored (decoding derives it from `isStream`).
 * - `options.sourceData` is written verbatim after `sourceName`; give back `DecodedTrack.sourceData` to
 *   re-encode a plugin track. Without it, the message only decodes on servers whose source for
 *   `sourceName` reads no extra fields (YouTube, SoundCloud, …).
 *
 * @throws {TrackEncodeError} when a field is missing, has the wrong type, is out of range, or a text
 * field exceeds 65535 bytes of modified UTF-8.
 */
export function encodeTrack(info: TrackInfo, options?: EncodeTrackOptions): string {
  if (info === null || typeof info !== "object") {
    throw new TrackEncodeError("invalid-type", "info", info, "must be a TrackInfo object");
  }
  const { title, author, identifier, sourceName, uri, artworkUrl, isrc } = info;
  const titleBytes = textLength(title, "title");
  const authorBytes = textLength(author, "author");
  const identifierBytes = textLength(identifier, "identifier");
  const sourceNameBytes = textLength(sourceName, "sourceName");
  const uriBytes = nullableTextLength(uri, "uri");
  const artworkBytes = nullableTextLength(artworkUrl, "artworkUrl");
  const isrcBytes = nullableTextLength(isrc, "isrc");
  checkLong(info.length, "length");
  checkLong(info.position, "position");
  if (typeof info.isStream !== "boolean") {
    throw new TrackEncodeError(
      info.isStream === undefined ? "missing-field" : "invalid-type",
      "isStream",
      info.isStream,
      "must be a boolean",
    );
  }
  const sourceData = options?.sourceData ?? NO_SOURCE_DATA;
  if (!(sourceData instanceof Uint8Array)) {
    throw new TrackEncodeError("invalid-type", "sourceData", sourceData, "must be a Uint8Array");
  }

  // Nullable texts cost a presence byte plus, when present, a 2-byte length and the text.
  const size =
    1 +
    (2 + titleBytes) +
    (2 + authorBytes) +
    LONG_BYTES +
    (2 + identifierBytes) +
    1 +
    (uriBytes < 0 ? 1 : 3 + uriBytes) +
    (artworkBytes < 0 ? 1 : 3 + artworkBytes) +
    (isrcBytes < 0 ? 1 : 3 + isrcBytes) +
    (2 + sourceNameBytes) +
    sourceData.length +
    LONG_BYTES;
  if (size > SIZE_MASK) {
    throw new TrackEncodeError(
      "too-large",
      "sourceData",
      sourceData,
      `makes the message ${size} bytes, over 2^30 - 1`,
    );
  }

  // allocUnsafe is safe here: every byte is written below.
  const out = Buffer.allocUnsafe(HEADER_BYTES + size);
  out.writeUInt32BE(((FLAG_VERSIONED << FLAG_SHIFT) | size) >>> 0, 0);
  out[HEADER_BYTES] = CURRENT_VERSION;
  let at = HEADER_BYTES + 1;
  at = writeModifiedUtf8(out, at, title, titleBytes);
  at = writeModifiedUtf8(out, at, author, authorBytes);
  at = writeLong(out, at, info.length);
  at = writeModifiedUtf8(out, at, identifier, identifierBytes);
  out[at++] = info.isStream ? 1 : 0;
  at = writeNullableText(out, at, uri, uriBytes);
  at = writeNullableText(out, at, artworkUrl, artworkBytes);
  at = writeNullableText(out, at, isrc, isrcBytes);
  at = writeModifiedUtf8(out, at, sourceName, sourceNameBytes);
  if (sourceData.length > 0) {
    out.set(sourceData, at);
    at += sourceData.length;
  }
  writeLong(out, at, info.position);
  return out.toString("base64");
}

function textLength(value: unknown, field: string): number {
  if (typeof value !== "string") {
    throw new TrackEncodeError(
      value === undefined ? "missing-field" : "invalid-type",
      field,
      value,
      "must be a string",
    );
  }
  const bytes = modifiedUtf8Length(value);
  if (bytes > MAX_UTF_BYTES) {
    throw new TrackEncodeError(
      "string-too-long",
      field,
      value,
      `is ${bytes} bytes in modified UTF-8, over the 65535 that Java's writeUTF allows`,
    );
  }
  return bytes;
}

/** Like {@link textLength}, but `null` is allowed and reported as -1. */
function nullableTextLength(value: unknown, field: string): number {
  if (value === null) return -1;
  if (value === undefined) {
    throw new TrackEncodeError("missing-field", field, value, "must be a string or null");
  }
  return textLength(value, field);
}

function checkLong(value: unknown, field: string): void {
  if (typeof value !== "number") {
    throw new TrackEncodeError(
      value === undefined ? "missing-field" : "invalid-type",
      field,
      value,
      "must be a number of milliseconds",
    );
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new TrackEncodeError("invalid-number", field, value, "must be a non-negative integer");
  }
}

function writeNullableText(out: Buffer, at: number, value: string | null, byteLength: number): number {
  if (value === null) {
    out[at] = 0;
    return at + 1;
  }
  out[at] = 1;
  return writeModifiedUtf8(out, at + 1, value, byteLength);
}

/** `DataOutput.writeLong` of a validated non-negative integer; ≥ 2^63 is clamped to `Long.MAX_VALUE`. */
function writeLong(out: Buffer, at: number, value: number): number {
  if (value < SAFE_LIMIT) {
    const high = Math.floor(value / TWO_POW_32);
    out.writeUInt32BE(high, at);
    out.writeUInt32BE(value - high * TWO_POW_32, at + 4);
  } else {
    out.writeBigInt64BE(value >= STREAM_LENGTH ? LONG_MAX : BigInt(value), at);
  }
  return at + LONG_BYTES;
}
