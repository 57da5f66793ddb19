import { describe, expect } from "vitest";
import { AutoplayConfigError, type Track } from "../../src/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("scenario: autoplay configuration", () => {
  test("configured autoplay keeps music going when the queue runs dry; turned off, the player goes idle", async ({
    sonora,
    player,
  }) => {
    expect(player.autoplay.enabled).toBe(false);
    player.autoplay.configure({ enabled: true, strategy: "similar_artist", maxHistory: 20 });
    expect(player.autoplay.options).toMatchObject({
      enabled: true,
      strategy: "similar_artist",
      maxHistory: 20,
    });

    const [seed] = (await sonora.client.search("autoplay seed")).tracks;
    await player.play(seed!);
    const started: Track[] = [];
    sonora.client.on("trackStart", (_p, track) => started.push(track));
    // The seed ends; autoplay picks the next one with nothing queued.
    const [, recommended] = await sonora.advanceUntil("trackStart");
    expect(recommended.identifier).not.toBe(seed!.identifier);
    expect(player.currentTrack).toBe(recommended);
    expect(sonora.simulator.getPlayer(undefined, player.guildId)?.track?.info.identifier).toBe(
      recommended.identifier,
    );
    expect(player.queue.history[0]?.identifier).toBe(seed!.identifier);

    player.autoplay.configure({ enabled: false });
    const [, ended, reason] = await sonora.advanceUntil("trackEnd");
    expect(ended).toBe(recommended);
    expect(reason).toBe("finished");
    await sonora.advance(30_000);
    expect(player.currentTrack).toBeNull();
    expect(started).toEqual([recommended]);
  });

  test("invalid settings are refused with a typed error naming the option", async ({ player }) => {
    expect(() => player.autoplay.configure({ strategy: "loudest" as "mixed" })).toThrow(AutoplayConfigError);
    expect(() => player.autoplay.configure({ maxHistory: -1 })).toThrow(/maxHistory/);
    expect(player.autoplay.enabled).toBe(false);
  });
});
