import { describe, expect, it } from "vitest";
import {
  checkJsonDepth,
  isValidSessionId,
  jsonNestingExceeds,
  MAX_JSON_DEPTH,
  MAX_SESSION_ID_LENGTH,
  ProtocolValidationError,
  parseIncomingMessage,
} from "../../src/protocol/index.js";

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("JSON nesting depth is checked without recursion, before parsing", () => {
  it("accepts up to MAX_JSON_DEPTH levels and refuses one more", () => {
    expect(MAX_JSON_DEPTH).toBe(1000);
    expect(jsonNestingExceeds(nested(1000))).toBe(false);
    expect(jsonNestingExceeds(nested(1001))).toBe(true);
    expect(jsonNestingExceeds(`{"a":${"{".repeat(3)}}}}}`, 3)).toBe(true);
    expect(jsonNestingExceeds(`{"a":{"b":[1,2,{"c":3}]}}`, 4)).toBe(false);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(jsonNestingExceeds(JSON.stringify({ s: "[".repeat(5000) }))).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ s: `\\"${"{".repeat(5000)}` }))).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify([`"`, "[".repeat(2000)]))).toBe(false);
  });

  it("scans a 100 000-deep value without overflowing the stack", () => {
    expect(jsonNestingExceeds(nested(100_000))).toBe(true);
    // Unbalanced (an endless opening) is refused as well.
    expect(jsonNestingExceeds("[".repeat(100_000))).toBe(true);
  });

  it("checkJsonDepth throws a ProtocolValidationError that keeps only the start of the text", () => {
    let error: unknown;
    try {
      checkJsonDepth(nested(5000), MAX_JSON_DEPTH, "body");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtocolValidationError);
    expect((error as ProtocolValidationError).field).toBe("body");
    expect(((error as ProtocolValidationError).value as string).length).toBeLessThanOrEqual(64);
    expect((error as Error).message).toContain("nested at most 1000 levels");
  });
});

describe("a ready op's session id must be a header token", () => {
  const ready = (sessionId: unknown) => JSON.stringify({ op: "ready", resumed: false, sessionId });

  it.each([["abcdefghijklmnop"], ["A-b_c.1~!#$%"], ["x".repeat(MAX_SESSION_ID_LENGTH)]])(
    "accepts %j",
    (id) => {
      expect(isValidSessionId(id)).toBe(true);
      expect(parseIncomingMessage(ready(id))).toEqual({ op: "ready", resumed: false, sessionId: id });
    },
  );

  it.each([
    ["header injection", "abc\r\nX-Injected: 1"],
    ["a bare LF", "abc\ndef"],
    ["a space", "abc def"],
    ["a NUL", "abc\u0000"],
    ["non-ASCII", "séance"],
    ["beyond Latin-1", "session😀"],
    ["empty", ""],
    ["too long", "x".repeat(MAX_SESSION_ID_LENGTH + 1)],
    ["a number", 42],
  ])("refuses %s", (_what, id) => {
    expect(isValidSessionId(id)).toBe(false);
    let error: unknown;
    try {
      parseIncomingMessage(ready(id));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtocolValidationError);
    expect((error as ProtocolValidationError).field).toBe("sessionId");
  });
});
