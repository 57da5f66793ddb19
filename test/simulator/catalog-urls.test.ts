import { describe, expect, it } from "vitest";
import { Catalog } from "../../src/simulator/catalog/index.js";
import { expectType, expectWireValid } from "./catalog-helpers.js";

describe("URLs load tracks and playlists with identifiers taken from the URL", () => {
  const catalog = new Catalog({ seed: 4 });

  it.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://music.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", "spotify", "4uLU6hMCjMI75M1A2tKUQC"],
    ["https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC", "spotify", "4uLU6hMCjMI75M1A2tKUQC"],
    ["https://music.apple.com/us/album/never/1558533900?i=1558534271", "applemusic", "1558534271"],
    ["https://www.deezer.com/track/3135556", "deezer", "3135556"],
    ["https://www.deezer.com/fr/track/3135556", "deezer", "3135556"],
    ["https://artist.bandcamp.com/track/a-song", "bandcamp", "https://artist.bandcamp.com/track/a-song"],
    ["https://cdn.example.org/music/file.ogg", "http", "https://cdn.example.org/music/file.ogg"],
  ])("%s → track", (url, source, identifier) => {
    const result = catalog.load(url);
    const track = expectType(result, "track").data;
    expect(track.info.sourceName).toBe(source);
    expect(track.info.identifier).toBe(identifier);
    expect(track.info.isStream).toBe(false);
    expectWireValid(result);
  });

  it("a SoundCloud track URL becomes the track's uri", () => {
    const track = expectType(catalog.load("https://soundcloud.com/some-artist/some-song"), "track").data;
    expect(track.info.sourceName).toBe("soundcloud");
    expect(track.info.uri).toBe("https://soundcloud.com/some-artist/some-song");
  });

  it("a YouTube live URL loads a stream", () => {
    const track = expectType(catalog.load("https://www.youtube.com/live/dQw4w9WgXcQ"), "track").data;
    expect(track.info).toMatchObject({ isStream: true, isSeekable: false });
  });

  it.each([
    ["https://www.youtube.com/playlist?list=PL0123456789", "youtube"],
    ["https://soundcloud.com/some-artist/sets/an-album", "soundcloud"],
    ["https://open.spotify.com/album/4uLU6hMCjMI75M1A2tKUQC", "spotify"],
    ["https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M", "spotify"],
    ["https://music.apple.com/us/album/never/1558533900", "applemusic"],
    ["https://music.apple.com/us/playlist/hits/pl.f4d106fed2bd41149aaacabb233eb5eb", "applemusic"],
    ["https://www.deezer.com/album/302127", "deezer"],
    ["https://www.deezer.com/playlist/908622995", "deezer"],
    ["https://artist.bandcamp.com/album/an-album", "bandcamp"],
  ])("%s → playlist", (url, source) => {
    const result = catalog.load(url);
    const playlist = expectType(result, "playlist").data;
    expect(playlist.info.selectedTrack).toBe(-1);
    expect(playlist.info.name.length).toBeGreaterThan(0);
    expect(playlist.tracks.length).toBeGreaterThan(0);
    for (const t of playlist.tracks) expect(t.info.sourceName).toBe(source);
    expectWireValid(result);
  });

  it("watch?v=X&list=Y selects X, and X is the same track its own URL loads", () => {
    const playlist = expectType(
      catalog.load("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL0123456789"),
      "playlist",
    ).data;
    const selected = playlist.tracks[playlist.info.selectedTrack];
    expect(playlist.info.selectedTrack).toBeGreaterThanOrEqual(0);
    expect(selected?.info.identifier).toBe("dQw4w9WgXcQ");
    expect(selected).toEqual(expectType(catalog.load("https://youtu.be/dQw4w9WgXcQ"), "track").data);
    const plain = expectType(catalog.load("https://www.youtube.com/playlist?list=PL0123456789"), "playlist");
    expect(plain.data.tracks.length).toBe(playlist.tracks.length);
  });

  it("playlist tracks of id-addressed sources load identically by their own URL", () => {
    const album = expectType(catalog.load("https://www.deezer.com/album/302127"), "playlist").data;
    const first = album.tracks[0];
    expect(first?.info.uri).not.toBeNull();
    expect(expectType(catalog.load(first?.info.uri ?? ""), "track").data).toEqual(first);
    expect(album.pluginInfo).toMatchObject({ type: "album", totalTracks: album.tracks.length });
  });

  it("unknown identifiers are empty; unsupported URLs fail like lavaplayer's HTTP probe", () => {
    expect(catalog.load("just some words")).toEqual({ loadType: "empty", data: {} });
    expect(catalog.load("https://www.youtube.com/watch?v=short").loadType).toBe("empty");
    const error = expectType(catalog.load("https://example.com/index.html"), "error").data;
    expect(error).toMatchObject({ message: "Unknown file format.", severity: "common" });
  });
});

describe("bare identifiers", () => {
  it("a bare 11-character YouTube video id loads that video, as lavaplayer's YouTube source does", () => {
    const catalog = new Catalog({ seed: 4 });
    const bare = expectType(catalog.load("dQw4w9WgXcQ"), "track").data;
    expect(bare).toEqual(
      expectType(catalog.load("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), "track").data,
    );
    expect(catalog.load("dQw4w9WgXc").loadType).toBe("empty");
  });
});
