import { describe, expect } from "vitest";
import {
  FilterValidationError,
  InvalidOptionError,
  LavaDspx,
  PluginUnavailableError,
  Track,
} from "../../src/index.js";
import { createTestEnvironment, TEST_PASSWORD } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("LavaSearch (lavasearch-plugin) between Sonora and the simulator", () => {
  test("loadSearch returns typed tracks, albums, artists and playlists with LavaSrc's pluginInfo", async ({
    sonora,
  }) => {
    const result = await sonora.client.loadSearch("daft punk");
    expect(result.tracks.length).toBeGreaterThan(0);
    expect(result.tracks[0]).toBeInstanceOf(Track);
    expect(result.tracks[0]?.info.sourceName).toBe("spotify");
    expect(result.albums.length).toBeGreaterThan(0);
    expect(result.artists.length).toBeGreaterThan(0);
    expect(result.playlists.length).toBeGreaterThan(0);
    // Collections come without tracks; their pluginInfo is LavaSrc's ExtendedAudioPlaylist.
    for (const album of result.albums) {
      expect(album.tracks).toEqual([]);
      expect(Object.keys(album.pluginInfo).sort()).toEqual([
        "artworkUrl",
        "author",
        "totalTracks",
        "type",
        "url",
      ]);
      expect(album.pluginInfo.type).toBe("album");
    }
    expect(result.artists[0]?.pluginInfo.totalTracks).toBeNull();
    expect(result.texts).toEqual([]);
    expect(sonora.simulator.log.filter({ path: "/v4/loadsearch", direction: "in" })).toHaveLength(1);
  });

  test("types narrow the kinds; YouTube gives text suggestions", async ({ sonora }) => {
    const albums = await sonora.client.loadSearch("spsearch:daft punk", { types: ["album"] });
    expect(albums.albums.length).toBeGreaterThan(0);
    expect([albums.tracks, albums.artists, albums.playlists, albums.texts]).toEqual([[], [], [], []]);
    const texts = await sonora.client.loadSearch("ytsearch:daft punk", { types: ["text", "track"] });
    expect(texts.texts.map((t) => t.text)).toContain("daft punk");
    expect(texts.tracks).toEqual([]);
  });

  test("a query no search manager takes is the plugin's 204: an all-empty result", async ({ sonora }) => {
    const result = await sonora.client.loadSearch("scsearch:anything");
    expect(result).toEqual({ tracks: [], albums: [], artists: [], playlists: [], texts: [], plugin: {} });
    expect(sonora.simulator.log.filter({ path: "/v4/loadsearch", direction: "out" }).at(-1)?.status).toBe(
      204,
    );
  });

  test("bad input: unknown types are refused by the client; the route drops them and needs a query", async ({
    sonora,
  }) => {
    // @ts-expect-error "song" is not a LavaSearch type
    await expect(sonora.client.loadSearch("x", { types: ["song"] })).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
    const raw = (q: string) =>
      fetch(`${sonora.simulator.url}/v4/loadsearch${q}`, { headers: { Authorization: TEST_PASSWORD } });
    expect((await raw("")).status).toBe(400);
    const dropped = (await (await raw("?query=spsearch:x&types=song,album")).json()) as Record<
      string,
      unknown[]
    >;
    expect(dropped.albums?.length).toBeGreaterThan(0);
    expect(dropped.tracks).toEqual([]);
  });

  test("a node without the plugin: PluginUnavailableError naming lavasearch-plugin", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["lavasrc", "lyrics"] } });
    const error = await sonora.client.loadSearch("daft punk").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginUnavailableError);
    expect(error).toMatchObject({ plugin: "lavasearch-plugin" });
    expect(sonora.simulator.log.filter({ path: "/v4/loadsearch" })).toEqual([]);
  });
});

