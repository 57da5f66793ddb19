import { describe, expect } from "vitest";
import type { Player, Track } from "../../src/index.js";
import { catalogTrack, waitUntil } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("queueEnd: the queue ran dry after a track ended by itself", () => {
  test("fires once, on the player and the client, after the last queued track finished", async ({
    sonora,
    player,
  }) => {
    const onPlayer: Track[] = [];
    const onClient: [Player, Track][] = [];
    player.on("queueEnd", (track) => onPlayer.push(track));
    sonora.client.on("queueEnd", (p, track) => onClient.push([p, track]));
    const [a, b] = [await sonora.loadTrack(catalogTrack("a")), await sonora.loadTrack(catalogTrack("b"))];
    await player.queue.add(b);
    await player.play(a);
    await sonora.advance(a.length + 1_000);
    await waitUntil(() => player.currentTrack === b, "b started");
    expect(onPlayer).toEqual([]); // a ended, but b followed

    await sonora.advance(b.length + 1_000);
    await waitUntil(() => onPlayer.length === 1, "queueEnd after b");
    expect(onPlayer).toEqual([b]);
    expect(onClient).toEqual([[player, b]]);
    // Nothing more comes by itself, however long the player idles.
    await sonora.advance(60_000);
    expect(onPlayer).toHaveLength(1);

    // A new run: one more queueEnd when it runs dry again.
    await player.play(a);
    await sonora.advance(a.length + 1_000);
    await waitUntil(() => onPlayer.length === 2, "queueEnd after the second run");
    expect(onPlayer).toEqual([b, a]);
  });

  test("not after stop(), skip() or a replaced track", async ({ sonora, player }) => {
    const ends: string[] = [];
    player.on("trackEnd", (_t, reason) => ends.push(reason));
    player.on("queueEnd", () => ends.push("queueEnd"));
    const [a, b] = [await sonora.loadTrack(catalogTrack("a")), await sonora.loadTrack(catalogTrack("b"))];
    await player.play(a);
    await player.play(b);
    await player.skip();
    await player.play(a);
    await player.stop();
    await sonora.advance(10_000);
    await waitUntil(() => ends.length === 3, "three ends");
    expect(ends).toEqual(["replaced", "stopped", "stopped"]);
  });

  test("autoplay that finds nothing still ends the queue: once", async ({ sonora, player }) => {
    const dry: Track[] = [];
    player.on("queueEnd", (track) => dry.push(track));
    // No candidate can reach a perfect score: autoplay searches, then recommends nothing.
    player.autoplay.configure({ enabled: true, minScore: 1 });
    const a = await sonora.loadTrack(catalogTrack("a"));
    await player.play(a);
    await sonora.advance(a.length + 1_000);
    await waitUntil(() => dry.length === 1, "queueEnd");
    await sonora.advance(30_000);
    expect(dry).toEqual([a]);
    expect(player.currentTrack).toBeNull();
  });
});
