import { describe, expect, it } from "vitest";
import { MockFactory } from "../../src/mock/index.js";
import { decodeTrack } from "../../src/protocol/index.js";

/** Reads lavaplayer's nullable UTF fields back, to check the bytes the factory writes after sourceName. */
function readNullableUtf(bytes: Uint8Array, at: number): [string | null, number] {
  if (bytes[at] === 0) return [null, at + 1];
  const length = ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0);
  // Modified UTF-8: 1-3 bytes per UTF-16 unit (emoji arrive as two 3-byte surrogates).
  let text = "";
  for (let i = at + 3; i < at + 3 + length; ) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      text += String.fromCharCode(b);
      i += 1;
    } else if (b < 0xe0) {
      text += String.fromCharCode(((b & 0x1f) << 6) | ((bytes[i + 1] ?? 0) & 0x3f));
      i += 2;
    } else {
      text += String.fromCharCode(
        ((b & 0x0f) << 12) | (((bytes[i + 1] ?? 0) & 0x3f) << 6) | ((bytes[i + 2] ?? 0) & 0x3f),
      );
      i += 3;
    }
  }
  return [text, at + 3 + length];
}

describe("LavaSrc sources carry their extra fields in the encoded track", () => {
  it("Spotify tracks hold album name and URL, artist URL and artwork, a preview URL, isPreview false", () => {
    const f = new MockFactory({ seed: 12 });
    for (const track of f.buildList(20, { source: "spotify" })) {
      const { sourceData } = decodeTrack(track.encoded);
      const fields: (string | null)[] = [];
      let at = 0;
      for (let i = 0; i < 5; i++) {
        const [value, next] = readNullableUtf(sourceData, at);
        fields.push(value);
        at = next;
      }
      expect(fields[0]).toContain(track.info.title);
      expect(fields[1]).toMatch(/^https:\/\/open\.spotify\.com\/album\/[0-9A-Za-z]{22}$/);
      expect(fields[2]).toMatch(/^https:\/\/open\.spotify\.com\/artist\//);
      expect(fields[4]).toMatch(/^https:\/\/p\.scdn\.co\/mp3-preview\/[0-9a-f]{40}$/);
      expect(track.pluginInfo).toEqual({});
      expect(sourceData[at]).toBe(0);
      expect(sourceData.length).toBe(at + 1);
    }
  });

  it("YouTube tracks carry none; HTTP tracks carry the probed container", () => {
    const f = new MockFactory({ seed: 12 });
    expect(decodeTrack(f.createMockTrack({ source: "youtube" }).encoded).sourceData.length).toBe(0);
    const http = decodeTrack(f.createMockTrack({ source: "http" }).encoded).sourceData;
    expect(Buffer.from(http.subarray(2)).toString("latin1")).toBe("mp3");
  });

  it("a sourceName other than the shaping source drops the source bytes", () => {
    const t = new MockFactory({ seed: 1 }).createMockTrack({ source: "spotify", sourceName: "custom" });
    expect(decodeTrack(t.encoded).sourceData.length).toBe(0);
  });
});
