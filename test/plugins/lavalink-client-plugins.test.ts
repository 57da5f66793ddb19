import { LavalinkManager } from "lavalink-client";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_PASSWORD, type VirtualSimulator, waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";

const GUILD = "300000000000000001";
const BOT = "170000000000000001";

/** lavalink-client 2.11.0, unchanged, connected to the simulator (it reads /v4/info on open). */
async function connectLavalinkClient(sim: VirtualSimulator): Promise<LavalinkManager> {
  const manager = new LavalinkManager({
    nodes: [{ host: "127.0.0.1", port: sim.port, authorization: TEST_PASSWORD, id: "sim", retryAmount: 1 }],
    sendToShard: () => undefined,
    client: { id: BOT, username: "bot" },
    autoSkip: false,
  });
  await manager.init({ id: BOT, username: "bot" });
  const node = manager.nodeManager.nodes.get("sim");
  await waitUntil(() => node?.sessionId !== null && node?.sessionId !== undefined && node.info !== null, {
    description: "lavalink-client connected and read /v4/info",
    timeoutMs: 5_000,
  });
  return manager;
}

describe("lavalink-client's own plugin APIs work unchanged against the simulator", () => {
  let manager: LavalinkManager | undefined;
  afterEach(async () => {
    for (const node of manager?.nodeManager.nodes.values() ?? []) node.destroy(undefined, true);
    manager = undefined;
  });

  it("lyrics, live lyrics, SponsorBlock categories and events, and LavaSearch", async () => {
    const sim = await testSimulator();
    manager = await connectLavalinkClient(sim);
    const node = manager.nodeManager.nodes.get("sim");
    if (node === undefined) throw new Error("node missing");

    // A YouTube track with lyrics, a sponsor segment and chapters, registered on the catalog.
    const track = sim.catalog.registerTrack({ source: "youtube", length: 120_000, title: "Plugin test" });
    sim.catalog.registerLyrics(track, {
      lines: [
        { timestamp: 2_000, line: "one" },
        { timestamp: 4_000, line: "two" },
      ],
    });
    sim.catalog.registerSegments(track, [{ category: "sponsor", start: 10_000, end: 20_000 }]);
    sim.catalog.registerChapters(track, [
      { name: "Start", start: 0 },
      { name: "End", start: 60_000 },
    ]);

    const lyrics = await node.lyrics.get({ encoded: track.encoded } as never);
    expect(lyrics?.lines?.map((l: { line: string }) => l.line)).toEqual(["one", "two"]);

    const player = manager.createPlayer({ guildId: GUILD, voiceChannelId: "400000000000000001" });
    const events: string[] = [];
    manager.on("LyricsFound", () => events.push("LyricsFound"));
    manager.on("LyricsLine", (_p, _t, payload) => events.push(`LyricsLine:${payload.line.line}`));
    manager.on("SegmentsLoaded", (_p, _t, payload) =>
      events.push(`SegmentsLoaded:${payload.segments.length}`),
    );
    manager.on("SegmentSkipped", (_p, _t, payload) => events.push(`SegmentSkipped:${payload.segment.end}`));
    manager.on("ChaptersLoaded", (_p, _t, payload) =>
      events.push(`ChaptersLoaded:${payload.chapters.length}`),
    );
    manager.on("ChapterStarted", (_p, _t, payload) => events.push(`ChapterStarted:${payload.chapter.name}`));

    await player.setSponsorBlock(["sponsor"]);
    expect(await player.getSponsorBlock()).toEqual(["sponsor"]);
    // LavaLyrics answers 404 "Player not found" to a subscription before the node has the player.
    await expect(node.lyrics.subscribe(GUILD, false)).rejects.toThrow(/lyrics\/subscribe/);
    // Start the track on the node (the simulator plays without a voice connection by default).
    await node.updatePlayer({ guildId: GUILD, playerOptions: { track: { encoded: track.encoded } } });
    await node.lyrics.subscribe(GUILD, false);
    await waitUntil(() => events.includes("LyricsFound"), { description: "LyricsFound", timeoutMs: 5_000 });
    // SponsorBlock acts at the track start (the first chapter at 0 starts at once); the refused
    // subscription was stored anyway, as in LavaLyrics, so LyricsFound came at the start too.
    expect(events.slice(0, 4)).toEqual([
      "SegmentsLoaded:1",
      "ChaptersLoaded:2",
      "ChapterStarted:Start",
      "LyricsFound",
    ]);

    await sim.clock.advance(11_000);
    await waitUntil(() => events.includes("SegmentSkipped:20000"), { description: "skip", timeoutMs: 5_000 });
    expect(events).toContain("LyricsLine:one");
    expect(events).toContain("LyricsLine:two");
    expect(events).toContain("ChapterStarted:Start");
    expect(sim.getPlayer(undefined, GUILD)?.state.position).toBeGreaterThanOrEqual(20_000);

    const current = await node.lyrics.getCurrent(GUILD);
    expect(current?.text).toBe("one\ntwo");
    await node.lyrics.unsubscribe(GUILD);
    await player.deleteSponsorBlock();
    await expect(player.getSponsorBlock()).rejects.toBeDefined();

    const search = await node.lavaSearch(
      { query: "daft punk", source: "spsearch", types: ["track", "album"] },
      {
        id: "user",
      },
    );
    if (!("albums" in search)) throw new Error("lavaSearch fell back to a plain search");
    expect(search.tracks.length).toBeGreaterThan(0);
    expect(search.albums.length).toBeGreaterThan(0);
    expect(search.artists).toEqual([]);
  });
});
