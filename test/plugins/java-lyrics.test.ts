import { describe, expect, it } from "vitest";
import { LavalinkRestError, PluginUnavailableError } from "../../src/index.js";
import { createTestEnvironment, TEST_PASSWORD, type TestEnvironment } from "../../src/testing/index.js";

const LINES = [
  { timestamp: 5_000, duration: 4_000, line: "first" },
  { timestamp: 10_000, duration: 5_000, line: "second" },
  { timestamp: 20_000, line: "third" },
];

/** A YouTube song with exactly these lines. */
function song(sonora: TestEnvironment, source: "youtube" | "spotify" = "youtube") {
  const catalog = sonora.simulator.catalog;
  const track = catalog.registerTrack({ source, length: 60_000, title: "Sing along", author: "Band" });
  catalog.registerLyrics(track, { lines: LINES, provider: "LyricFind" });
  return track;
}

/** Raw GET against the simulator, as a script would send it. */
async function get(sonora: TestEnvironment, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sonora.simulator.url}${path}`, { headers: { Authorization: TEST_PASSWORD } });
  const text = await res.text();
  return { status: res.status, body: text === "" ? null : JSON.parse(text) };
}

describe("DuncteBot's java-lyrics-plugin in the simulator", () => {
  it("is advertised only when chosen, and only then are its routes there", async () => {
    await using plain = await createTestEnvironment();
    expect((await plain.client.nodes.best().plugins.list())?.map((p) => p.name)).not.toContain(
      "java-lyrics-plugin",
    );
    expect((await get(plain, "/v4/lyrics/abc")).status).toBe(404);
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["java-lyrics"] } });
    expect(await sonora.client.nodes.best().plugins.list()).toContainEqual({
      name: "java-lyrics-plugin",
      version: "1.6.6",
    });
  });

  it("GET /v4/lyrics/{videoId}: timed lyrics with ranges; 404 'Lyrics were not found'", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["java-lyrics"] } });
    const track = song(sonora);
    const answer = await get(sonora, `/v4/lyrics/${track.info.identifier}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      type: "timed",
      source: "LyricFind",
      track: { title: "Sing along", author: "Band" },
      lines: [
        { line: "first", range: { start: 5_000, end: 9_000 } },
        { line: "second", range: { start: 10_000, end: 15_000 } },
        // No duration: the line lasts until... nothing follows, so it ends where it starts.
        { line: "third", range: { start: 20_000, end: 20_000 } },
      ],
    });
    const silent = sonora.simulator.catalog.registerTrack({ source: "youtube", length: 60_000 });
    sonora.simulator.catalog.registerLyrics(silent, null);
    const none = await get(sonora, `/v4/lyrics/${silent.info.identifier}`);
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ status: 404, message: "Lyrics were not found" });
    // Text lyrics when YouTube has no timing.
    const prose = sonora.simulator.catalog.registerTrack({ source: "youtube", length: 60_000 });
    sonora.simulator.catalog.registerLyrics(prose, { lines: [], text: "just words", provider: "Musixmatch" });
    expect((await get(sonora, `/v4/lyrics/${prose.info.identifier}`)).body).toMatchObject({
      type: "text",
      source: "Musixmatch",
      text: "just words",
    });
  });

  it("GET /v4/lyrics/search: videos for youtube, 500 for genius without a key, 404 for others, 400 without query", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["java-lyrics"] } });
    const hits = await get(sonora, "/v4/lyrics/search?query=never%20gonna");
    expect(hits.status).toBe(200);
    expect(Array.isArray(hits.body)).toBe(true);
    expect((hits.body as { videoId: string; title: string }[])[0]).toEqual({
      videoId: expect.any(String),
      title: expect.any(String),
    });
    // `source` is matched in any case.
    expect((await get(sonora, "/v4/lyrics/search?query=never%20gonna&source=YouTube")).body).toEqual(
      hits.body,
    );
    const genius = await get(sonora, "/v4/lyrics/search?query=x&source=genius");
    expect(genius.status).toBe(500);
    const other = await get(sonora, "/v4/lyrics/search?query=x&source=deezer");
    expect(other).toMatchObject({ status: 404, body: { message: "Unknown source type: deezer" } });
    expect((await get(sonora, "/v4/lyrics/search")).status).toBe(400);
  });

  it("player route: 400 without a track (and the player is created), the lyrics while one plays", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["java-lyrics"] } });
    const player = await sonora.player();
    const sessionId = sonora.client.nodes.best().sessionId ?? "";
    const idle = await get(sonora, `/v4/sessions/${sessionId}/players/42/lyrics`);
    expect(idle).toMatchObject({ status: 400, body: { message: "Not currently playing anything" } });
    // Lavalink's getPlayer made a player for guild 42 on the way.
    expect(sonora.nodePlayer("42")).toBeDefined();
    expect((await get(sonora, `/v4/sessions/nope/players/42/lyrics`)).status).toBe(404);
    expect((await get(sonora, `/v4/sessions/${sessionId}/players/x/lyrics`)).status).toBe(400);
    await player.play(song(sonora, "spotify"));
    const playing = await get(sonora, `/v4/sessions/${sessionId}/players/${player.guildId}/lyrics`);
    expect(playing).toMatchObject({ status: 200, body: { type: "timed", source: "LyricFind" } });
  });
});

