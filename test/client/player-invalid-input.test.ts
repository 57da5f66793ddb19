import { describe, expect } from "vitest";
import { ClientStateError, InvalidOptionError, InvalidTrackError, QueueFullError } from "../../src/index.js";
import { catalogTrack } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("invalid input to the player is refused with typed errors and changes nothing", () => {
  test("play(null), play(42), play({}), play('not-base64') and bad options", async ({ sonora, player }) => {
    const t = await sonora.loadTrack(catalogTrack("keep"));
    await player.play(t);
    const historyBefore = player.queue.history.length;
    for (const bad of [null, 42, {}, { encoded: "x" }, "%%%not-a-track%%%"]) {
      const err = await player.play(bad as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidTrackError);
      expect((err as InvalidTrackError).code).toBe("INVALID_TRACK");
    }
    await expect(player.play(t, { volume: 1001 })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(player.play(t, { startTime: -5 })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(player.setVolume(-1)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(player.setVolume(2.5)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(player.seek(Number.NaN)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(player.queue.add(null as never)).rejects.toBeInstanceOf(InvalidTrackError);
    expect(player.currentTrack).toBe(t);
    expect(player.queue.history.length).toBe(historyBefore);
    expect(sonora.nodePlayer()).toMatchObject({
      volume: 100,
      track: { info: { identifier: catalogTrack("keep") } },
    });
  });

  test("seek without a track is a state error; a full queue refuses the add", async ({ sonora, player }) => {
    await expect(player.seek(1_000)).rejects.toBeInstanceOf(ClientStateError);
    player.queue.maxSize = 2;
    await player.queue.add([
      await sonora.loadTrack(catalogTrack("a")),
      await sonora.loadTrack(catalogTrack("b")),
    ]);
    await expect(player.queue.add(await sonora.loadTrack(catalogTrack("c")))).rejects.toBeInstanceOf(
      QueueFullError,
    );
    expect(player.queue.size).toBe(2);
  });
});
