import { beforeEach, describe, expect, it } from "vitest";
import { MockFactory } from "../../src/mock/index.js";
import { type LoadResult, SEARCH_PREFIXES, validateLoadResult } from "../../src/protocol/index.js";
import { CATALOG_SEARCH_COUNT, Catalog } from "../../src/simulator/index.js";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { expectType, expectWireValid } from "./catalog-helpers.js";
import { rest, TestClient } from "./helpers.js";

/** GET /v4/loadtracks over real HTTP, checked against Lavalink's LoadResult shape. */
async function load(sim: VirtualSimulator, identifier: string): Promise<LoadResult> {
  const res = await rest(sim, "GET", `/v4/loadtracks?identifier=${encodeURIComponent(identifier)}`);
  expect(res.status).toBe(200);
  return validateLoadResult(res.body);
}

describe("sim.catalog drives GET /v4/loadtracks on a running simulator", () => {
  let sim: VirtualSimulator;
  beforeEach(async () => {
    sim = await testSimulator({ seed: 11 });
  });

  const sources: Record<string, string> = {
    "ytsearch:": "youtube",
    "ytmsearch:": "youtube",
    "scsearch:": "soundcloud",
    "spsearch:": "spotify",
    "amsearch:": "applemusic",
    "dzsearch:": "deezer",
    "ymsearch:": "yandexmusic",
    "vksearch:": "vkmusic",
    "tdsearch:": "tidal",
    "qbsearch:": "qobuz",
    "jssearch:": "jiosaavn",
  };
  it.each(Object.values(SEARCH_PREFIXES))("%s answers a search from its source", async (prefix) => {
    const result = await load(sim, `${prefix}daft punk`);
    const hits = expectType(result, "search").data;
    expect(hits).toHaveLength(CATALOG_SEARCH_COUNT);
    for (const hit of hits) expect(hit.info.sourceName).toBe(sources[prefix]);
    expectWireValid(result);
    // Deterministic: the same seed answers the same encoded strings in-process.
    expect(result).toEqual(new Catalog({ seed: 11 }).load(`${prefix}daft punk`));
  });

  it("a watch?v=X&list=Y URL answers a playlist whose selectedTrack is X", async () => {
    const result = await load(sim, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLsimulated01");
    const playlist = expectType(result, "playlist").data;
    expect(playlist.info.selectedTrack).toBeGreaterThanOrEqual(0);
    expect(playlist.tracks[playlist.info.selectedTrack]?.info.identifier).toBe("dQw4w9WgXcQ");
    const plain = expectType(
      await load(sim, "https://www.youtube.com/playlist?list=PLsimulated01"),
      "playlist",
    );
    expect(plain.data.info.selectedTrack).toBe(-1);
  });

  it("answers error for an unplayable URL and sonora:error, empty for unknown identifiers", async () => {
    expect(expectType(await load(sim, "https://example.com/page"), "error").data).toMatchObject({
      message: "Unknown file format.",
      severity: "common",
    });
    expect(expectType(await load(sim, "sonora:error:Boom"), "error").data.message).toBe("Boom");
    expect(await load(sim, "song-one")).toEqual({ loadType: "empty", data: {} });
    expect(await load(sim, "sonora:empty")).toEqual({ loadType: "empty", data: {} });
  });

  it("registerTrack, registerPlaylist, registerSearch and registerFailure answer over HTTP", async () => {
    const factory = new MockFactory({ seed: 3 });
    const track = sim.catalog.registerTrack({ title: "Mine", length: 90_000 }, { identifier: "my-song" });
    expect(await load(sim, "my-song")).toEqual({ loadType: "track", data: track });

    const playlist = factory.createMockPlaylist({ name: "Registered", trackCount: 3 });
    sim.catalog.registerPlaylist("https://example.com/list", playlist);
    expect(await load(sim, "https://example.com/list")).toEqual({ loadType: "playlist", data: playlist });

    const hits = factory.buildList(2);
    sim.catalog.registerSearch("ytsearch:mine", hits);
    expect(await load(sim, "ytsearch:mine")).toEqual({ loadType: "search", data: hits });

    sim.catalog.registerFailure("ytsearch:broken", { message: "This video is unavailable" });
    expect(expectType(await load(sim, "ytsearch:broken"), "error").data).toMatchObject({
      message: "This video is unavailable",
      severity: "common",
    });
  });

  it("use() handlers answer first until disposed; reset() restores the defaults", async () => {
    sim.catalog.registerFailure("ytsearch:x", { message: "registered" });
    const dispose = sim.catalog.use((id) =>
      id === "ytsearch:x" || id === "ytsearch:y" ? { loadType: "empty", data: {} } : undefined,
    );
    // The handler wins over the registration and over the default search answer.
    expect(await load(sim, "ytsearch:x")).toEqual({ loadType: "empty", data: {} });
    expect(await load(sim, "ytsearch:y")).toEqual({ loadType: "empty", data: {} });
    dispose();
    expect(expectType(await load(sim, "ytsearch:x"), "error").data.message).toBe("registered");
    expectType(await load(sim, "ytsearch:y"), "search");
    sim.catalog.use(() => ({ loadType: "empty", data: {} }));
    expect(await load(sim, "ytsearch:y")).toEqual({ loadType: "empty", data: {} });
    sim.catalog.reset();
    expect(expectType(await load(sim, "ytsearch:y"), "search").data).toHaveLength(CATALOG_SEARCH_COUNT);
    expectType(await load(sim, "ytsearch:x"), "search");
  });

  it("a registered track plays when the update-player request names its identifier", async () => {
    const track = sim.catalog.registerTrack({ title: "By id", length: 60_000 }, { identifier: "by-id" });
    const client = await TestClient.connect(sim);
    try {
      const res = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/5`, {
        track: { identifier: "by-id" },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ track: { encoded: track.encoded, info: { title: "By id" } } });
      sim.catalog.reset();
      const gone = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/5`, {
        track: { identifier: "by-id" },
      });
      expect(gone.status).toBe(400);
      expect(gone.body).toMatchObject({ message: "No matches found for identifier" });
    } finally {
      await client.close();
    }
  });
});
