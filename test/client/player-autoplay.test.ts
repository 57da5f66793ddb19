import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Rig, rig, song, until } from "./helpers/playback.js";

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
    // A real-looking track, so autoplay searches the catalog by a generated artist and title.
    const seed = await r.load("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    await r.player.play(seed);
    for (let i = 0; i < 600 && started.length < 5; i++) await r.advance(5_000);
    await until(() => started.length >= 5, "five tracks played");
    expect(started[0]).toBe(seed.identifier);
    expect(new Set(started).size).toBe(started.length);
    expect(r.player.queue.history.length).toBeGreaterThanOrEqual(4);
  });

  it("skip on an empty queue asks autoplay when it is on", async () => {
    r.player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await r.load("https://youtu.be/9bZkp7q19f0");
    await r.player.play(seed);
    const next = await r.player.skip();
    expect(next).not.toBeNull();
    expect(next?.identifier).not.toBe(seed.identifier);
    expect(r.truth()?.track?.info.identifier).toBe(next?.identifier);
  });

  it("with autoplay off the player goes idle when the queue runs dry", async () => {
    const t = await r.load(song("alone"));
    await r.player.play(t);
    await r.advance(t.length + 2_000);
    expect(r.truth()?.track).toBeNull();
    expect(r.player.currentTrack).toBeNull();
  });
});
