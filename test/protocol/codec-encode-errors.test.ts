import { describe, expect, it } from "vitest";
import {
  encodeTrack,
  TrackEncodeError,
  type TrackEncodeErrorReason,
  type TrackInfo,
} from "../../src/protocol/index.js";
import { MINIMAL_INFO as INFO } from "./helpers.js";

function expectRefusal(
  info: unknown,
  reason: TrackEncodeErrorReason,
  field: string,
  sourceData?: unknown,
): TrackEncodeError {
  try {
    encodeTrack(
      info as TrackInfo,
      sourceData === undefined ? undefined : { sourceData: sourceData as Uint8Array },
    );
  } catch (error) {
    expect(error).toBeInstanceOf(TrackEncodeError);
    const e = error as TrackEncodeError;
    expect(e.code).toBe("TRACK_ENCODE");
    expect(e.reason).toBe(reason);
    expect(e.field).toBe(field);
    expect(e.message).toContain(`"${field}"`);
    return e;
  }
  throw new Error(`expected encodeTrack to refuse ${field}`);
}

describe("encodeTrack refuses info it cannot write", () => {
  it("refuses lengths and positions that are not non-negative integers", () => {
    expectRefusal({ ...INFO, length: -1 }, "invalid-number", "length");
    expectRefusal({ ...INFO, length: 1.5 }, "invalid-number", "length");
    expectRefusal({ ...INFO, length: Number.NaN }, "invalid-number", "length");
    expectRefusal({ ...INFO, length: Number.POSITIVE_INFINITY }, "invalid-number", "length");
    expectRefusal({ ...INFO, position: -5 }, "invalid-number", "position");
    expectRefusal({ ...INFO, position: "0" }, "invalid-type", "position");
  });

  it("refuses missing fields and wrong types, naming the field", () => {
    const { title: _title, ...noTitle } = INFO;
    expectRefusal(noTitle, "missing-field", "title");
    const { uri: _uri, ...noUri } = INFO;
    expectRefusal(noUri, "missing-field", "uri");
    const { isStream: _isStream, ...noStream } = INFO;
    expectRefusal(noStream, "missing-field", "isStream");
    expectRefusal({ ...INFO, isStream: 1 }, "invalid-type", "isStream");
    expectRefusal({ ...INFO, author: 7 }, "invalid-type", "author");
    expectRefusal({ ...INFO, isrc: 7 }, "invalid-type", "isrc");
    expectRefusal(null, "invalid-type", "info");
    expectRefusal(INFO, "invalid-type", "sourceData", [1, 2, 3]);
  });

  it("refuses text longer than 65535 bytes of modified UTF-8", () => {
    // 0xffff ASCII characters fit; one more does not. NUL counts two bytes, so fewer of them fit.
    expect(() => encodeTrack({ ...INFO, title: "a".repeat(0xffff) })).not.toThrow();
    const error = expectRefusal({ ...INFO, title: "a".repeat(0x10000) }, "string-too-long", "title");
    expect(error.message).toContain("65536 bytes");
    expect(error.message).toContain("a string of 65536 characters");
    expectRefusal({ ...INFO, artworkUrl: "\0".repeat(0x8000) }, "string-too-long", "artworkUrl");
  });
});
