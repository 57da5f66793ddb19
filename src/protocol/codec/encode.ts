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
import { MAX_UTF_BYTES, writeModifiedUtf8 } from "./mutf8.js";
import type { EncodeTrackOptions } from "./types.js";

const NO_SOURCE_DATA = new Uint8Array(0);
/** Below this, a long splits into two 32-bit words with plain arithmetic. */
const SAFE_LIMIT = 2 ** 53;

/**
 * Shared output buffer, reused by every call (encoding is synchronous, so calls cannot interleave): the
 * message is written once, straight into it, and only the final base64 string is allocated.
 */
let out = Buffer.allocUnsafe(8192);

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
  const sourceData = options?.sourceData;
  if (sourceData !== undefined && !(sourceData instanceof Uint8Array)) {
    throw new TrackEncodeError("invalid-type", "sourceData", sourceData, "must be a Uint8Array");
  }
  if (sourceData !== undefined && sourceData.length > SIZE_MASK) {
    throw new TrackEncodeError(
      "too-large",
      "sourceData",
      sourceData,
      "is larger than a message can be (2^30 - 1)",
    );
  }

  const title = text(info.title, "title");
  const author = text(info.author, "author");
  const identifier = text(info.identifier, "identifier");
  const uri = nullableText(info.uri, "uri");
  const artworkUrl = nullableText(info.artworkUrl, "artworkUrl");
  const isrc = nullableText(info.isrc, "isrc");
  const sourceName = text(info.sourceName, "sourceName");
  const extra = sourceData ?? NO_SOURCE_DATA;

  // Worst case: 3 bytes per UTF-16 unit, plus the fixed-size parts. One check up front lets the writers
  // run without bounds bookkeeping.
  const bound =
    64 +
    extra.length +
    3 *
      (title.length +
        author.length +
        identifier.length +
        sourceName.length +
        (uri?.length ?? 0) +
        (artworkUrl?.length ?? 0) +
        (isrc?.length ?? 0));
  if (bound > out.length) out = Buffer.allocUnsafe(Math.max(bound, out.length * 2));
  const buf = out;

  buf[HEADER_BYTES] = CURRENT_VERSION;
  let at = HEADER_BYTES + 1;
  at = writeText(buf, at, title, "title");
  at = writeText(buf, at, author, "author");
  at = writeLong(buf, at, info.length);
  at = writeText(buf, at, identifier, "identifier");
  buf[at++] = info.isStream ? 1 : 0;
  at = writeNullableText(buf, at, uri, "uri");
  at = writeNullableText(buf, at, artworkUrl, "artworkUrl");
  at = writeNullableText(buf, at, isrc, "isrc");
  at = writeText(buf, at, sourceName, "sourceName");
  if (extra.length > 0) {
    buf.set(extra, at);
    at += extra.length;
  }
  at = writeLong(buf, at, info.position);

  const size = at - HEADER_BYTES;
  if (size > SIZE_MASK) {
    throw new TrackEncodeError(
      "too-large",
      "sourceData",
      sourceData,
      `makes the message ${size} bytes, over 2^30 - 1`,
    );
  }
  buf[0] = (FLAG_VERSIONED << (FLAG_SHIFT - 24)) | (size >>> 24);
  buf[1] = (size >>> 16) & 0xff;
  buf[2] = (size >>> 8) & 0xff;
  buf[3] = size & 0xff;
  return buf.toString("base64", 0, at);
}

/** Checks that a text field is a string. */
function text(value: unknown, field: string): string {
  if (typeof value !== "string") {
    throw new TrackEncodeError(
      value === undefined ? "missing-field" : "invalid-type",
      field,
      value,
      "must be a string",
    );
  }
  return value;
}

/** Checks that a nullable text field is a string or null (not missing). */
function nullableText(value: unknown, field: string): string | null {
  if (value === null) return null;
  if (value === undefined) {
    throw new TrackEncodeError("missing-field", field, value, "must be a string or null");
  }
  return text(value, field);
}

/** `DataOutput.writeUTF` at `at`; returns the offset after it. */
function writeText(buf: Buffer, at: number, value: string, field: string): number {
  const bytes = writeModifiedUtf8(buf, at + 2, value);
  if (bytes > MAX_UTF_BYTES) {
    throw new TrackEncodeError(
      "string-too-long",
      field,
      value,
      `is ${bytes} bytes in modified UTF-8, over the 65535 that Java's writeUTF allows`,
    );
  }
  buf[at] = bytes >>> 8;
  buf[at + 1] = bytes & 0xff;
  return at + 2 + bytes;
}

/** lavaplayer's `DataFormatTools.writeNullableText`: a presence boolean, then the text if present. */
function writeNullableText(buf: Buffer, at: number, value: string | null, field: string): number {
  if (value === null) {
    buf[at] = 0;
    return at + 1;
  }
  buf[at] = 1;
  return writeText(buf, at + 1, value, field);
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

/** `DataOutput.writeLong` of a validated non-negative integer; ≥ 2^63 is clamped to `Long.MAX_VALUE`. */
function writeLong(out: Buffer, at: number, value: number): number {
  if (value < SAFE_LIMIT) {
    const high = Math.floor(value / TWO_POW_32);
    const low = value - high * TWO_POW_32;
    out[at] = high >>> 24;
    out[at + 1] = (high >>> 16) & 0xff;
    out[at + 2] = (high >>> 8) & 0xff;
    out[at + 3] = high & 0xff;
    out[at + 4] = low >>> 24;
    out[at + 5] = (low >>> 16) & 0xff;
    out[at + 6] = (low >>> 8) & 0xff;
    out[at + 7] = low & 0xff;
  } else {
    out.writeBigInt64BE(value >= STREAM_LENGTH ? LONG_MAX : BigInt(value), at);
  }
  return at + LONG_BYTES;
}
