import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Rig, rig, until } from "./helpers/playback.js";

describe("autoplay on the simulator's catalog", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  it("keeps playing several tracks without user input, never repeating recent ones", async () => {
    const started: string[] = [];
    r.player.on("trackStart", (t) => started.push(t.identifier));
    r.player.autoplay.configure({ enabled: true, strategy: "similar_artist", maxHistory: 10 });
    await r.player.play(await r.load("seed"));
    for (let i = 0; i < 600 && started.length < 5; i++) await r.advance(5_000);
    await until(() => started.length >= 5, "five tracks played");
    expect(started[0]).toBe("seed");
    expect(new Set(started).size).toBe(started.length);
    expect(r.player.queue.history.length).toBeGreaterThanOrEqual(4);
  });

  it("skip on an empty queue asks autoplay when it is on", async () => {
    r.player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await r.load("seed2");
    await r.player.play(seed);
    const next = await r.player.skip();
    expect(next).not.toBeNull();
    expect(next?.identifier).not.toBe("seed2");
    expect(r.truth()?.track?.info.identifier).toBe(next?.identifier);
  });

  it("with autoplay off the player goes idle when the queue runs dry", async () => {
    const t = await r.load("alone");
    await r.player.play(t);
    await r.advance(t.length + 2_000);
    expect(r.truth()?.track).toBeNull();
    expect(r.player.currentTrack).toBeNull();
  });
});
