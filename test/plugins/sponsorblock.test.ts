import { describe, expect } from "vitest";
import {
  InvalidOptionError,
  LavalinkRestError,
  type PlayerState,
  PluginUnavailableError,
  type Segment,
} from "../../src/index.js";
import { createTestEnvironment, TEST_PASSWORD, type TestEnvironment } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

/** A YouTube track of the simulator's catalog with exactly these segments and chapters. */
function youtubeTrack(
  sonora: TestEnvironment,
  segments: Segment[],
  chapters: { name: string; start: number }[] = [],
) {
  const catalog = sonora.simulator.catalog;
  const track = catalog.registerTrack({ source: "youtube", length: 240_000, title: "With sponsors" });
  catalog.registerSegments(track, segments);
  catalog.registerChapters(track, chapters);
  return track;
}

describe("SponsorBlock (sponsorblock-plugin) between Sonora and the simulator", () => {
  test("categories: 404 before any are set, then set, read back and cleared", async ({ sonora, player }) => {
    const before = await player.sponsorBlock.getCategories().catch((e: unknown) => e);
    expect(before).toBeInstanceOf(LavalinkRestError);
    expect((before as LavalinkRestError).status).toBe(404);
    expect((before as LavalinkRestError).body?.message).toBe("Guild not found");

    await player.sponsorBlock.setCategories(["sponsor", "selfpromo", "sponsor"]);
    expect(await player.sponsorBlock.getCategories()).toEqual(["sponsor", "selfpromo"]);
    const put = sonora.simulator.log.filter({ method: "PUT" }).at(-1);
    // The plugin's handler returns void: Spring answers 200 with no body.
    expect(put?.status).toBe(200);

    await player.sponsorBlock.clearCategories();
    await expect(player.sponsorBlock.getCategories()).rejects.toMatchObject({ status: 404 });
  });

  test("an unknown category is refused before anything is sent", async ({ sonora, player }) => {
    const puts = () => sonora.simulator.log.filter({ method: "PUT" }).length;
    const before = puts();
    // @ts-expect-error "ads" is not a SponsorBlock category
    await expect(player.sponsorBlock.setCategories(["sponsor", "ads"])).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
    expect(puts()).toBe(before);
  });

  test("a segment is really skipped: SegmentSkipped, the node's position and the next playerUpdate", async ({
    sonora,
    player,
  }) => {
    const track = youtubeTrack(
      sonora,
      [
        { category: "sponsor", start: 30_000, end: 60_000 },
        { category: "intro", start: 0, end: 5_000 },
      ],
      [
        { name: "Intro", start: 0 },
        { name: "Main", start: 90_000 },
      ],
    );
    await player.sponsorBlock.setCategories(["sponsor"]);
    const events: string[] = [];
    player.on("segmentsLoaded", (segments) => events.push(`loaded:${segments.map((s) => s.category)}`));
    player.on("chaptersLoaded", (chapters) => events.push(`chapters:${chapters.length}`));
    player.on("chapterStarted", (chapter) => events.push(`chapter:${chapter.name}`));
    player.on("segmentSkipped", (segment) => events.push(`skipped:${segment.category}@${segment.end}`));
    const updates: PlayerState[] = [];
    player.on("playerUpdate", (state) => updates.push(state));

    await player.play(track);
    await sonora.settle();
    // The intro is not a chosen category: only the sponsor segment is loaded.
    expect(events).toEqual(["loaded:sponsor", "chapters:2", "chapter:Intro"]);

    await sonora.advance(31_000);
    expect(events).toContain("skipped:sponsor@60000");
    const nodePosition = sonora.nodePlayer()?.state.position ?? 0;
    expect(nodePosition).toBeGreaterThanOrEqual(60_000);
    expect(nodePosition).toBeLessThan(62_000);
    expect(player.position).toBeGreaterThanOrEqual(60_000);
    // The periodic playerUpdate after the jump reports the position past the segment.
    await sonora.advance(5_000);
    const last = updates.at(-1);
    expect(last?.position).toBeGreaterThanOrEqual(60_000);
    // None lands inside the segment (one may report its very start, the instant the marker fires).
    expect(updates.map((u) => u.position).filter((p) => p > 30_000 && p < 60_000)).toEqual([]);

    await sonora.advance(30_000);
    expect(events.at(-1)).toBe("chapter:Main");
  });

  test("the client sees the same events on itself, with the player first", async ({ sonora, player }) => {
    const track = youtubeTrack(sonora, [{ category: "sponsor", start: 10_000, end: 20_000 }]);
    await player.sponsorBlock.setCategories(["sponsor"]);
    const seen: string[] = [];
    sonora.client.on("segmentSkipped", (p, segment) => seen.push(`${p.guildId}:${segment.end}`));
    sonora.client.on("pluginEvent", (p, event) => seen.push(`${p.guildId}:${event.type}`));
    await player.play(track);
    await sonora.advance(11_000);
    expect(seen).toEqual([
      `${player.guildId}:SegmentsLoaded`,
      `${player.guildId}:20000`,
      `${player.guildId}:SegmentSkipped`,
    ]);
  });

  test("without categories nothing is loaded or skipped (the plugin only acts once they are set)", async ({
    sonora,
    player,
  }) => {
    const track = youtubeTrack(
      sonora,
      [{ category: "sponsor", start: 10_000, end: 20_000 }],
      [{ name: "A", start: 0 }],
    );
    const seen: string[] = [];
    player.on("pluginEvent", (event) => seen.push(event.type));
    await player.play(track);
    await sonora.advance(15_000);
    expect(seen).toEqual([]);
    expect(sonora.nodePlayer()?.state.position).toBeLessThan(20_000);
  });

  test("the node forgets categories when the session resumes (the plugin resets on socket open); the player sets them again", async ({
    sonora,
    player,
  }) => {
    await player.sponsorBlock.setCategories(["sponsor"]);
    const sessionId = player.node.sessionId ?? "";
    const puts = () =>
      sonora.simulator.log
        .filter({ kind: "rest", method: "PUT", direction: "in" })
        .filter((e) => e.path?.endsWith("/sponsorblock/categories")).length;
    expect(puts()).toBe(1);
    sonora.simulator.dropConnection(sessionId);
    await sonora.advanceUntil("nodeReady", { filter: (_n, resumed) => resumed });
    await sonora.settle();
    // The second PUT is the player's own, on the resumed session.
    expect(puts()).toBe(2);
    expect(await player.sponsorBlock.getCategories()).toEqual(["sponsor"]);
  });

  test("the routes answer bad input as the plugin does", async ({ sonora }) => {
    await sonora.player();
    const sessionId = sonora.simulator.sessions[0]?.id ?? "";
    const url = (guild: string) =>
      `${sonora.simulator.url}/v4/sessions/${sessionId}/players/${guild}/sponsorblock/categories`;
    const call = (method: string, guild: string, body?: string) =>
      fetch(url(guild), {
        method,
        headers: { Authorization: TEST_PASSWORD, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body }),
      });
    // Names SponsorBlock does not know are kept: the plugin does not check them.
    expect((await call("PUT", "1", '["ads"]')).status).toBe(200);
    expect(await (await call("GET", "1")).json()).toEqual(["ads"]);
    expect((await call("PUT", "1", '{"sponsor":true}')).status).toBe(400);
    expect((await call("GET", "abc")).status).toBe(400);
    const unknownSession = await fetch(
      `${sonora.simulator.url}/v4/sessions/nope/players/1/sponsorblock/categories`,
      { headers: { Authorization: TEST_PASSWORD } },
    );
    expect(unknownSession.status).toBe(404);
    expect(((await unknownSession.json()) as { message: string }).message).toBe("Session not found");
    expect((await call("DELETE", "1")).status).toBe(200);
    expect((await call("GET", "1")).status).toBe(404);
  });
});

describe("SponsorBlock on a node without the plugin", () => {
  test("is refused with PluginUnavailableError naming sponsorblock-plugin, before anything is sent", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["lavasrc"] } });
    const player = await sonora.player();
    const before = sonora.simulator.log.filter({ kind: "rest" }).length;
    const error = await player.sponsorBlock.setCategories(["sponsor"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginUnavailableError);
    expect(error).toMatchObject({ code: "PLUGIN_UNAVAILABLE", plugin: "sponsorblock-plugin" });
    const sent = sonora.simulator.log.filter({ kind: "rest" }).slice(before);
    // Only GET /v4/info went out (once): the capability check.
    expect(sent.filter((e) => e.direction === "in").map((e) => `${e.method} ${e.path}`)).toEqual([
      "GET /v4/info",
    ]);
  });
});
