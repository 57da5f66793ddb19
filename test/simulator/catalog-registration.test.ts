import { describe, expect, it } from "vitest";
import { MockFactory } from "../../src/mock/index.js";
import { Catalog, CatalogError } from "../../src/simulator/catalog/index.js";
import { expectType } from "./catalog-helpers.js";

describe("registrations, handlers and reset (msw-style)", () => {
  const factory = new MockFactory({ seed: 8 });

  it("registerTrack answers by uri and identifier, or by a chosen identifier", () => {
    const catalog = new Catalog();
    const track = factory.createMockTrack({ source: "youtube" });
    catalog.registerTrack(track);
    expect(expectType(catalog.load(track.info.uri ?? ""), "track").data).toEqual(track);
    expect(expectType(catalog.load(track.info.identifier), "track").data).toEqual(track);
    const built = catalog.registerTrack({ title: "Mine", length: 5000 }, { identifier: "my-song" });
    expect(built.info).toMatchObject({ title: "Mine", length: 5000 });
    expect(expectType(catalog.load("my-song"), "track").data).toEqual(built);
  });

  it("registerTrack with a script makes scriptFor return it", () => {
    const catalog = new Catalog();
    const track = catalog.registerTrack(
      { source: "spotify" },
      { script: { kind: "stuck", atMs: 10, thresholdMs: 20 } },
    );
    expect(catalog.scriptFor(track.info)).toEqual({ kind: "stuck", atMs: 10, thresholdMs: 20 });
  });

  it("registerPlaylist, registerSearch and registerFailure override the defaults", () => {
    const catalog = new Catalog();
    const playlist = factory.createMockPlaylist({ name: "Registered", trackCount: 2 });
    catalog.registerPlaylist("https://www.youtube.com/playlist?list=PLmine", playlist);
    expect(catalog.load("https://www.youtube.com/playlist?list=PLmine")).toEqual({
      loadType: "playlist",
      data: playlist,
    });
    const hits = factory.buildList(2);
    catalog.registerSearch("ytsearch:mine", hits);
    expect(catalog.load("ytsearch:mine")).toEqual({ loadType: "search", data: hits });
    catalog.registerFailure("ytsearch:broken", { message: "This video is unavailable" });
    expect(expectType(catalog.load("ytsearch:broken"), "error").data).toMatchObject({
      message: "This video is unavailable",
      severity: "common",
    });
  });

  it("registered answers are copies: mutating one does not change the next answer", () => {
    const catalog = new Catalog();
    const track = catalog.registerTrack({ title: "Stable" }, { identifier: "x" });
    const first = expectType(catalog.load("x"), "track").data;
    first.info.title = "changed";
    expect(expectType(catalog.load("x"), "track").data).toEqual(track);
  });

  it("use() handlers run newest first, before registrations; undefined falls through; disposers remove", () => {
    const catalog = new Catalog();
    catalog.registerFailure("id", { message: "registered" });
    const older = catalog.use((id) => (id === "id" ? { loadType: "empty", data: {} } : undefined));
    const newer = catalog.use((id) =>
      id === "id"
        ? { loadType: "error", data: { message: "newer", severity: "common", cause: "c" } }
        : undefined,
    );
    expect(expectType(catalog.load("id"), "error").data.message).toBe("newer");
    expect(catalog.load("ytsearch:other").loadType).toBe("search");
    newer();
    expect(catalog.load("id").loadType).toBe("empty");
    older();
    expect(expectType(catalog.load("id"), "error").data.message).toBe("registered");
  });

  it("reset() forgets handlers, registrations and scripts", () => {
    const catalog = new Catalog();
    const track = catalog.registerTrack({ source: "youtube" }, { script: { kind: "normal" } });
    catalog.registerFailure("ytsearch:x", { message: "no" });
    catalog.use(() => ({ loadType: "empty", data: {} }));
    catalog.reset();
    expect(catalog.load("ytsearch:x").loadType).toBe("search");
    expect(catalog.load(track.info.uri ?? "").loadType).toBe("track");
    expect(catalog.load(track.info.uri ?? "")).not.toEqual({ loadType: "track", data: track });
  });

  it("resolveSingle gives a track or Lavalink's 400 message", () => {
    const catalog = new Catalog();
    catalog.registerFailure("broken", { message: "Video unavailable" });
    const single = catalog.resolveSingle("https://youtu.be/dQw4w9WgXcQ");
    expect("track" in single && single.track.info.identifier).toBe("dQw4w9WgXcQ");
    expect(catalog.resolveSingle("nothing here")).toEqual({ error: "No matches found for identifier" });
    expect(catalog.resolveSingle("ytsearch:abc")).toEqual({
      error: "Cannot play a playlist or search result",
    });
    expect(catalog.resolveSingle("https://www.deezer.com/album/1")).toEqual({
      error: "Cannot play a playlist or search result",
    });
    expect(catalog.resolveSingle("broken")).toEqual({ error: "Video unavailable" });
  });

  it("rejects bad arguments with a typed CatalogError", () => {
    expect(() => new Catalog({ seed: Number.NaN })).toThrow(CatalogError);
    expect(() => new Catalog().use(42 as unknown as () => undefined)).toThrow(/handler/);
    expect(() => new Catalog().load(5 as unknown as string)).toThrow(CatalogError);
  });
});
