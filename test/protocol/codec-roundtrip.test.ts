import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeTrack, encodeTrack, STREAM_LENGTH, type TrackInfo } from "../../src/protocol/index.js";
import { buildMessage } from "./codec-java-writer.js";
import { MINIMAL_INFO } from "./helpers.js";

const SEED = 0x50_4e_41; // fixed: failures reproduce

/** Any UTF-16 code unit, lone surrogates included (Java strings may hold them too). */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }), // any code point: NUL, controls, BMP, astral (emoji)
  fc.string({ unit: anyUnit, maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary-ascii", maxLength: 60 }),
  // Long enough for the encoder's native path (48+ units), with NUL and surrogates mixed in.
  fc.string({ unit: fc.oneof(anyUnit, fc.constantFrom("a", "\0", "🎵")), minLength: 48, maxLength: 120 }),
  fc.constantFrom("", "\0", "\0\0", "🎵", "a\u{1F600}b", "\uD800", "\uDFFF", "é", "\u07FF\u0800\uFFFF"),
);
const nullableText = fc.option(text, { nil: null });
const milliseconds = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 31 }),
  fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, Number.MAX_SAFE_INTEGER),
  fc.maxSafeNat(),
);

const trackInfo: fc.Arbitrary<TrackInfo> = fc
  .record({
    identifier: text,
    author: text,
    length: fc.oneof(milliseconds, fc.constant(STREAM_LENGTH)),
    isStream: fc.boolean(),
    position: milliseconds,
    title: text,
    uri: nullableText,
    artworkUrl: nullableText,
    isrc: nullableText,
    sourceName: text,
  })
  .map((fields) => ({ ...fields, isSeekable: !fields.isStream }));

const sourceData = fc.uint8Array({ maxLength: 64 });

describe("track codec round trips", () => {
  it("decode(encode(info)) returns the same info", () => {
    fc.assert(
      fc.property(trackInfo, (info) => {
        const decoded = decodeTrack(encodeTrack(info));
        expect(decoded.info).toEqual(info);
        expect(decoded.version).toBe(3);
        expect(decoded.sourceData).toHaveLength(0);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("writes exactly the bytes of an independent Java DataOutput model", () => {
    fc.assert(
      fc.property(trackInfo, sourceData, (info, extra) => {
        const expected = buildMessage(
          {
            ...info,
            length: info.length >= STREAM_LENGTH ? 2n ** 63n - 1n : BigInt(info.length),
            position: BigInt(info.position),
            sourceData: extra,
          },
          3,
        );
        expect(encodeTrack(info, { sourceData: extra })).toBe(expected);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("encode(decode(s)) returns s for any version 3 message, plugin source bytes included", () => {
    fc.assert(
      fc.property(trackInfo, sourceData, (info, extra) => {
        const encoded = encodeTrack(info, { sourceData: extra });
        const decoded = decodeTrack(encoded);
        expect([...decoded.sourceData]).toEqual([...extra]);
        expect(decoded.encoded).toBe(encoded);
        expect(encodeTrack(decoded.info, { sourceData: decoded.sourceData })).toBe(encoded);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("returns sourceData as a copy that later decodes cannot change", () => {
    const info = decodeTrack(encodeTrack({ ...MINIMAL_INFO, sourceName: "deezer" })).info;
    const first = encodeTrack(info, { sourceData: Uint8Array.from([1, 2, 3, 4]) });
    const second = encodeTrack(info, { sourceData: Uint8Array.from([9, 9, 9, 9, 9]) });
    const a = decodeTrack(first);
    decodeTrack(second);
    expect([...a.sourceData]).toEqual([1, 2, 3, 4]);
    a.sourceData[0] = 42;
    expect([...decodeTrack(first).sourceData]).toEqual([1, 2, 3, 4]);
  });

  it("writes a stream's length as Long.MAX_VALUE and reads it back as STREAM_LENGTH", () => {
    const info: TrackInfo = {
      identifier: "live",
      isSeekable: false,
      author: "Radio",
      length: STREAM_LENGTH,
      isStream: true,
      position: 0,
      title: "24/7",
      uri: null,
      artworkUrl: null,
      isrc: null,
      sourceName: "http",
    };
    const bytes = Buffer.from(encodeTrack(info), "base64");
    const lengthAt = 4 + 1 + (2 + 4) + (2 + 5); // header, version, title, author
    expect(bytes.readBigInt64BE(lengthAt)).toBe(2n ** 63n - 1n);
    expect(decodeTrack(encodeTrack(info)).info.length).toBe(STREAM_LENGTH);
    // Anything at or above 2^63 (what JSON makes of Long.MAX_VALUE, and beyond) is a stream length.
    expect(encodeTrack({ ...info, length: 2 ** 70 })).toBe(encodeTrack(info));
  });

  it("writes NUL as C0 80 and astral characters as two 3-byte surrogates", () => {
    const info: TrackInfo = {
      identifier: "x",
      isSeekable: true,
      author: "",
      length: 0,
      isStream: false,
      position: 0,
      title: "\0🎵",
      uri: null,
      artworkUrl: null,
      isrc: null,
      sourceName: "s",
    };
    const bytes = Buffer.from(encodeTrack(info), "base64");
    // 🎵 is U+1F3B5 = surrogates D83C DFB5.
    expect([...bytes.subarray(5, 5 + 2 + 8)]).toEqual([0, 8, 0xc0, 0x80, 0xed, 0xa0, 0xbc, 0xed, 0xbe, 0xb5]);
    expect(decodeTrack(encodeTrack(info)).info.title).toBe("\0🎵");
  });

  it("round-trips text fields of the maximum encoded size", () => {
    const info: TrackInfo = {
      identifier: "é".repeat(0xffff >> 1), // 65534 bytes
      isSeekable: true,
      author: "a".repeat(0xffff),
      length: 1,
      isStream: false,
      position: 0,
      title: "\u0800".repeat(0xffff / 3), // 65535 bytes, 3 per unit
      uri: "\0".repeat(100),
      artworkUrl: null,
      isrc: null,
      sourceName: "s",
    };
    expect(decodeTrack(encodeTrack(info)).info).toEqual(info);
  });
});