describe("the client's lyrics API against a node running java-lyrics-plugin", () => {
  it("client.lyrics.get(track | query) and player.lyrics() answer the LavaLyrics shape", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["java-lyrics"] } });
    const track = song(sonora);
    const lyrics = await sonora.client.lyrics.get(track);
    expect(lyrics).toMatchObject({ sourceName: "LyricFind", provider: "LyricFind", text: null });
    expect(lyrics?.lines?.map((l) => [l.timestamp, l.duration, l.line])).toEqual([
      [5_000, 4_000, "first"],
      [10_000, 5_000, "second"],
      [20_000, 0, "third"],
    ]);
    expect(lyrics?.plugin).toMatchObject({ type: "timed", track: { title: "Sing along", author: "Band" } });
    // A non-YouTube track goes through the plugin's search, then the first video's lyrics.
    const spotify = song(sonora, "spotify");
    const viaSearch = await sonora.client.lyrics.get(spotify);
    expect(viaSearch?.sourceName).toBeTypeOf("string");
    expect(sonora.simulator.log.filter({ path: "/v4/lyrics/search", direction: "in" })).toHaveLength(1);
    // A query: searched, then the first hit's lyrics (deterministic from the seed).
    const byQuery = await sonora.client.lyrics.get("never gonna give you up");
    expect(await sonora.client.lyrics.get("never gonna give you up")).toEqual(byQuery);

    const player = await sonora.player();
    const idle = await player.lyrics().catch((e: unknown) => e);
    expect(idle).toBeInstanceOf(LavalinkRestError);
    expect((idle as LavalinkRestError).status).toBe(400);
    await player.play(track);
    expect((await player.lyrics())?.lines?.[1]?.line).toBe("second");
    const silent = sonora.simulator.catalog.registerTrack({ source: "youtube", length: 60_000 });
    sonora.simulator.catalog.registerLyrics(silent, null);
    await player.play(silent);
    // The plugin's 404 "Lyrics were not found" is "none", as LavaLyrics' 204 is.
    expect(await player.lyrics()).toBeNull();
    expect(await sonora.client.lyrics.get(silent)).toBeNull();
  });

  it("typed calls in the plugin's own shape; live lyrics need LavaLyrics", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["java-lyrics"] } });
    const plugins = sonora.client.nodes.best().plugins;
    const track = song(sonora);
    expect((await plugins.javaLyrics(track.info.identifier))?.type).toBe("timed");
    expect((await plugins.javaLyricsSearch("anything")).length).toBeGreaterThan(0);
    // A 500 is retried per the client's policy before it surfaces: let the virtual time run.
    const pending = plugins.javaGeniusLyrics("anything").catch((e: unknown) => e);
    await sonora.advance(60_000);
    const genius = await pending;
    expect((genius as LavalinkRestError).status).toBe(500);
    const player = await sonora.player();
    const live = await player.subscribeLyrics().catch((e: unknown) => e);
    expect(live).toBeInstanceOf(PluginUnavailableError);
    expect((live as PluginUnavailableError).plugin).toBe("lavalyrics-plugin");
  });

  it("a node with both prefers LavaLyrics; a node with neither is refused before anything is sent", async () => {
    await using both = await createTestEnvironment({
      simulator: { plugins: ["lavasrc", "lyrics", "java-lyrics"] },
    });
    const track = song(both);
    await both.client.lyrics.get(track);
    expect(both.simulator.log.filter({ path: "/v4/lyrics", direction: "in" })).toHaveLength(1);
    expect(
      both.simulator.log.filter({ path: `/v4/lyrics/${track.info.identifier}`, direction: "in" }),
    ).toHaveLength(0);

    await using bare = await createTestEnvironment({ simulator: { plugins: ["lavasrc"] } });
    const before = bare.simulator.log.filter({ direction: "in" }).length;
    const refused = await bare.client.lyrics.get("some song").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PluginUnavailableError);
    expect(refused).toMatchObject({ plugin: "lavalyrics-plugin", alternatives: ["java-lyrics-plugin"] });
    expect((refused as Error).message).toContain("runs neither lavalyrics-plugin nor java-lyrics-plugin");
    // Only the /v4/info read: no search, no lyrics request.
    const sent = bare.simulator.log
      .filter({ direction: "in" })
      .slice(before)
      .map((e) => e.path);
    expect(sent.every((p) => p === "/v4/info")).toBe(true);
  });
});
