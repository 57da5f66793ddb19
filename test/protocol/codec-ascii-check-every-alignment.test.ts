import { describe, expect, it } from "vitest";
import { decodeTrack, encodeTrack, TrackDecodeError } from "../../src/protocol/index.js";
import { JavaWriter } from "./codec-java-writer.js";
import { MINIMAL_INFO } from "./helpers.js";

// decodeTrack checks text fields four bytes at a time: a special byte must be seen at every offset
// inside and around a word, in short and long fields, wherever the field starts.
const rest = (w: JavaWriter) =>
  w.utf("author").long(1n).utf("id").boolean(false).nullableUtf(null).nullableUtf(null).nullableUtf(null);

function withTitleBytes(prefix: number, titleBytes: number[]): string {
  // `prefix` ASCII bytes in an earlier field shift where the title starts relative to a word.
  const lead = "p".repeat(prefix);
  const body = [
    3,
    titleBytes.length >> 8,
    titleBytes.length & 0xff,
    ...titleBytes,
    ...rest(new JavaWriter()).utf(`youtube${lead}`).long(0n).bytes,
  ];
  return new JavaWriter().raw(body).message(1);
}

describe("codec: the word-wise ASCII check finds a special byte at any position", () => {
  it("decodes non-ASCII characters placed at every offset of short and long titles", () => {
    let checked = 0;
    for (const length of [1, 3, 4, 5, 12, 13, 17, 40]) {
      for (let at = 0; at < length; at++) {
        for (const special of ["é", "夜", "\0", "😀"]) {
          const title = `${"a".repeat(at)}${special}${"b".repeat(length - at)}`;
          for (const identifier of ["i", "id", "idx", "idxy"]) {
            const info = { ...MINIMAL_INFO, title, identifier };
            const encoded = encodeTrack(info);
            expect(decodeTrack(encoded).info).toEqual(info);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("rejects a raw 0x00 or a stray high byte at every offset, naming the title", () => {
    for (const length of [2, 4, 7, 13, 21]) {
      for (let at = 0; at < length; at++) {
        for (const bad of [0x00, 0x80, 0xff]) {
          const bytes = Array.from({ length }, (_, i) => (i === at ? bad : 0x61));
          for (let shift = 0; shift < 4; shift++) {
            let error: unknown;
            try {
              decodeTrack(withTitleBytes(shift, bytes));
            } catch (e) {
              error = e;
            }
            expect(error).toBeInstanceOf(TrackDecodeError);
            expect((error as TrackDecodeError).field).toBe("title");
            expect((error as TrackDecodeError).reason).toBe("invalid-utf8");
          }
        }
      }
    }
  });

  it("keeps plain ASCII fields of every length and alignment exact", () => {
    for (let length = 0; length < 40; length++) {
      const title = Array.from({ length }, (_, i) => String.fromCharCode(0x21 + ((i * 7) % 94))).join("");
      const info = { ...MINIMAL_INFO, title, author: "x".repeat(length % 5) };
      expect(decodeTrack(encodeTrack(info)).info).toEqual(info);
    }
  });
});
