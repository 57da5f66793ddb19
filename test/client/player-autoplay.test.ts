import { describe, expect } from "vitest";
import { catalogTrack, waitUntil } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("autoplay on the simulator's catalog", () => {
  test("keeps playing several tracks without user input, never repeating recent ones", async ({
    sonora,
    player,
  }) => {
    const started: string[] = [];
    player.on("trackStart", (t) => started.push(t.identifier));
    player.autoplay.configure({ enabled: true, strategy: "similar_artist", maxHistory: 10 });
    // A real-looking track, so autoplay searches the catalog by a generated artist and title.
    const seed = await sonora.loadTrack("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    await player.play(seed);
    for (let i = 0; i < 600 && started.length < 5; i++) await sonora.advance(5_000);
    await waitUntil(() => started.length >= 5, "five tracks played");
    expect(started[0]).toBe(seed.identifier);
    expect(new Set(started).size).toBe(started.length);
    expect(player.queue.history.length).toBeGreaterThanOrEqual(4);
  });

  test("skip on an empty queue asks autoplay when it is on", async ({ sonora, player }) => {
    player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await sonora.loadTrack("https://youtu.be/9bZkp7q19f0");
    await player.play(seed);
    const next = await player.skip();
    expect(next).not.toBeNull();
    expect(next?.identifier).not.toBe(seed.identifier);
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(next?.identifier);
  });

  test("with autoplay off the player goes idle when the queue runs dry", async ({ sonora, player }) => {
    const t = await sonora.loadTrack(catalogTrack("alone"));
    await player.play(t);
    await sonora.advance(t.length + 2_000);
    expect(sonora.nodePlayer()?.track).toBeNull();
    expect(player.currentTrack).toBeNull();
  });
});
