/**
 * The two Buffer operations the decoder calls per track, bound to Node's own per-encoding methods
 * when the runtime has them. `buf.write(s, o, n, "base64")` and `buf.toString("latin1", a, b)` look
 * the encoding up and re-check their arguments on every call — about a fifth of a decode's profile
 * on real tracks — before reaching the same `base64Write`/`latin1Slice` these call directly. Those
 * are long-standing but undocumented, so a runtime without them (a Buffer polyfill) gets the public
 * calls. The decoder only passes in-range offsets, which is what the skipped checks verify.
 */
interface NodeBufferMethods {
  base64Write?: (text: string, offset: number, length: number) => number;
  latin1Slice?: (start: number, end: number) => string;
}

const proto = Buffer.prototype as unknown as NodeBufferMethods;
const direct = typeof proto.base64Write === "function" && typeof proto.latin1Slice === "function";

/** Decodes base64 `text` into `buf` from byte 0, at most `length` bytes; returns the bytes written. */
export const writeBase64: (buf: Buffer, text: string, length: number) => number = direct
  ? (buf, text, length) => (buf as unknown as Required<NodeBufferMethods>).base64Write(text, 0, length)
  : (buf, text, length) => buf.write(text, 0, length, "base64");

/** `buf[start, end)` as a latin1 string (a fresh string, not a view of anything larger). */
export const latin1: (buf: Buffer, start: number, end: number) => string = direct
  ? (buf, start, end) => (buf as unknown as Required<NodeBufferMethods>).latin1Slice(start, end)
  : (buf, start, end) => buf.toString("latin1", start, end);
