import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Rig, rig, song, until } from "./helpers/playback.js";

const [A, B, C] = [song("a"), song("b"), song("c")];

describe("loop modes on the simulator", () => {
  let r: Rig;
  const started: string[] = [];
  beforeEach(async () => {
    r = await rig();
    started.length = 0;
    r.player.on("trackStart", (t) => started.push(t.identifier));
  });
  afterEach(async () => {
    await r.close();
  });

  async function playThrough(n: number): Promise<void> {
    const target = started.length + n;
    for (let i = 0; i < 400 && started.length < target; i++) await r.advance(5_000);
    await until(() => started.length >= target, `${n} more starts`);
  }

  it("track loop repeats the track on a natural end; skip moves on", async () => {
    const [a, b] = [await r.load(A), await r.load(B)];
    r.player.queue.setLoop("track");
    await r.player.queue.add(b);
    await r.player.play(a);
    await until(() => started.length === 1, "a started");
    await playThrough(2);
    expect(started).toEqual([A, A, A]);
    await r.player.skip();
    await until(() => started.length === 4, "b started");
    expect(started[3]).toBe(B);
  });

  it("queue loop cycles through the queue forever", async () => {
    const t = [await r.load(A), await r.load(B), await r.load(C)];
    r.player.queue.setLoop("queue");
    await r.player.queue.add(t);
    await r.player.play();
    await until(() => started.length === 1, "first start");
    await playThrough(5);
    expect(started).toEqual([A, B, C, A, B, C]);
    expect(r.player.queue.size).toBe(2);
  });

  it("off: the queue drains and the player stops", async () => {
    const t = [await r.load(A), await r.load(B)];
    await r.player.queue.add(t);
    await r.player.play();
    await until(() => started.length === 1, "first start");
    await playThrough(1);
    for (let i = 0; i < 100 && r.truth()?.track; i++) await r.advance(5_000);
    expect(started).toEqual([A, B]);
    expect(r.truth()?.track).toBeNull();
    expect(r.player.queue.history.map((x) => x.identifier)).toEqual([B, A]);
  });
});
