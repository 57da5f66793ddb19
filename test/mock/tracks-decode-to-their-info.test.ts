import { describe, expect, it } from "vitest";
import { DEFAULT_MOCK_SOURCES, ISRC_PATTERN, MockFactory } from "../../src/mock/index.js";
import { decodeTrack, STREAM_LENGTH, validateTrack } from "../../src/protocol/index.js";

describe("mock tracks are complete, valid Lavalink tracks", () => {
  const tracks = new MockFactory({ seed: 42, streamRatio: 0.1 }).buildList(500);

  it("every encoded string decodes back to exactly the track's info", () => {
    for (const track of tracks) {
      const decoded = decodeTrack(track.encoded);
      expect(decoded.info).toEqual(track.info);
      expect(decoded.version).toBe(3);
    }
  });

  it("passes the protocol's track validation", () => {
    for (const track of tracks) expect(validateTrack(JSON.parse(JSON.stringify(track)))).toEqual(track);
  });

  it("draws every source and formats ids, URIs and ISRCs like that source", () => {
    const seen = new Set(tracks.map((t) => t.info.sourceName));
    for (const source of DEFAULT_MOCK_SOURCES) expect(seen).toContain(source);
    for (const { info } of tracks) {
      if (info.isrc !== null) expect(info.isrc).toMatch(ISRC_PATTERN);
      switch (info.sourceName) {
        case "youtube":
          expect(info.identifier).toMatch(/^[A-Za-z0-9_-]{11}$/);
          expect(info.uri).toBe(`https://www.youtube.com/watch?v=${info.identifier}`);
          break;
        case "spotify":
          expect(info.identifier).toMatch(/^[0-9A-Za-z]{22}$/);
          expect(info.uri).toBe(`https://open.spotify.com/track/${info.identifier}`);
          expect(info.isrc).not.toBeNull();
          break;
        case "applemusic":
          expect(info.identifier).toMatch(/^\d{10}$/);
          expect(info.uri).toMatch(
            new RegExp(`^https://music\\.apple\\.com/us/album/.+\\?i=${info.identifier}$`),
          );
          break;
        case "deezer":
          expect(info.uri).toBe(`https://deezer.com/track/${info.identifier}`);
          break;
        case "soundcloud":
          expect(info.identifier).toMatch(
            /^O:https:\/\/api-v2\.soundcloud\.com\/media\/soundcloud:tracks:\d+\//,
          );
          expect(info.uri).toMatch(/^https:\/\/soundcloud\.com\/[a-z0-9-]+\/[a-z0-9-]+$/);
          break;
        case "bandcamp":
        case "http":
          expect(info.uri).toBe(info.identifier);
          break;
      }
    }
  });

  it("keeps lengths plausible and streams unseekable with the stream length", () => {
    const regular = tracks.filter((t) => !t.info.isStream);
    const streams = tracks.filter((t) => t.info.isStream);
    expect(streams.length).toBeGreaterThan(20);
    expect(streams.length).toBeLessThan(90);
    for (const { info } of regular) {
      expect(Number.isInteger(info.length)).toBe(true);
      expect(info.length).toBeGreaterThanOrEqual(30_000);
      expect(info.length).toBeLessThanOrEqual(900_000);
      expect(info.isSeekable).toBe(true);
    }
    for (const { info } of streams) {
      expect(info.length).toBe(STREAM_LENGTH);
      expect(info.isSeekable).toBe(false);
    }
    const sorted = regular.map((t) => t.info.length).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(180_000);
    expect(median).toBeLessThan(250_000);
  });

  it("mixes scripts in titles and authors, not only ASCII", () => {
    const text = tracks.map((t) => `${t.info.title} ${t.info.author}`).join(" ");
    expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // kana / kanji
    expect(text).toMatch(/[\u0400-\u04ff]/); // Cyrillic
    expect(text).toMatch(/[\uac00-\ud7af]/); // Hangul
    expect(text).toMatch(/[áéíóúñÁÉÍÓÚÑ]/); // Spanish accents
    expect(text).toMatch(/\p{Extended_Pictographic}/u); // emoji
  });

  it("gives every track empty pluginInfo and userData unless asked", () => {
    for (const track of tracks) {
      expect(track.pluginInfo).toEqual({});
      expect(track.userData).toEqual({});
    }
  });
});
