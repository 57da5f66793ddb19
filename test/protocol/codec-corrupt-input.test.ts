import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeTrack,
  encodeTrack,
  TrackDecodeError,
  type TrackDecodeErrorReason,
  TrackEncodeError,
} from "../../src/protocol/index.js";
import { JavaWriter } from "./codec-java-writer.js";
import { RICK_ASTLEY_INFO } from "./helpers.js";

// The shorter title makes the message's length leave base64 padding, which the checks below strip.
const VALID = encodeTrack({ ...RICK_ASTLEY_INFO, title: "Never Gonna Give You Up" });
const VALID_BYTES = [...Buffer.from(VALID, "base64")];

/** Base64 of a message body with a correct versioned header. */
function withHeader(body: number[], flags = 1): string {
  const w = new JavaWriter().raw(body);
  return w.message(flags);
}

/** A version 3 body whose title is the given raw bytes (the rest valid). */
function bodyWithRawTitle(titleBytes: number[]): number[] {
  const rest = new JavaWriter()
    .utf("author")
    .long(1n)
    .utf("id")
    .boolean(false)
    .nullableUtf(null)
    .nullableUtf(null)
    .nullableUtf(null)
    .utf("youtube")
    .long(0n).bytes;
  return [3, titleBytes.length >> 8, titleBytes.length & 0xff, ...titleBytes, ...rest];
}

