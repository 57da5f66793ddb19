import { describe, expect } from "vitest";
import type { Player } from "../../src/index.js";
import { LavalinkRestError } from "../../src/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

/** What a refused skip must leave exactly as it was. */
function snapshot(player: Player) {
  return {
    currentTrack: player.currentTrack,
    current: player.queue.current,
    upcoming: [...player.queue.upcoming],
    history: [...player.queue.history],
  };
}

describe("skip() on an empty queue that falls back to autoplay or stop changes nothing when it fails", () => {
  test("the node refuses the autoplay track: the current track stays current, history unchanged", async ({
    sonora,
    player,
  }) => {
    player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await sonora.loadTrack("https://youtu.be/9bZkp7q19f0");
    await player.play(seed);
    const before = snapshot(player);
    expect(before.current).toBe(seed);
    sonora.simulator.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    await expect(player.skip()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(player)).toEqual(before);
    expect(player.queue.current).toBe(seed);
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(seed.identifier);
  });

  test("every autoplay search fails: the current track stays current, history unchanged", async ({
    sonora,
    player,
  }) => {
    player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await sonora.loadTrack("https://youtu.be/9bZkp7q19f0");
    await player.play(seed);
    const before = snapshot(player);
    sonora.simulator.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "GET /v4/loadtracks",
    });
    await expect(player.skip()).rejects.toThrow();
    expect(snapshot(player)).toEqual(before);
  });

  test("autoplay off, the node refuses the stop: the current track stays current", async ({
    sonora,
    player,
  }) => {
    const seed = await sonora.loadTrack("https://youtu.be/9bZkp7q19f0");
    await player.play(seed);
    const before = snapshot(player);
    sonora.simulator.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    await expect(player.skip()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(player)).toEqual(before);
  });
});
