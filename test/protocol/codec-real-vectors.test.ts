import { describe, expect, it } from "vitest";
import { decodeTrack, encodeTrack, STREAM_LENGTH } from "../../src/protocol/index.js";
import { loadTrackVectors } from "../support/track-vectors.js";

// The 42 real tracks (YouTube, SoundCloud, Twitch, HTTP, LavaSrc, live streams, emoji and CJK titles) that
// the codec benchmark decodes: the fast paths it measures must give exactly what Lavalink gives.
const vectors = loadTrackVectors();

describe("codec: the 42 published real tracks decode to Lavalink's fields and re-encode exactly", () => {
  it("has the whole corpus", () => {
    expect(vectors.length).toBe(42);
  });

  for (const [index, vector] of vectors.entries()) {
    it(`#${index} ${vector.expected.sourceName}: ${vector.expected.title}`, () => {
      const decoded = decodeTrack(vector.encoded);
      const { expected } = vector;
      const long = (text: string) => (text === "9223372036854775807" ? STREAM_LENGTH : Number(text));
      expect(decoded.version).toBe(vector.version);
      expect(decoded.info).toEqual({
        identifier: expected.identifier,
        isSeekable: !expected.isStream,
        author: expected.author,
        length: long(expected.length),
        isStream: expected.isStream,
        position: long(expected.position),
        title: expected.title,
        uri: expected.uri,
        artworkUrl: expected.artworkUrl,
        isrc: expected.isrc,
        sourceName: expected.sourceName,
      });
      // The encoder writes version 3, which is what Lavalink re-encodes older messages to.
      const reencoded = encodeTrack(decoded.info, { sourceData: decoded.sourceData });
      expect(reencoded).toBe(vector.version === 3 ? vector.encoded : vector.upgradedV3);
    });
  }
});