describe("LavaSrc in the simulator and the client", () => {
  test("/v4/info advertises the configured plugins with their real names and versions", async () => {
    await using all = await createTestEnvironment();
    const info = await all.client.nodes.best().plugins.info();
    expect(info.plugins.map((p) => p.name)).toEqual([
      "youtube-plugin",
      "lavasrc-plugin",
      "lavasearch-plugin",
      "lavalyrics-plugin",
      "sponsorblock-plugin",
    ]);
    expect(info.sourceManagers).toEqual(expect.arrayContaining(["spotify", "applemusic", "deezer"]));
    await using bare = await createTestEnvironment({ simulator: { plugins: [] } });
    const node = bare.client.nodes.best();
    expect((await node.plugins.info()).plugins.map((p) => p.name)).toEqual(["youtube-plugin"]);
    expect((await node.plugins.info()).sourceManagers).not.toContain("spotify");
    expect(await node.plugins.has("lavasrc")).toBe(false);
  });

  test("tracks carry LavaSrc's pluginInfo; sprec:/dzrec: load recommendation playlists", async ({
    sonora,
  }) => {
    const loaded = await sonora.client.load("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC");
    expect(loaded.loadType).toBe("track");
    const track = loaded.tracks[0];
    expect(Object.keys(track?.pluginInfo ?? {}).sort()).toEqual([
      "albumName",
      "albumUrl",
      "artistArtworkUrl",
      "artistUrl",
      "isLocal",
      "isPreview",
      "previewUrl",
    ]);
    expect(track?.pluginInfo.isPreview).toBe(false);
    const rec = await sonora.client.load(`sprec:${track?.identifier}`);
    expect(rec.loadType).toBe("playlist");
    if (rec.loadType !== "playlist") return;
    expect(rec.data.info.name).toBe("Spotify Recommendations");
    expect(rec.data.pluginInfo).toEqual({
      type: "recommendations",
      url: null,
      artworkUrl: null,
      author: null,
      totalTracks: 20,
    });
    expect(rec.tracks.every((t) => t.info.sourceName === "spotify")).toBe(true);
    const deezer = await sonora.client.load("dzrec:track=3135556");
    expect(deezer.loadType === "playlist" && deezer.data.info.name).toBe("Deezer Recommendations");
    expect((await sonora.client.load("dzrec:not a seed")).loadType).toBe("empty");
  });

  test("autoplay asks LavaSrc for recommendations of a Spotify seed first", async ({ sonora, player }) => {
    player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await sonora.loadTrack("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC");
    const loaded: string[] = [];
    sonora.simulator.catalog.use((identifier) => {
      loaded.push(identifier);
      return undefined;
    });
    await player.play(seed);
    const next = await player.skip();
    expect(next).not.toBeNull();
    expect(loaded[0]).toBe(`sprec:${seed.identifier}`);
  });

  test("autoplay on a node without LavaSrc searches only", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: [] } });
    const player = await sonora.player();
    player.autoplay.configure({ enabled: true, strategy: "mixed" });
    // A node without LavaSrc cannot load Spotify links: the track comes from elsewhere (a registration).
    const url = "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC";
    const spotify = sonora.simulator.catalog.load(url, { lavaSrc: true });
    if (spotify.loadType !== "track") throw new Error("the catalog did not build the Spotify track");
    sonora.simulator.catalog.registerTrack(spotify.data, { identifier: url });
    const seed = await sonora.loadTrack(url);
    const loaded: string[] = [];
    sonora.simulator.catalog.use((identifier) => {
      loaded.push(identifier);
      return undefined;
    });
    await player.play(seed);
    await player.skip();
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((id) => id.startsWith("sprec:"))).toEqual([]);
  });

  test("pluginFilters are kept for an advertised filter extension and dropped otherwise", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["lavadspx"] } });
    const player = await sonora.player();
    expect(await player.node.plugins.hasFilter("high-pass")).toBe(true);
    const first = (await sonora.client.search("anything")).tracks[0];
    if (first === undefined) throw new Error("the catalog found nothing");
    await player.play(first);
    const highPass = LavaDspx.highPass({ cutoffFrequency: 80 });
    player.filters.setPluginFilter(highPass.name, highPass.config);
    expect(() => LavaDspx.echo({ echoLength: 0, decay: 0.5 })).toThrow(FilterValidationError);
    player.filters.setPluginFilter("unknown-plugin", { level: 1 });
    await player.setFilters();
    expect(sonora.nodePlayer()?.filters.pluginFilters).toEqual({
      "high-pass": { cutoffFrequency: 80, boostFactor: 1 },
    });
  });
});
