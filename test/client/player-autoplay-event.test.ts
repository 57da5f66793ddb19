import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AutoplayEvent } from "../../src/index.js";
import { type Rig, rig, until } from "./helpers/playback.js";

describe("autoplay announces the track it chose, with its reason and score", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  it("on skip with an empty queue: player and client both get { player, track, reason, score }", async () => {
    r.player.autoplay.configure({ enabled: true, strategy: "similar_artist" });
    const seed = await r.load("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    await r.player.play(seed);
    const onPlayer: AutoplayEvent[] = [];
    const onClient: AutoplayEvent[] = [];
    r.player.on("autoplay", (e) => onPlayer.push(e));
    r.client.on("autoplay", (e) => onClient.push(e));
    const next = await r.player.skip();
    expect(next).not.toBeNull();
    expect(onPlayer).toHaveLength(1);
    expect(onClient).toEqual(onPlayer);
    const event = onPlayer[0]!;
    expect(event.player).toBe(r.player);
    expect(event.track).toBe(next);
    expect(event.track).toBe(r.player.currentTrack);
    expect(event.reason).toMatch(/^similar_artist: /);
    expect(event.reason).toContain("found by ");
    expect(typeof event.score).toBe("number");
    expect(event.score).toBeGreaterThan(0);
  });

  it("when a track ends by itself and the queue is empty", async () => {
    r.player.autoplay.configure({ enabled: true, strategy: "mixed" });
    const seed = await r.load("https://youtu.be/9bZkp7q19f0");
    await r.player.play(seed);
    const events: AutoplayEvent[] = [];
    r.client.on("autoplay", (e) => events.push(e));
    await r.advance(seed.length + 2_000);
    await until(() => events.length === 1, "autoplay picked a track");
    expect(events[0]!.track).toBe(r.player.currentTrack);
    expect(r.truth()?.track?.info.identifier).toBe(events[0]!.track.identifier);
    expect(events[0]!.reason).toMatch(/^mixed: /);
  });

  it("not when the queue had a track, nor with autoplay off", async () => {
    const events: AutoplayEvent[] = [];
    r.client.on("autoplay", (e) => events.push(e));
    const [a, b] = (await r.client.load("sonora:search:2")).tracks;
    await r.player.play(a!);
    await r.player.queue.add(b!);
    r.player.autoplay.configure({ enabled: true });
    expect(await r.player.skip()).toBe(b);
    r.player.autoplay.configure({ enabled: false });
    expect(await r.player.skip()).toBeNull();
    expect(events).toEqual([]);
  });
});
