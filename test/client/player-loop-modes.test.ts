import { describe, expect } from "vitest";
import { catalogTrack, type TestEnvironment, waitUntil } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

const [A, B, C] = [catalogTrack("a"), catalogTrack("b"), catalogTrack("c")];

describe("loop modes on the simulator", () => {
  const started: string[] = [];
  test.beforeEach(async ({ player }) => {
    started.length = 0;
    player.on("trackStart", (t) => started.push(t.identifier));
  });

  async function playThrough(sonora: TestEnvironment, n: number): Promise<void> {
    const target = started.length + n;
    for (let i = 0; i < 400 && started.length < target; i++) await sonora.advance(5_000);
    await waitUntil(() => started.length >= target, `${n} more starts`);
  }

  test("track loop repeats the track on a natural end; skip moves on", async ({ sonora, player }) => {
    const [a, b] = [await sonora.loadTrack(A), await sonora.loadTrack(B)];
    player.queue.setLoop("track");
    await player.queue.add(b);
    await player.play(a);
    await waitUntil(() => started.length === 1, "a started");
    await playThrough(sonora, 2);
    expect(started).toEqual([A, A, A]);
    await player.skip();
    await waitUntil(() => started.length === 4, "b started");
    expect(started[3]).toBe(B);
  });

  test("queue loop cycles through the queue forever", async ({ sonora, player }) => {
    const t = [await sonora.loadTrack(A), await sonora.loadTrack(B), await sonora.loadTrack(C)];
    player.queue.setLoop("queue");
    await player.queue.add(t);
    await player.play();
    await waitUntil(() => started.length === 1, "first start");
    await playThrough(sonora, 5);
    expect(started).toEqual([A, B, C, A, B, C]);
    expect(player.queue.size).toBe(2);
  });

  test("off: the queue drains and the player stops", async ({ sonora, player }) => {
    const t = [await sonora.loadTrack(A), await sonora.loadTrack(B)];
    await player.queue.add(t);
    await player.play();
    await waitUntil(() => started.length === 1, "first start");
    await playThrough(sonora, 1);
    for (let i = 0; i < 100 && sonora.nodePlayer()?.track; i++) await sonora.advance(5_000);
    expect(started).toEqual([A, B]);
    expect(sonora.nodePlayer()?.track).toBeNull();
    expect(player.queue.history.map((x) => x.identifier)).toEqual([B, A]);
  });
});
