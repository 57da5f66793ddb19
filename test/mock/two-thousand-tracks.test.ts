import { describe, expect, it } from "vitest";
import { MockFactory } from "../../src/mock/index.js";

describe("bulk creation for memory-pressure tests", () => {
  it("creates 2,000 tracks with unique identifiers and encodings", () => {
    const f = new MockFactory({ seed: 2000 });
    const tracks = f.createMockTracks(2000);
    expect(tracks).toHaveLength(2000);
    expect(f.sequence).toBe(2000);
    expect(new Set(tracks.map((t) => `${t.info.sourceName}:${t.info.identifier}`)).size).toBe(2000);
    expect(new Set(tracks.map((t) => t.encoded)).size).toBe(2000);
  });

  it("keeps identifiers unique even for URL-named sources with a fixed author", () => {
    const f = new MockFactory({ seed: 1 });
    const tracks = f.buildList(300, { source: "bandcamp", author: "Solo" });
    expect(new Set(tracks.map((t) => t.info.identifier)).size).toBe(300);
  });
});
