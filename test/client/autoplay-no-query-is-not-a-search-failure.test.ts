import { describe, expect, it } from "vitest";
import { AutoplayEngine } from "../../src/client/autoplay/index.js";
import { makeTrack } from "./helpers/tracks.js";

describe("autoplay for a seed that yields no search text (no artist, no title words)", () => {
  it("recommends nothing (null) instead of claiming every search failed, and searches nothing", async () => {
    const seed = makeTrack({ id: "blank", author: "", title: "" });
    for (const strategy of ["similar_artist", "same_source", "mixed"] as const) {
      const engine = new AutoplayEngine("1", { enabled: true, strategy });
      const searched: string[] = [];
      const result = await engine.recommend({
        current: seed,
        history: [],
        search: async (query, source) => {
          searched.push(`${source}:${query}`);
          return [makeTrack({ id: "other", author: "Someone", title: "Song" })];
        },
      });
      expect(searched, strategy).toEqual([]);
      expect(result, strategy).toBeNull();
    }
  });
});
