import type { TrackInfo } from "../types/track.js";
import { decodeBase64Strict, decodedBytes, decodedWords } from "./base64.js";
import { latin1 } from "./buffer-ops.js";
import { TrackDecodeError } from "./errors.js";
import {
  FLAG_SHIFT,
  FLAG_VERSIONED,
  HEADER_BYTES,
  LONG_BYTES,
  SAFE_HIGH_WORD,
  SIZE_MASK,
  TWO_POW_32,
} from "./format.js";
import { decodeModifiedUtf8 } from "./mutf8.js";
import type { DecodedTrack, TrackMessageVersion } from "./types.js";

/**
 * V8 cuts a substring of 13 or more characters as a view that keeps its whole parent string alive, so
 * longer fields get their own string (one native call each) rather than a view into the message's
 * latin1 copy, which would otherwise stay in memory (~150 B) for as long as any field of the track does.
 */
const SLICED_MIN = 13;
/** Shared result for the common case of a source that writes no extra fields. */
const NO_SOURCE_DATA = new Uint8Array(0);

/**
 * Decodes a Lavalink encoded track (base64 of lavaplayer's binary track message) without asking a server.
 *
 * Reads message versions 1, 2 and 3. Everything the source manager wrote after `sourceName` is kept
 * verbatim in `sourceData`, so plugin tracks (LavaSrc and others) decode and re-encode exactly.
 *
 * A length or position above `Number.MAX_SAFE_INTEGER` becomes the nearest double, so a live stream's
 * `Long.MAX_VALUE` becomes `STREAM_LENGTH` (2^63), exactly what `JSON.parse` makes of the server's JSON.
 *
 * @throws {TrackDecodeError} when the input is not a complete, well-formed message; the error's `reason`,
 * `offset` and `field` say what is wrong and where. A partial track is never returned.
 */
export function decodeTrack(encoded: string): DecodedTrack {
  if (typeof encoded !== "string") {
    throw new TrackDecodeError("base64", 0, `expected a base64 string, got ${typeof encoded}`);
  }
  const total = decodeBase64Strict(encoded);
  const bytes = decodedBytes();
  if (total < HEADER_BYTES) {
    throw new TrackDecodeError(
      "truncated",
      total,
      `${total} bytes is shorter than the 4-byte message header`,
    );
  }
  const header = bytes.readUInt32BE(0);
  const flags = header >>> FLAG_SHIFT;
  const size = header & SIZE_MASK;
  if (size === 0) {
    throw new TrackDecodeError("empty", 0, "the header declares an empty message (a stream terminator)");
  }
  if ((flags & ~FLAG_VERSIONED) !== 0) {
    throw new TrackDecodeError(
      "unknown-flags",
      0,
      `header flags 0b${flags.toString(2)} set a bit other than "versioned"`,
    );
  }
  if (size !== total - HEADER_BYTES) {
    throw new TrackDecodeError(
      "size-mismatch",
      0,
      `the header declares ${size} message bytes but ${total - HEADER_BYTES} follow it`,
    );
  }

  const reader = new Reader(bytes, decodedWords(), HEADER_BYTES, total);
  let version: TrackMessageVersion = 1;
  if ((flags & FLAG_VERSIONED) !== 0) {
    const raw = bytes[HEADER_BYTES]!;
    if (raw !== 1 && raw !== 2 && raw !== 3) {
      throw new TrackDecodeError(
        "unknown-version",
        HEADER_BYTES,
        `version ${raw} is not 1, 2 or 3`,
        "version",
      );
    }
    version = raw;
    reader.pos = HEADER_BYTES + 1;
  }

  const title = reader.text("title");
  const author = reader.text("author");
  const length = reader.long("length");
  const identifier = reader.text("identifier");
  const isStream = reader.boolean("isStream");
  const uri = version >= 2 ? reader.nullableText("uri") : null;
  const artworkUrl = version >= 3 ? reader.nullableText("artworkUrl") : null;
  const isrc = version >= 3 ? reader.nullableText("isrc") : null;
  const sourceName = reader.text("sourceName");

  const positionAt = total - LONG_BYTES;
  if (reader.pos > positionAt) {
    throw new TrackDecodeError(
      "truncated",
      reader.pos,
      `the message ends ${positionAt + LONG_BYTES - reader.pos} bytes after sourceName, too few for the 8-byte position`,
      "position",
    );
  }
  const sourceData = reader.pos === positionAt ? NO_SOURCE_DATA : copyOut(bytes, reader.pos, positionAt);
  reader.pos = positionAt;
  const position = reader.long("position");

  const info: TrackInfo = {
    identifier,
    isSeekable: !isStream,
    author,
    length,
    isStream,
    position,
    title,
    uri,
    artworkUrl,
    isrc,
    sourceName,
  };
  return { encoded, info, version, sourceData };
}