function failure(input: string): TrackDecodeError {
  try {
    decodeTrack(input);
  } catch (error) {
    expect(error).toBeInstanceOf(TrackDecodeError);
    return error as TrackDecodeError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

function expectReason(input: string, reason: TrackDecodeErrorReason, offset?: number): TrackDecodeError {
  const error = failure(input);
  expect(error.code).toBe("TRACK_DECODE");
  expect(error.reason).toBe(reason);
  if (offset !== undefined) expect(error.offset).toBe(offset);
  expect(error.message).toContain(`(${reason})`);
  return error;
}

describe("corrupt encoded tracks", () => {
  it("rejects text that is not canonical padded base64", () => {
    expectReason("", "base64");
    expectReason(`${VALID.slice(0, 10)}*${VALID.slice(11)}`, "base64", 10);
    expectReason(`${VALID.slice(0, 10)} ${VALID.slice(11)}`, "base64", 10);
    expectReason(`${VALID.slice(0, 10)}-${VALID.slice(11)}`, "base64", 10); // URL-safe alphabet
    expectReason(`${VALID.slice(0, 10)}_${VALID.slice(11)}`, "base64", 10);
    expectReason(`${VALID.slice(0, 8)}=${VALID.slice(9)}`, "base64", 8);
    expectReason(`${VALID.slice(0, 10)}é${VALID.slice(11)}`, "base64", 10);
    expectReason(VALID.replace(/=+$/, ""), "base64"); // padding stripped
    expectReason(`${VALID}AAAA`.slice(0, VALID.length + 3), "base64"); // length not a multiple of 4
    expectReason("QR==", "base64", 1); // non-zero unused bits: the canonical form is "QQ=="
    expectReason(42 as unknown as string, "base64");
  });

  it("rejects input shorter than the message header", () => {
    expectReason("QUJD", "truncated", 3);
  });

  it("rejects a header declaring an empty message", () => {
    expectReason(Buffer.from([0x40, 0, 0, 0]).toString("base64"), "empty", 0);
  });

  it("rejects header flags other than versioned", () => {
    const bytes = [...VALID_BYTES];
    bytes[0] = (bytes[0] ?? 0) | 0x80;
    expectReason(Buffer.from(bytes).toString("base64"), "unknown-flags", 0);
  });

  it("rejects data shorter or longer than the header's size", () => {
    const error = expectReason(Buffer.from(VALID_BYTES.slice(0, -3)).toString("base64"), "size-mismatch", 0);
    expect(error.message).toContain(`declares ${VALID_BYTES.length - 4} message bytes`);
    expectReason(Buffer.from([...VALID_BYTES, 0]).toString("base64"), "size-mismatch", 0);
  });

  it("rejects a message whose fields run past its end", () => {
    // A consistent header, but the position long is cut short.
    const cut = withHeader(VALID_BYTES.slice(4, -3));
    const error = expectReason(cut, "truncated");
    expect(error.field).toBe("position");
    // A string length prefix larger than what remains.
    const body = bodyWithRawTitle([0x41]);
    body[2] = 0xff;
    const big = expectReason(withHeader(body), "truncated", 5);
    expect(big.field).toBe("title");
    // Only the version byte.
    expect(expectReason(withHeader([3]), "truncated", 5).field).toBe("title");
  });

  it("rejects unknown message versions", () => {
    expectReason(withHeader([4, ...VALID_BYTES.slice(5)]), "unknown-version", 4);
    expectReason(withHeader([0, ...VALID_BYTES.slice(5)]), "unknown-version", 4);
  });

  it("rejects text that is not modified UTF-8 as writeUTF writes it", () => {
    const cases: Array<[number[], number, string]> = [
      [[0x41, 0x00], 1, "raw 0x00"], // NUL must be C0 80
      [[0xc1, 0x81], 0, "overlong"], // 'A' as two bytes
      [[0xe0, 0x81, 0x81], 0, "overlong"],
      [[0xf0, 0x9f, 0x8e, 0xb5], 0, "4-byte"], // UTF-8 emoji instead of two surrogates
      [[0x80], 0, "continuation byte with no lead"],
      [[0x41, 0xe2, 0x82], 1, "cut off"],
      [[0xc3], 0, "cut off"],
      [[0xc3, 0x41], 1, "not a continuation byte"],
      [[0xe2, 0x82, 0x41], 2, "not a continuation byte"],
    ];
    for (const [titleBytes, at, detail] of cases) {
      const error = expectReason(withHeader(bodyWithRawTitle(titleBytes)), "invalid-utf8", 4 + 3 + at);
      expect(error.field).toBe("title");
      expect(error.message).toContain(detail);
    }
  });

  it("rejects boolean bytes other than 0 and 1", () => {
    const body = bodyWithRawTitle([0x41]);
    const isStreamAt = 1 + 3 + (2 + 6) + 8 + (2 + 2);
    body[isStreamAt] = 2;
    const error = expectReason(withHeader(body), "invalid-boolean", 4 + isStreamAt);
    expect(error.field).toBe("isStream");
  });

  it("only ever throws TrackDecodeError on arbitrarily damaged input", () => {
    const damaged = fc.oneof(
      // Byte flips, keeping the header consistent so the field readers are exercised.
      fc
        .array(fc.tuple(fc.nat(VALID_BYTES.length - 5), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        })
        .map((flips) => {
          const body = VALID_BYTES.slice(4);
          for (const [at, value] of flips) body[at] = value;
          return withHeader(body);
        }),
      // Truncation at any point, header untouched or fixed up.
      fc
        .tuple(fc.nat(VALID_BYTES.length), fc.boolean())
        .map(([keep, fix]) =>
          fix && keep > 4
            ? withHeader(VALID_BYTES.slice(4, keep))
            : Buffer.from(VALID_BYTES.slice(0, keep)).toString("base64"),
        ),
      fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString("base64")),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(damaged, (input) => {
        let decoded: ReturnType<typeof decodeTrack>;
        try {
          decoded = decodeTrack(input);
        } catch (error) {
          expect(error).toBeInstanceOf(TrackDecodeError);
          return;
        }
        // Whatever does decode is a complete track. Damaged longs may be negative, which decode reports
        // faithfully (as the server would) but encode refuses.
        const { info, sourceData, version } = decoded;
        if (info.length < 0 || info.position < 0) {
          expect(() => encodeTrack(info, { sourceData })).toThrow(TrackEncodeError);
          return;
        }
        const again = encodeTrack(info, { sourceData });
        expect(decodeTrack(again).info).toEqual(info);
        if (version === 3 && Number.isSafeInteger(info.length) && Number.isSafeInteger(info.position)) {
          expect(again).toBe(input);
        }
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
