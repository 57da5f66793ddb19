import { describe, expect } from "vitest";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: basic playback — play, pause, resume", () => {
  test("a track plays, holds its position while paused, and continues after resume", async ({
    sonora,
    player,
  }) => {
    const [track] = (await sonora.client.search("basic playback")).tracks;
    if (track === undefined) throw new Error("search returned no track");

    const started = sonora.waitForEvent("trackStart");
    const current = await player.play(track);
    expect(current).toBe(track);
    const [, startedTrack] = await started;
    expect(startedTrack).toBe(track);
    expect(player.playing).toBe(true);

    await sonora.advance(20_000);
    expect(player.position).toBe(20_000);

    await player.pause();
    expect(player.paused).toBe(true);
    expect(player.playing).toBe(false);
    await sonora.advance(30_000);
    expect(player.position).toBe(20_000);
    const node = sonora.simulator.getPlayer(undefined, player.guildId);
    expect(node).toMatchObject({ paused: true, state: { position: 20_000 } });

    await player.resume();
    expect(player.paused).toBe(false);
    await sonora.advance(10_000);
    expect(player.position).toBe(30_000);
    expect(sonora.simulator.getPlayer(undefined, player.guildId)).toMatchObject({
      paused: false,
      track: { info: { identifier: track.identifier } },
      state: { position: 30_000 },
    });

    const [, ended, reason] = await sonora.advanceUntil("trackEnd");
    expect(ended).toBe(track);
    expect(reason).toBe("finished");
    expect(player.currentTrack).toBeNull();
  });
});
