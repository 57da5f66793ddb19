/**
 * Java "modified UTF-8", the text encoding of `DataOutput.writeUTF` / `DataInput.readUTF`: UTF-16 code
 * units encoded one at a time, U+0000 as the two bytes C0 80, and a character outside the BMP as its two
 * surrogates, three bytes each. A string holds at most 65535 encoded bytes (a 2-byte length prefix).
 */

/** The largest encoded byte length `writeUTF` accepts. */
export const MAX_UTF_BYTES = 0xffff;

/** Below this many UTF-16 units a JavaScript loop beats the fixed cost of a native `Buffer#write`. */
const SHORT_TEXT = 48;
/** The characters plain UTF-8 encodes differently from modified UTF-8. */
const NOT_PLAIN_UTF8 = /[\0\uD800-\uDFFF]/;

/**
 * Writes `text` as modified UTF-8 (without length prefix) at `offset`, returning the number of bytes
 * written. The caller guarantees `3 * text.length` bytes of room.
 */
export function writeModifiedUtf8(target: Buffer, offset: number, text: string): number {
  const units = text.length;
  if (units < SHORT_TEXT) {
    for (let i = 0; i < units; i++) {
      const unit = text.charCodeAt(i);
      // One unsigned compare catches both U+0000 and everything from U+0080 up.
      if ((unit - 1) >>> 0 >= 0x7f) return i + writeUnits(target, offset + i, text, i);
      target[offset + i] = unit;
    }
    return units;
  }
  // Long text: native UTF-8 is byte-identical to modified UTF-8 unless the text holds NUL or surrogates.
  const written = target.write(text, offset, "utf8");
  if (written === units ? text.indexOf("\0") === -1 : !NOT_PLAIN_UTF8.test(text)) return written;
  return writeUnits(target, offset, text, 0);
}

/** The general encoder: every UTF-16 unit from `from` on, one at a time. Returns the bytes written. */
function writeUnits(target: Buffer, offset: number, text: string, from: number): number {
  let at = offset;
  for (let i = from; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit !== 0 && unit < 0x80) {
      target[at++] = unit;
    } else if (unit < 0x800) {
      target[at++] = 0xc0 | (unit >>> 6);
      target[at++] = 0x80 | (unit & 0x3f);
    } else {
      target[at++] = 0xe0 | (unit >>> 12);
      target[at++] = 0x80 | ((unit >>> 6) & 0x3f);
      target[at++] = 0x80 | (unit & 0x3f);
    }
  }
  return at - offset;
}

/** Where a decode of modified UTF-8 failed: the byte offset and why. */
export interface Utf8Failure {
  offset: number;
  detail: string;
}

/** Reused scratch space for UTF-16 code units; a string cannot hold more than 65535 of them. */
const units = new Uint16Array(MAX_UTF_BYTES);
/** `String.fromCharCode.apply` chunk size, well below engines' argument-count limits. */
const CHUNK = 8192;

/**
 * Decodes modified UTF-8 in `source[start, end)` that is known to contain a byte outside U+0001..U+007F
 * at `firstSpecial` (everything before it is plain ASCII). Returns the string, or a {@link Utf8Failure}
 * for bytes `writeUTF` can never produce: a raw 0x00, a stray continuation byte, a 4-byte sequence, a
 * truncated sequence, or an overlong form other than C0 80. Rejecting overlong forms (which Java's reader
 * tolerates) keeps decode → encode byte-exact.
 */
export function decodeModifiedUtf8(
  source: Buffer,
  start: number,
  end: number,
  firstSpecial: number,
): string | Utf8Failure {
  let count = 0;
  for (let i = start; i < firstSpecial; i++) units[count++] = source[i]!;
  // Plain UTF-8 decoding is correct (and native) unless the text holds NUL or surrogates.
  let needsManual = false;
  let i = firstSpecial;
  while (i < end) {
    const b = source[i]!;
    if (b < 0x80) {
      if (b === 0) return { offset: i, detail: "raw 0x00 byte (modified UTF-8 writes U+0000 as C0 80)" };
      units[count++] = b;
      i += 1;
    } else if ((b & 0xe0) === 0xc0) {
      if (i + 1 >= end) return { offset: i, detail: "2-byte sequence cut off by the end of the string" };
      const b2 = source[i + 1]!;
      if ((b2 & 0xc0) !== 0x80) return { offset: i + 1, detail: `0x${hex(b2)} is not a continuation byte` };
      const unit = ((b & 0x1f) << 6) | (b2 & 0x3f);
      if (unit < 0x80) {
        if (unit !== 0) return { offset: i, detail: `overlong encoding of U+${hex(unit, 4)}` };
        needsManual = true;
      }
      units[count++] = unit;
      i += 2;
    } else if ((b & 0xf0) === 0xe0) {
      if (i + 2 >= end) return { offset: i, detail: "3-byte sequence cut off by the end of the string" };
      const b2 = source[i + 1]!;
      const b3 = source[i + 2]!;
      if ((b2 & 0xc0) !== 0x80) return { offset: i + 1, detail: `0x${hex(b2)} is not a continuation byte` };
      if ((b3 & 0xc0) !== 0x80) return { offset: i + 2, detail: `0x${hex(b3)} is not a continuation byte` };
      const unit = ((b & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      if (unit < 0x800) return { offset: i, detail: `overlong encoding of U+${hex(unit, 4)}` };
      if (unit >= 0xd800 && unit <= 0xdfff) needsManual = true;
      units[count++] = unit;
      i += 3;
    } else {
      const detail =
        b >= 0xf0
          ? `lead byte 0x${hex(b)} starts a 4-byte sequence (Java writes astral characters as two surrogates)`
          : `0x${hex(b)} is a continuation byte with no lead byte`;
      return { offset: i, detail };
    }
  }
  if (!needsManual) return source.toString("utf8", start, end);
  if (count <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, count) as unknown as number[]);
  let text = "";
  for (let from = 0; from < count; from += CHUNK) {
    const chunk = units.subarray(from, Math.min(count, from + CHUNK));
    text += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return text;
}

function hex(value: number, width = 2): string {
  return value.toString(16).toUpperCase().padStart(width, "0");
}
