import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LavalinkRestError } from "../../src/index.js";
import { type Rig, rig } from "./helpers/playback.js";

/** What a refused skip must leave exactly as it was. */
function snapshot(r: Rig) {
  return {
    currentTrack: r.player.currentTrack,
    current: r.player.queue.current,
    upcoming: [...r.player.queue.upcoming],
    history: [...r.player.queue.history],
  };
}

describe("skip() on an empty queue that falls back to autoplay or stop changes nothing when it fails", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  it("the node refuses the autoplay track: the current track stays current, history unchanged", async () => {
    r.player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await r.load("https://youtu.be/9bZkp7q19f0");
    await r.player.play(seed);
    const before = snapshot(r);
    expect(before.current).toBe(seed);
    r.sim.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    await expect(r.player.skip()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(r)).toEqual(before);
    expect(r.player.queue.current).toBe(seed);
    expect(r.truth()?.track?.info.identifier).toBe(seed.identifier);
  });

  it("every autoplay search fails: the current track stays current, history unchanged", async () => {
    r.player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await r.load("https://youtu.be/9bZkp7q19f0");
    await r.player.play(seed);
    const before = snapshot(r);
    r.sim.faults.add({ type: "rest-error", status: 400, toxicity: 1, route: "GET /v4/loadtracks" });
    await expect(r.player.skip()).rejects.toThrow();
    expect(snapshot(r)).toEqual(before);
  });

  it("autoplay off, the node refuses the stop: the current track stays current", async () => {
    const seed = await r.load("https://youtu.be/9bZkp7q19f0");
    await r.player.play(seed);
    const before = snapshot(r);
    r.sim.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    await expect(r.player.skip()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(r)).toEqual(before);
  });
});
