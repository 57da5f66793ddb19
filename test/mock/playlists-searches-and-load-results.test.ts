import { describe, expect, it } from "vitest";
import { MockFactory, mockException } from "../../src/mock/index.js";
import { decodeTrack, validateLoadResult } from "../../src/protocol/index.js";

describe("playlists, search results and load results", () => {
  const f = new MockFactory({ seed: 5 });

  it("createMockPlaylist returns v4 PlaylistData", () => {
    const p = f.createMockPlaylist({ name: "Test Playlist", trackCount: 10, selectedTrack: 2 });
    expect(p.info).toEqual({ name: "Test Playlist", selectedTrack: 2 });
    expect(p.pluginInfo).toEqual({});
    expect(p.tracks).toHaveLength(10);
    for (const t of p.tracks) expect(decodeTrack(t.encoded).info).toEqual(t.info);
    expect(f.createMockPlaylist({ trackCount: 0 }).tracks).toEqual([]);
  });

  it("playlist source and trackOverrides apply to every track", () => {
    const p = f.createMockPlaylist({ trackCount: 4, source: "deezer", trackOverrides: { author: "Same" } });
    for (const t of p.tracks) expect(t.info).toMatchObject({ sourceName: "deezer", author: "Same" });
  });

  it("search results relate to the query", () => {
    const hits = f.createMockSearchResults({ query: "test query", count: 20 });
    expect(hits).toHaveLength(20);
    expect(hits[0]?.info.title).toContain("test query");
    const related = hits.filter((t) => t.info.title.includes("test query")).length;
    expect(related).toBeGreaterThanOrEqual(8);
    expect(hits.every((t) => t.info.sourceName === "youtube")).toBe(true);
    const byArtist = hits.filter((t) => t.info.author === "test query").length;
    expect(byArtist).toBeGreaterThanOrEqual(3);
    const sc = f.createMockSearchResults({ query: "x", count: 3, source: "soundcloud" });
    expect(sc.every((t) => t.info.sourceName === "soundcloud")).toBe(true);
  });

  it("createMockLoadResult builds every load type, each valid per the protocol", () => {
    const results = [
      f.createMockLoadResult("track", { title: "T" }),
      f.createMockLoadResult("playlist", { trackCount: 2 }),
      f.createMockLoadResult("search", { query: "abc", count: 3 }),
      f.createMockLoadResult("empty"),
      f.createMockLoadResult("error", { message: "boom", severity: "common" }),
    ];
    expect(results.map((r) => r.loadType)).toEqual(["track", "playlist", "search", "empty", "error"]);
    for (const r of results) expect(validateLoadResult(JSON.parse(JSON.stringify(r)))).toEqual(r);
    const error = results[4];
    expect(error?.loadType === "error" && error.data.message).toBe("boom");
    expect(f.createMockSearchLoadResult({ count: 2 }).data).toHaveLength(2);
  });

  it("mockException fills Lavalink's exception fields", () => {
    const e = mockException();
    expect(e.severity).toBe("fault");
    expect(e.message).toBe("Something went wrong while looking up the track.");
    expect(e.cause).toMatch(/^java\./);
    expect(e.causeStackTrace).toContain(e.cause);
  });
});
