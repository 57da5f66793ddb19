import { describe, expect } from "vitest";
import type { AutoplayEvent } from "../../src/index.js";
import { waitUntil } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("autoplay announces the track it chose, with its reason and score", () => {
  test("on skip with an empty queue: player and client both get { player, track, reason, score }", async ({
    sonora,
    player,
  }) => {
    player.autoplay.configure({ enabled: true, strategy: "similar_artist" });
    const seed = await sonora.loadTrack("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    await player.play(seed);
    const onPlayer: AutoplayEvent[] = [];
    const onClient: AutoplayEvent[] = [];
    player.on("autoplay", (e) => onPlayer.push(e));
    sonora.client.on("autoplay", (e) => onClient.push(e));
    const next = await player.skip();
    expect(next).not.toBeNull();
    expect(onPlayer).toHaveLength(1);
    expect(onClient).toEqual(onPlayer);
    const event = onPlayer[0]!;
    expect(event.player).toBe(player);
    expect(event.track).toBe(next);
    expect(event.track).toBe(player.currentTrack);
    expect(event.reason).toMatch(/^similar_artist: /);
    expect(event.reason).toContain("found by ");
    expect(typeof event.score).toBe("number");
    expect(event.score).toBeGreaterThan(0);
  });

  test("when a track ends by itself and the queue is empty", async ({ sonora, player }) => {
    player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await sonora.loadTrack("https://youtu.be/9bZkp7q19f0");
    await player.play(seed);
    const events: AutoplayEvent[] = [];
    sonora.client.on("autoplay", (e) => events.push(e));
    await sonora.advance(seed.length + 2_000);
    await waitUntil(() => events.length === 1, "autoplay picked a track");
    expect(events[0]!.track).toBe(player.currentTrack);
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(events[0]!.track.identifier);
    expect(events[0]!.reason).toMatch(/^mixed: /);
  });

  test("not when the queue had a track, nor with autoplay off", async ({ sonora, player }) => {
    const events: AutoplayEvent[] = [];
    sonora.client.on("autoplay", (e) => events.push(e));
    const [a, b] = (await sonora.client.load("sonora:search:2")).tracks;
    await player.play(a!);
    await player.queue.add(b!);
    player.autoplay.configure({ enabled: true });
    expect(await player.skip()).toBe(b);
    player.autoplay.configure({ enabled: false });
    expect(await player.skip()).toBeNull();
    expect(events).toEqual([]);
  });
});
