import { describe, expect, it } from "vitest";
import { Track } from "../../src/client/index.js";
import { encodeTrack, type TrackInfo } from "../../src/protocol/index.js";

const info: TrackInfo = {
  identifier: "dQw4w9WgXcQ",
  isSeekable: true,
  author: "Rick Astley",
  length: 212_000,
  isStream: false,
  position: 0,
  title: "Never Gonna Give You Up",
  uri: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  artworkUrl: null,
  isrc: "GBARL9300135",
  sourceName: "youtube",
};

describe("Track exposes info through prototype getters", () => {
  it("reads every info field directly", () => {
    const track = Track.fromLavalink({
      encoded: "x",
      info,
      pluginInfo: { a: 1 },
      userData: { requester: "1" },
    });
    expect(track.title).toBe(info.title);
    expect(track.author).toBe(info.author);
    expect(track.length).toBe(212_000);
    expect(track.uri).toBe(info.uri);
    expect(track.identifier).toBe(info.identifier);
    expect(track.isStream).toBe(false);
    expect(track.isSeekable).toBe(true);
    expect(track.artworkUrl).toBeNull();
    expect(track.isrc).toBe("GBARL9300135");
    expect(track.sourceName).toBe("youtube");
    expect(track.position).toBe(0);
  });

  it("keeps only four own properties per instance", () => {
    const track = new Track("x", info);
    expect(Object.keys(track).sort()).toEqual(["encoded", "info", "pluginInfo", "userData"]);
    expect(Object.getOwnPropertyDescriptor(Track.prototype, "title")?.get).toBeTypeOf("function");
  });

  it("Track.from decodes locally and toJSON gives Lavalink's shape back", () => {
    const encoded = encodeTrack(info);
    const track = Track.from(encoded, { requester: "42" });
    expect(track.info).toEqual(info);
    expect(JSON.parse(JSON.stringify(track))).toEqual({
      encoded,
      info,
      pluginInfo: {},
      userData: { requester: "42" },
    });
  });
});
