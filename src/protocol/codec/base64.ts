import { writeBase64 } from "./buffer-ops.js";
import { TrackDecodeError } from "./errors.js";

/** Base64 alphabet value of each ASCII code, -1 for characters outside the standard alphabet. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  VALUE["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
}

/** Initial size of the shared decode buffer; it grows for larger messages. */
const INITIAL_CAPACITY = 4096;
/**
 * The scratch buffer owns its ArrayBuffer from byte 0 (never a slice of Node's pool), so the same
 * memory can be read four bytes at a time through {@link decodedWords}.
 */
let scratch = Buffer.from(new ArrayBuffer(INITIAL_CAPACITY));
let words = new Int32Array(scratch.buffer);

/**
 * Decodes canonical, padded standard base64 (what Java's `Base64.getEncoder()` writes) into a shared
 * scratch buffer (see {@link decodedBytes}), rejecting anything else, and returns the decoded length.
 * The buffer is overwritten by the next call, so callers copy whatever they keep (decoding is synchronous,
 * so no other call can interleave).
 *
 * `Buffer.from(s, "base64")` alone is lenient: it skips unknown characters, stops at a stray `=`, accepts
 * the URL-safe alphabet and ignores non-zero unused bits, so two different strings could decode to the
 * same track. Strictness keeps `encode(decode(s)) === s`. The common (valid) case costs one native decode
 * plus O(1) checks and two native `indexOf` scans (memchr-fast: a few ns each on a track); the character-by-character scan only runs to explain a failure.
 * Reusing one buffer spares an allocation per track.
 */
export function decodeBase64Strict(text: string): number {
  const length = text.length;
  if (length === 0 || (length & 3) !== 0) {
    throw new TrackDecodeError(
      "base64",
      length,
      `length ${length} is not a positive multiple of 4 (Lavalink always pads with "=")`,
    );
  }
  const padding = text.charCodeAt(length - 1) === 61 ? (text.charCodeAt(length - 2) === 61 ? 2 : 1) : 0;
  const expected = (length >> 2) * 3 - padding;
  if (expected > scratch.length) {
    // Rounded up to whole words so the word view covers every byte.
    scratch = Buffer.from(new ArrayBuffer((Math.max(expected, scratch.length * 2) + 3) & ~3));
    words = new Int32Array(scratch.buffer);
  }
  const written = writeBase64(scratch, text, expected);
  // A skipped junk character or an early "=" always shortens the output; "-" and "_" do not, so they are
  // looked for separately. The last data character must not carry bits beyond the final byte.
  const lastValue = padding === 0 ? 0 : (VALUE[text.charCodeAt(length - 1 - padding)] ?? -1);
  const unusedBitsMask = padding === 1 ? 0x03 : 0x0f;
  if (
    written !== expected ||
    text.indexOf("-") !== -1 ||
    text.indexOf("_") !== -1 ||
    (padding !== 0 && (lastValue < 0 || (lastValue & unusedBitsMask) !== 0))
  ) {
    throw explain(text, padding);
  }
  return expected;
}

/** The shared buffer holding the bytes of the last {@link decodeBase64Strict} call. */
export function decodedBytes(): Buffer {
  return scratch;
}

/** The same memory as {@link decodedBytes}, four bytes per element (byte `i` is in word `i >> 2`). */
export function decodedWords(): Int32Array {
  return words;
}

function explain(text: string, padding: number): TrackDecodeError {
  const dataEnd = text.length - padding;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) {
      if (i < dataEnd) {
        return new TrackDecodeError("base64", i, 'padding "=" appears before the end of the text');
      }
      continue;
    }
    if (code >= 128 || (VALUE[code] ?? -1) < 0) {
      return new TrackDecodeError(
        "base64",
        i,
        `character ${JSON.stringify(text[i])} (U+${code.toString(16).padStart(4, "0").toUpperCase()}) is not in the standard base64 alphabet`,
      );
    }
  }
  return new TrackDecodeError(
    "base64",
    dataEnd - 1,
    "the last character before the padding has non-zero unused bits (not canonical base64)",
  );
}
