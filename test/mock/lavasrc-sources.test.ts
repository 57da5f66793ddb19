import { describe, expect, it } from "vitest";
import { DEFAULT_MOCK_SOURCES, MOCK_SOURCES, MockFactory } from "../../src/mock/index.js";
import { decodeTrack, encodeTrack, LAVASRC_SOURCE_NAMES } from "../../src/protocol/index.js";

const FORMATS: Record<string, { identifier: RegExp; uri: (id: string) => RegExp; isrc: boolean }> = {
  yandexmusic: {
    identifier: /^\d{8}$/,
    uri: (id) => new RegExp(`^https://music\\.yandex\\.com/track/${id}$`),
    isrc: false,
  },
  vkmusic: {
    identifier: /^-\d+_\d+$/,
    uri: (id) => new RegExp(`^https://vk\\.com/audio${id}$`),
    isrc: false,
  },
  tidal: {
    identifier: /^\d{9}$/,
    uri: (id) => new RegExp(`^http://www\\.tidal\\.com/track/${id}$`),
    isrc: true,
  },
  qobuz: {
    identifier: /^\d{9}$/,
    uri: (id) => new RegExp(`^https://open\\.qobuz\\.com/track/${id}$`),
    isrc: true,
  },
  jiosaavn: {
    identifier: /^[A-Za-z0-9_]{11}$/,
    uri: (id) => new RegExp(`^https://www\\.jiosaavn\\.com/song/[a-z0-9-]+/${id}$`),
    isrc: false,
  },
};

describe("the factory makes tracks of LavaSrc's newer sources", () => {
  it("every LavaSrc source but Flowery TTS is a mock source; the default mix leaves the new ones out", () => {
    for (const name of LAVASRC_SOURCE_NAMES.filter((n) => n !== "flowery-tts"))
      expect(MOCK_SOURCES).toContain(name);
    const seen = new Set(new MockFactory({ seed: 3 }).buildList(300).map((t) => t.info.sourceName));
    for (const source of Object.keys(FORMATS)) expect(seen).not.toContain(source);
    expect([...seen].sort()).toEqual([...DEFAULT_MOCK_SOURCES].sort());
  });

  it.each(Object.entries(FORMATS))(
    "%s: ids, links, ISRC and LavaSrc's bytes and pluginInfo",
    (source, format) => {
      const factory = new MockFactory({ seed: 9, lavaSrcPluginInfo: true, sources: [source as "tidal"] });
      for (const track of factory.buildList(25)) {
        const { info } = track;
        expect(info.sourceName).toBe(source);
        expect(info.identifier).toMatch(format.identifier);
        expect(info.uri).toMatch(format.uri(info.identifier.replace(/[-]/g, "\\-")));
        expect(info.isrc !== null).toBe(format.isrc);
        // Yandex reports milliseconds; the others LavaSrc reads in seconds.
        if (source !== "yandexmusic") expect(info.length % 1000).toBe(0);
        const decoded = decodeTrack(track.encoded);
        expect(decoded.info).toEqual(info);
        expect(encodeTrack(decoded.info, { sourceData: decoded.sourceData })).toBe(track.encoded);
        // Five nullable texts and the isPreview byte: at least six bytes, the last one 0.
        expect(decoded.sourceData.length).toBeGreaterThanOrEqual(6);
        expect(decoded.sourceData.at(-1)).toBe(0);
        expect(Object.keys(track.pluginInfo).sort()).toEqual([
          "albumName",
          "albumUrl",
          "artistArtworkUrl",
          "artistUrl",
          "isPreview",
          "previewUrl",
        ]);
      }
    },
  );

  it("Tidal fills no extended field; VK's previewUrl is the audio's stream", () => {
    const tidal = new MockFactory({ seed: 1, lavaSrcPluginInfo: true }).createMockTrack({ source: "tidal" });
    expect(tidal.pluginInfo).toEqual({
      albumName: null,
      albumUrl: null,
      artistUrl: null,
      artistArtworkUrl: null,
      previewUrl: null,
      isPreview: false,
    });
    expect([...decodeTrack(tidal.encoded).sourceData]).toEqual([0, 0, 0, 0, 0, 0]);
    const vk = new MockFactory({ seed: 1, lavaSrcPluginInfo: true }).createMockTrack({ source: "vkmusic" });
    expect(vk.pluginInfo.previewUrl).toMatch(
      /^https:\/\/cs\d-\d+v4\.vkuseraudio\.net\/s\/v1\/acmp3\/[0-9a-f]{32}\.mp3$/,
    );
    expect(vk.pluginInfo.artistArtworkUrl).toBeNull();
  });
});
