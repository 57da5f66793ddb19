import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ClientStateError, InvalidOptionError, InvalidTrackError, QueueFullError } from "../../src/index.js";
import { type Rig, rig, song } from "./helpers/playback.js";

describe("invalid input to the player is refused with typed errors and changes nothing", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig({});
  });
  afterEach(async () => {
    await r.close();
  });

  it("play(null), play(42), play({}), play('not-base64') and bad options", async () => {
    const t = await r.load(song("keep"));
    await r.player.play(t);
    const historyBefore = r.player.queue.history.length;
    for (const bad of [null, 42, {}, { encoded: "x" }, "%%%not-a-track%%%"]) {
      const err = await r.player.play(bad as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidTrackError);
      expect((err as InvalidTrackError).code).toBe("INVALID_TRACK");
    }
    await expect(r.player.play(t, { volume: 1001 })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(r.player.play(t, { startTime: -5 })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(r.player.setVolume(-1)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(r.player.setVolume(2.5)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(r.player.seek(Number.NaN)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(r.player.queue.add(null as never)).rejects.toBeInstanceOf(InvalidTrackError);
    expect(r.player.currentTrack).toBe(t);
    expect(r.player.queue.history.length).toBe(historyBefore);
    expect(r.truth()).toMatchObject({ volume: 100, track: { info: { identifier: song("keep") } } });
  });

  it("seek without a track is a state error; a full queue refuses the add", async () => {
    await expect(r.player.seek(1_000)).rejects.toBeInstanceOf(ClientStateError);
    r.player.queue.maxSize = 2;
    await r.player.queue.add([await r.load(song("a")), await r.load(song("b"))]);
    await expect(r.player.queue.add(await r.load(song("c")))).rejects.toBeInstanceOf(QueueFullError);
    expect(r.player.queue.size).toBe(2);
  });
});
