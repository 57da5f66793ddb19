import { describe, expect } from "vitest";
import {
  LAVASRC_SEARCH_SOURCES,
  PluginUnavailableError,
  SEARCH_PREFIXES,
  type SearchSource,
} from "../../src/index.js";
import { createTestEnvironment } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

const SOURCE_NAMES: Record<SearchSource, string> = {
  youtube: "youtube",
  youtubeMusic: "youtube",
  soundcloud: "soundcloud",
  spotify: "spotify",
  appleMusic: "applemusic",
  deezer: "deezer",
  yandexMusic: "yandexmusic",
  vkMusic: "vkmusic",
  tidal: "tidal",
  qobuz: "qobuz",
  jioSaavn: "jiosaavn",
};

describe("client.search over every source LavaSrc 4.8.3 serves", () => {
  test("each named source searches with its prefix and finds tracks of that source", async ({ sonora }) => {
    for (const source of Object.keys(SEARCH_PREFIXES) as SearchSource[]) {
      const result = await sonora.client.search("daft punk", { source });
      expect(result.loadType, source).toBe("search");
      expect(result.tracks.length, source).toBeGreaterThan(0);
      expect(
        result.tracks.every((t) => t.info.sourceName === SOURCE_NAMES[source]),
        source,
      ).toBe(true);
    }
  });

  test("a LavaSrc source on a node without LavaSrc is refused before anything is sent", async () => {
    await using bare = await createTestEnvironment({ simulator: { plugins: [] } });
    const searches = () =>
      bare.simulator.log.entries().filter((e) => e.direction === "in" && e.path?.startsWith("/v4/loadtracks"))
        .length;
    for (const source of LAVASRC_SEARCH_SOURCES) {
      const error = await bare.client.search("daft punk", { source }).catch((e: unknown) => e);
      expect(error, source).toBeInstanceOf(PluginUnavailableError);
      expect(error).toMatchObject({ code: "PLUGIN_UNAVAILABLE", plugin: "lavasrc-plugin" });
    }
    expect(searches()).toBe(0);
    // The built-in sources and explicit prefixes go through as before (a plain node answers them).
    expect((await bare.client.search("daft punk")).loadType).toBe("search");
    expect((await bare.client.search("spsearch:daft punk")).loadType).toBe("empty");
    expect(searches()).toBe(2);
  });
});
