import { describe, expect } from "vitest";
import { LavalinkRestError, type LyricsLine, PluginUnavailableError } from "../../src/index.js";
import { createTestEnvironment, TEST_PASSWORD, type TestEnvironment } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

/** A catalog track with exactly these timed lines. */
function songWithLyrics(sonora: TestEnvironment, lines: { timestamp: number; line: string }[]) {
  const catalog = sonora.simulator.catalog;
  const track = catalog.registerTrack({ source: "spotify", length: 60_000, title: "Sing along" });
  catalog.registerLyrics(track, { lines });
  return track;
}

const LINES = [
  { timestamp: 5_000, line: "first" },
  { timestamp: 10_000, line: "second" },
  { timestamp: 20_000, line: "third" },
  { timestamp: 40_000, line: "fourth" },
];

describe("LavaLyrics (lavalyrics-plugin) between Sonora and the simulator", () => {
  test("client.lyrics.get(track) answers the registered lyrics; null when there are none", async ({
    sonora,
  }) => {
    const track = songWithLyrics(sonora, LINES);
    const lyrics = await sonora.client.lyrics.get(track);
    expect(lyrics?.lines?.map((l) => [l.timestamp, l.line])).toEqual(LINES.map((l) => [l.timestamp, l.line]));
    expect(lyrics?.text).toBe("first\nsecond\nthird\nfourth");
    // LavaSrc answers with its own source first; skipTrackSource asks the next one.
    const skipped = await sonora.client.lyrics.get(track, { skipTrackSource: true });
    expect(skipped?.lines).toHaveLength(4);

    const silent = sonora.simulator.catalog.registerTrack({ source: "youtube", length: 60_000 });
    sonora.simulator.catalog.registerLyrics(silent, null);
    expect(await sonora.client.lyrics.get(silent)).toBeNull();
    // The node answered 204 (no lyrics), which the client turns into null.
    const answers = sonora.simulator.log.filter({ path: "/v4/lyrics", direction: "out" });
    expect(answers.map((e) => e.status)).toEqual([200, 200, 204]);
  });

  test("client.lyrics.get(query) searches, then asks for the first hit's lyrics", async ({ sonora }) => {
    const lyrics = await sonora.client.lyrics.get("never gonna give you up");
    // The catalog generates timed lines for most tracks, deterministically from its seed.
    const again = await sonora.client.lyrics.get("never gonna give you up");
    expect(again).toEqual(lyrics);
    expect(lyrics?.lines?.length).toBeGreaterThan(0);
    const stamps = (lyrics?.lines ?? []).map((l) => l.timestamp);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    // Spread over the track: singing starts after an intro.
    expect(stamps[0]).toBeGreaterThanOrEqual(2_000);
  });

  test("player.lyrics(): the current track's lyrics; the node's 404 without a track", async ({
    sonora,
    player,
  }) => {
    const none = await player.lyrics().catch((e: unknown) => e);
    expect(none).toBeInstanceOf(LavalinkRestError);
    expect((none as LavalinkRestError).status).toBe(404);
    expect((none as LavalinkRestError).body?.message).toBe("No track playing");
    await player.play(songWithLyrics(sonora, LINES));
    expect((await player.lyrics())?.lines?.[0]?.line).toBe("first");
  });

  test("live lyrics: found at once for the playing track, then each line as it is reached", async ({
    sonora,
    player,
  }) => {
    const track = songWithLyrics(sonora, LINES);
    await player.play(track);
    const seen: string[] = [];
    player.on("lyricsFound", (lyrics) => seen.push(`found:${lyrics.lines?.length}`));
    player.on("lyricsLine", (line: LyricsLine, index, skipped) =>
      seen.push(`${index}:${line.line}${skipped ? ":skipped" : ""}`),
    );
    await player.subscribeLyrics();
    await sonora.settle();
    expect(seen).toEqual(["found:4"]);
    await sonora.advance(11_000);
    expect(seen).toEqual(["found:4", "0:first", "1:second"]);
    // A seek over a line reports it as skipped.
    await player.seek(45_000);
    await sonora.settle();
    expect(seen.slice(3)).toEqual(["2:third:skipped", "3:fourth:skipped"]);
  });

  test("live lyrics follow the next track; LyricsNotFoundEvent when it has none; unsubscribe stops them", async ({
    sonora,
    player,
  }) => {
    await player.subscribeLyrics();
    const silent = sonora.simulator.catalog.registerTrack({ source: "youtube", length: 60_000 });
    sonora.simulator.catalog.registerLyrics(silent, null);
    const seen: string[] = [];
    player.on("lyricsNotFound", (event) => seen.push(`notFound:${event.guildId}`));
    player.on("lyricsFound", () => seen.push("found"));
    sonora.client.on("lyricsLine", (p, line) => seen.push(`client:${p.guildId}:${line.line}`));
    await player.play(silent);
    await sonora.settle();
    expect(seen).toEqual([`notFound:${player.guildId}`]);
    await player.play(songWithLyrics(sonora, LINES));
    await sonora.advance(6_000);
    expect(seen.slice(1)).toEqual(["found", `client:${player.guildId}:first`]);

    await player.unsubscribeLyrics();
    await player.play(songWithLyrics(sonora, LINES));
    await sonora.advance(6_000);
    expect(seen).toHaveLength(3);
  });

  test("the routes answer as the plugin does", async ({ sonora, player }) => {
    const sessionId = player.node.sessionId ?? "";
    const get = (path: string, method = "GET") =>
      fetch(`${sonora.simulator.url}${path}`, { method, headers: { Authorization: TEST_PASSWORD } });
    expect((await get("/v4/lyrics")).status).toBe(400);
    expect((await get(`/v4/sessions/${sessionId}/players/999/track/lyrics`)).status).toBe(404);
    // An unknown session is a silent 204 for subscribe (the plugin looks it up in its own map).
    expect((await get("/v4/sessions/nope/players/1/lyrics/subscribe", "POST")).status).toBe(204);
    const missing = await get(`/v4/sessions/${sessionId}/players/999/lyrics/subscribe`, "POST");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toBe("Player not found");
    expect((await get(`/v4/sessions/${sessionId}/players/1/lyrics/subscribe`, "DELETE")).status).toBe(204);
  });
});

describe("lyrics on a node without the plugin", () => {
  test("subscribing is refused with PluginUnavailableError naming lavalyrics-plugin, nothing sent", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["lavasrc", "sponsorblock"] } });
    const player = await sonora.player();
    const error = await player.subscribeLyrics().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginUnavailableError);
    expect(error).toMatchObject({ code: "PLUGIN_UNAVAILABLE", plugin: "lavalyrics-plugin" });
    await expect(sonora.client.lyrics.get("anything")).rejects.toBeInstanceOf(PluginUnavailableError);
    const lyricsRequests = sonora.simulator.log
      .filter({ kind: "rest", direction: "in" })
      .filter((e) => e.path?.includes("lyrics") === true || e.path?.startsWith("/v4/loadtracks") === true);
    expect(lyricsRequests).toEqual([]);
    // The simulated node has no such route, as a real one without the plugin: 404.
    const raw = await fetch(`${sonora.simulator.url}/v4/lyrics?track=x`, {
      headers: { Authorization: TEST_PASSWORD },
    });
    expect(raw.status).toBe(404);
  });
});
