import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LavalinkRestError } from "../../src/index.js";
import { type Rig, rig, song, until } from "./helpers/playback.js";

describe("the node refuses the track the queue advances to when one ends", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  it("reports the error, and a later play() starts that same track (none is skipped)", async () => {
    const a = await r.load(song("a", 10_000));
    const b = await r.load(song("b", 60_000));
    const c = await r.load(song("c", 60_000));
    await r.player.play(a);
    await r.player.queue.add([b, c]);
    const errors: unknown[] = [];
    r.client.on("error", (e) => errors.push(e));
    const fault = r.sim.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    await r.advance(12_000);
    await until(() => errors.length > 0, "the refused auto-advance is reported");
    expect(errors[0]).toBeInstanceOf(LavalinkRestError);
    expect(r.player.currentTrack).toBeNull();
    expect(r.player.queue.upcoming[0]).toBe(b);
    r.sim.faults.remove(fault);
    expect(await r.player.play()).toBe(b);
    expect(r.truth()?.track?.info.identifier).toBe(b.identifier);
    expect(r.player.queue.upcoming).toEqual([c]);
  });
});