/**
 * Copies `[start, end)` out of the scratch buffer, which the next decode overwrites. A pooled
 * `Buffer.allocUnsafe` (fully overwritten by the copy) avoids a fresh ArrayBuffer per plugin track.
 */
function copyOut(bytes: Buffer, start: number, end: number): Uint8Array {
  const copy = Buffer.allocUnsafe(end - start);
  bytes.copy(copy, 0, start, end);
  return copy;
}

/** Every byte of a word in U+0001..U+007F: no high bit set and no zero byte (the classic "has zero" trick). */
function plainWord(word: number): boolean {
  return ((word | ((word - 0x01010101) & ~word)) & 0x80808080) === 0;
}

/**
 * Whether `bytes[start, stop)` is all U+0001..U+007F, the bytes modified UTF-8 and latin1 read alike.
 * Whole aligned words are checked four bytes at a time; a JavaScript loop over every byte was a quarter
 * of the decode's profile.
 */
function plainAscii(bytes: Buffer, words: Int32Array, start: number, stop: number): boolean {
  const firstWord = (start + 3) >> 2;
  const lastWord = stop >> 2;
  if (firstWord >= lastWord) {
    for (let i = start; i < stop; i++) if ((bytes[i]! - 1) >>> 0 >= 0x7f) return false;
    return true;
  }
  for (let i = start; i < firstWord << 2; i++) if ((bytes[i]! - 1) >>> 0 >= 0x7f) return false;
  for (let w = firstWord; w < lastWord; w++) if (!plainWord(words[w]!)) return false;
  for (let i = lastWord << 2; i < stop; i++) if ((bytes[i]! - 1) >>> 0 >= 0x7f) return false;
  return true;
}

/** A cursor over the decoded message; every read checks the message bounds first. */
class Reader {
  /** The message as latin1 text, made on first need: short ASCII fields are copied out of it. */
  private latin1: string | undefined;

  constructor(
    private readonly bytes: Buffer,
    /** The same memory as `bytes`, read four bytes at a time by the ASCII check. */
    private readonly words: Int32Array,
    public pos: number,
    private readonly end: number,
  ) {}

  private need(count: number, field: string): void {
    if (this.pos + count > this.end) {
      throw new TrackDecodeError(
        "truncated",
        this.pos,
        `needs ${count} bytes but the message ends at byte ${this.end}`,
        field,
      );
    }
  }

  /** `DataInput.readUTF`: a 2-byte length, then that many bytes of modified UTF-8. */
  text(field: string): string {
    this.need(2, field);
    const bytes = this.bytes;
    const start = this.pos + 2;
    const byteLength = (bytes[this.pos]! << 8) | bytes[this.pos + 1]!;
    const stop = start + byteLength;
    if (stop > this.end) {
      throw new TrackDecodeError(
        "truncated",
        this.pos,
        `the string length prefix says ${byteLength} bytes but only ${this.end - start} remain in the message`,
        field,
      );
    }
    this.pos = stop;
    if (!plainAscii(bytes, this.words, start, stop)) {
      let first = start;
      while ((bytes[first]! - 1) >>> 0 < 0x7f) first++;
      const decoded = decodeModifiedUtf8(bytes, start, stop, first);
      if (typeof decoded === "string") return decoded;
      throw new TrackDecodeError("invalid-utf8", decoded.offset, decoded.detail, field);
    }
    if (byteLength >= SLICED_MIN) return latin1(bytes, start, stop);
    // Short substrings are copies, so the message text is garbage once decoding ends.
    if (this.latin1 === undefined) this.latin1 = latin1(bytes, 0, this.end);
    return this.latin1.substring(start, stop);
  }

  /** `DataInput.readBoolean`, strict: lavaplayer only ever writes 0 or 1. */
  boolean(field: string): boolean {
    this.need(1, field);
    const value = this.bytes[this.pos]!;
    if (value > 1) {
      throw new TrackDecodeError(
        "invalid-boolean",
        this.pos,
        `byte 0x${value.toString(16)} is neither 0 nor 1`,
        field,
      );
    }
    this.pos += 1;
    return value === 1;
  }

  /** lavaplayer's `DataFormatTools.readNullableText`: a presence boolean, then the text if present. */
  nullableText(field: string): string | null {
    return this.boolean(field) ? this.text(field) : null;
  }

  /** `DataInput.readLong` (big-endian, signed) as the nearest double. */
  long(field: string): number {
    this.need(LONG_BYTES, field);
    const bytes = this.bytes;
    const at = this.pos;
    this.pos = at + LONG_BYTES;
    const high = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (high >= -SAFE_HIGH_WORD && high < SAFE_HIGH_WORD) {
      const low =
        ((bytes[at + 4]! << 24) | (bytes[at + 5]! << 16) | (bytes[at + 6]! << 8) | bytes[at + 7]!) >>> 0;
      return high * TWO_POW_32 + low;
    }
    return Number(bytes.readBigInt64BE(at));
  }
}
