import { crc32Hex } from "./crc32.js";

// The file store's one line format, for both its log and its snapshot: `<crc32 hex> <json>\n`. The
// checksum covers the JSON's UTF-8 bytes, so a flipped bit or a half-written line is told apart from
// a record; the newline marks a line as complete (a write cut short by a crash has none).

/** Encodes one value as a checksummed line. */
export function encodeLine(value: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(value), "utf8");
  return Buffer.concat([Buffer.from(`${crc32Hex(json)} `, "ascii"), json, Buffer.from("\n", "ascii")]);
}

/** A line read back: its value, or why it is not one. */
export type DecodedLine = { ok: true; value: unknown } | { ok: false; reason: string };

/** Decodes one line (without its newline). */
export function decodeLine(line: Buffer): DecodedLine {
  if (line.length < 10 || line[8] !== 0x20) return { ok: false, reason: "no checksum" };
  const sum = line.subarray(0, 8).toString("ascii");
  const json = line.subarray(9);
  if (crc32Hex(json) !== sum) return { ok: false, reason: "checksum mismatch" };
  try {
    return { ok: true, value: JSON.parse(json.toString("utf8")) };
  } catch {
    return { ok: false, reason: "not JSON" };
  }
}

/** The complete lines of `data` with their end offsets, and the length of what follows the last newline. */
export function splitLines(data: Buffer): { lines: { bytes: Buffer; end: number }[]; tail: number } {
  const lines: { bytes: Buffer; end: number }[] = [];
  let start = 0;
  for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
    lines.push({ bytes: data.subarray(start, nl), end: nl + 1 });
    start = nl + 1;
  }
  return { lines, tail: data.length - start };
}
