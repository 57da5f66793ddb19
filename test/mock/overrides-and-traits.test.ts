import { describe, expect, it } from "vitest";
import { MockFactory } from "../../src/mock/index.js";
import { decodeTrack, STREAM_LENGTH } from "../../src/protocol/index.js";

describe("overrides and traits shape mock tracks", () => {
  const f = new MockFactory({ seed: 11 });

  it("pins the given fields and keeps the encoding consistent", () => {
    const t = f.createMockTrack({ title: "Test Track", author: "Test Artist", length: 180_000 });
    expect(t.info).toMatchObject({ title: "Test Track", author: "Test Artist", length: 180_000 });
    expect(decodeTrack(t.encoded).info).toEqual(t.info);
  });

  it("accepts every TrackInfo field plus pluginInfo and userData", () => {
    const t = f.createMockTrack({
      identifier: "abc",
      sourceName: "custom",
      uri: null,
      artworkUrl: null,
      isrc: "USRC17607839",
      position: 5_000,
      pluginInfo: { albumName: "A" },
      userData: { requester: "42" },
    });
    expect(t.info).toMatchObject({ identifier: "abc", sourceName: "custom", uri: null, position: 5_000 });
    expect(t.info.isrc).toBe("USRC17607839");
    expect(t.pluginInfo).toEqual({ albumName: "A" });
    expect(t.userData).toEqual({ requester: "42" });
    expect(decodeTrack(t.encoded).info).toEqual(t.info);
  });

  it("copies pluginInfo and userData so later edits of the input don't leak in", () => {
    const userData = { n: 1 };
    const t = f.createMockTrack({ userData });
    userData.n = 2;
    expect(t.userData).toEqual({ n: 1 });
  });

  it("the source trait (or a known sourceName) shapes identifier and URI", () => {
    for (const t of f.buildList(20, { source: "spotify" })) {
      expect(t.info.sourceName).toBe("spotify");
      expect(t.info.identifier).toMatch(/^[0-9A-Za-z]{22}$/);
    }
    const yt = f.createMockTrack({ sourceName: "youtube" });
    expect(yt.info.uri).toBe(`https://www.youtube.com/watch?v=${yt.info.identifier}`);
    const sp = f.createMockTrack({ source: "spotify", identifier: "4uLU6hMCjMI75M1A2tKUQC" });
    expect(sp.info.uri).toBe("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC");
  });

  it("isStream: true makes a live stream; streamRatio makes a share of them", () => {
    const s = f.createMockTrack({ isStream: true });
    expect(s.info).toMatchObject({ isStream: true, isSeekable: false, length: STREAM_LENGTH });
    expect(decodeTrack(s.encoded).info).toEqual(s.info);
    const all = new MockFactory({ seed: 1, streamRatio: 1 }).buildList(10);
    expect(all.every((t) => t.info.isStream)).toBe(true);
    const none = new MockFactory({ seed: 1 }).buildList(200);
    expect(none.some((t) => t.info.isStream)).toBe(false);
  });

  it("restricts random sources to the factory's sources option", () => {
    const g = new MockFactory({ seed: 2, sources: ["deezer", "bandcamp"] });
    const names = new Set(g.buildList(50).map((t) => t.info.sourceName));
    expect([...names].sort()).toEqual(["bandcamp", "deezer"]);
  });
});
