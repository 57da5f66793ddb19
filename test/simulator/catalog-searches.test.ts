import { describe, expect, it } from "vitest";
import { CATALOG_SEARCH_COUNT, Catalog } from "../../src/simulator/catalog/index.js";
import { expectType, expectWireValid } from "./catalog-helpers.js";

describe("search prefixes answer search results from the right source", () => {
  const catalog = new Catalog({ seed: 3 });

  it.each([
    ["ytsearch:", "youtube", /^https:\/\/www\.youtube\.com\/watch\?v=/],
    ["ytmsearch:", "youtube", /^https:\/\/music\.youtube\.com\/watch\?v=/],
    ["scsearch:", "soundcloud", /^https:\/\/soundcloud\.com\//],
    ["spsearch:", "spotify", /^https:\/\/open\.spotify\.com\/track\//],
    ["amsearch:", "applemusic", /^https:\/\/music\.apple\.com\//],
    ["dzsearch:", "deezer", /^https:\/\/deezer\.com\/track\//],
  ])("%s → %s", (prefix, source, uri) => {
    const result = catalog.load(`${prefix}lofi beats`);
    const hits = expectType(result, "search").data;
    expect(hits).toHaveLength(CATALOG_SEARCH_COUNT);
    for (const hit of hits) {
      expect(hit.info.sourceName).toBe(source);
      expect(hit.info.uri).toMatch(uri);
    }
    expect(hits[0]?.info.title).toContain("lofi beats");
    expectWireValid(result);
  });

  it("gives the same tracks with the same encoded strings for the same query", () => {
    const first = expectType(catalog.load("ytsearch:same"), "search").data;
    const again = expectType(new Catalog({ seed: 3 }).load("ytsearch:same"), "search").data;
    expect(again.map((t) => t.encoded)).toEqual(first.map((t) => t.encoded));
  });

  it("answers a blank query with empty", () => {
    expect(catalog.load("ytsearch:")).toEqual({ loadType: "empty", data: {} });
    expect(catalog.load("spsearch:   ").loadType).toBe("empty");
  });
});
