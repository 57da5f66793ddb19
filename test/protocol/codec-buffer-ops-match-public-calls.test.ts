import { describe, expect, it } from "vitest";
import { latin1, writeBase64 } from "../../src/protocol/codec/buffer-ops.js";

// The decoder's direct calls must answer exactly what the public Buffer calls answer, including the
// short write that tells the strict base64 check a character was skipped.
describe("the decoder's Buffer operations equal Buffer#write/toString", () => {
  const inputs = ["QUJD", "QUJDRA==", "QU*JD", "QUJ=RA==", "-_-_", "", "QUJDREVGR0hJ"];

  it("writeBase64 writes the same bytes and count as buf.write(s, 0, n, 'base64')", () => {
    for (const text of inputs) {
      for (const limit of [0, 1, 3, 6, 9]) {
        const ours = Buffer.alloc(12, 0xee);
        const theirs = Buffer.alloc(12, 0xee);
        expect(writeBase64(ours, text, limit)).toBe(theirs.write(text, 0, limit, "base64"));
        expect(ours).toEqual(theirs);
      }
    }
  });

  it("latin1 cuts the same string as buf.toString('latin1', a, b), high bytes included", () => {
    const buf = Buffer.from([0x41, 0x00, 0xe9, 0xff, 0x7f, 0x80, 0x42]);
    for (let a = 0; a <= buf.length; a++) {
      for (let b = a; b <= buf.length; b++) expect(latin1(buf, a, b)).toBe(buf.toString("latin1", a, b));
    }
  });
});
