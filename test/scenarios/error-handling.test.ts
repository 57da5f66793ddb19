import { describe, expect } from "vitest";
import { InvalidTrackError, type Track } from "../../src/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: error handling — bad input and empty states", () => {
  test("play(null) rejects with a typed error and changes nothing; clear; skip on an empty queue", async ({
    sonora,
    player,
  }) => {
    const [playing, queued] = sonora.tracks(2);
    await player.play(playing!);
    await player.queue.add(queued!);

    const error = await player.play(null as unknown as Track).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTrackError);
    expect(error).toMatchObject({ code: "INVALID_TRACK" });
    expect((error as Error).message).toMatch(/null/);
    expect(player.currentTrack).toBe(playing);
    expect(player.queue.upcoming).toEqual([queued]);
    expect(sonora.simulator.getPlayer(undefined, player.guildId)?.track?.info.identifier).toBe(
      playing!.identifier,
    );

    await expect(player.queue.add({ not: "a track" } as unknown as Track)).rejects.toBeInstanceOf(
      InvalidTrackError,
    );
    expect(player.queue.size).toBe(1);

    expect(await player.queue.clear()).toBe(1);
    expect(player.queue.isEmpty).toBe(true);
    expect(player.currentTrack).toBe(playing); // clearing the queue does not stop the track

    // Nothing queued: skip stops the current track and resolves null, without an error.
    const errors: unknown[] = [];
    sonora.client.on("error", (e) => errors.push(e));
    expect(await player.skip()).toBeNull();
    expect(player.currentTrack).toBeNull();
    expect(sonora.simulator.getPlayer(undefined, player.guildId)?.track).toBeNull();
    // Again, with nothing playing at all.
    expect(await player.skip()).toBeNull();
    await sonora.settle();
    expect(errors).toEqual([]);
  });
});
