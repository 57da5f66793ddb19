import { describe, expect } from "vitest";
import type { Track } from "../../src/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: concurrent operations", () => {
  test("ten concurrent adds leave exactly ten upcoming tracks, in call order", async ({ sonora, player }) => {
    const tracks = sonora.tracks(10);
    await Promise.all(tracks.map((t) => player.queue.add(t)));
    expect(player.queue.size).toBe(10);
    expect(player.queue.upcoming).toEqual(tracks);
  });

  test("adds racing skips end in the state their call order describes; nothing is lost or doubled", async ({
    sonora,
    player,
  }) => {
    const tracks = sonora.tracks(12);
    // The contract (docs/player.md): each call changes the queue when it is made and requests reach
    // the node in call order. So the end state is what a sequential model of the same calls gives.
    const model: { upcoming: Track[]; current: Track | null; history: Track[] } = {
      upcoming: [],
      current: null,
      history: [],
    };
    const ops: Promise<unknown>[] = [];
    tracks.forEach((track, i) => {
      ops.push(player.queue.add(track));
      model.upcoming.push(track);
      if (i % 3 === 2) {
        ops.push(player.skip());
        if (model.current) model.history.unshift(model.current);
        model.current = model.upcoming.shift() ?? null;
      }
    });
    await Promise.all(ops);
    await sonora.settle();

    expect(player.currentTrack).toBe(model.current);
    expect(player.queue.upcoming).toEqual(model.upcoming);
    expect(player.queue.history.slice(0, model.history.length)).toEqual(model.history);
    // The node plays exactly what the client believes.
    expect(sonora.simulator.getPlayer(undefined, player.guildId)?.track?.info.identifier).toBe(
      model.current?.identifier,
    );
    // Every track is in exactly one place.
    const everywhere = [...player.queue.history, player.currentTrack, ...player.queue.upcoming];
    expect(everywhere).toHaveLength(tracks.length);
    expect(new Set(everywhere)).toEqual(new Set(tracks));
  });
});
