import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Track } from "../../src/client/track.js";
import { LavalinkRestError } from "../../src/index.js";
import { type Rig, rig, song } from "./helpers/playback.js";

/** What a refused command must leave exactly as it was (same objects, same order). */
function snapshot(r: Rig) {
  return {
    currentTrack: r.player.currentTrack,
    current: r.player.queue.current,
    upcoming: [...r.player.queue.upcoming],
    history: [...r.player.queue.history],
    duration: r.player.queue.duration,
  };
}

describe("a player command the node refuses leaves the player and its queue exactly as before", () => {
  let r: Rig;
  let a: Track;
  let b: Track;
  let c: Track;
  let x: Track;
  beforeEach(async () => {
    r = await rig();
    a = await r.load(song("a", 60_001));
    b = await r.load(song("b", 60_002));
    c = await r.load(song("c", 60_003));
    x = await r.load(song("x", 60_004));
  });
  afterEach(async () => {
    await r.close();
  });

  /** From now on the node answers every player PATCH with 400 (never retried). */
  function refuse() {
    return r.sim.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
  }

  async function playing(): Promise<void> {
    await r.player.play(b);
    await r.player.play(a); // b goes to the history
    await r.player.queue.add([c, x]);
  }

  it("play(track): currentTrack, queue.current, upcoming and history unchanged; userData untouched", async () => {
    await playing();
    const before = snapshot(r);
    refuse();
    const fresh = await r.load(song("fresh"));
    const error = await r.player.play(fresh, { userData: { requester: "42" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavalinkRestError);
    expect((error as LavalinkRestError).status).toBe(400);
    expect(snapshot(r)).toEqual(before);
    expect(r.player.queue.history[0]).toBe(b);
    expect(fresh.userData).toEqual({});
    expect(r.truth()?.track?.info.identifier).toBe(a.identifier);
  });

  it("play(track) after success assigns userData", async () => {
    await r.player.play(a, { userData: { requester: "42" } });
    expect(a.userData).toEqual({ requester: "42" });
    expect(r.truth()?.track?.userData).toEqual({ requester: "42" });
  });

  it("play() on an idle player: the queued track stays queued", async () => {
    await r.player.queue.add([c, x]);
    const before = snapshot(r);
    refuse();
    await expect(r.player.play()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(r)).toEqual(before);
    expect(r.player.queue.current).toBeNull();
  });

  it("skip(), also in queue loop (the current track is not left re-queued at the end)", async () => {
    await playing();
    r.player.queue.setLoop("queue");
    const before = snapshot(r);
    refuse();
    await expect(r.player.skip()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(r)).toEqual(before);
    expect(r.player.queue.upcoming).toEqual([c, x]);
  });

  it("previous()", async () => {
    await playing();
    const before = snapshot(r);
    refuse();
    await expect(r.player.previous()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(r)).toEqual(before);
  });

  it("a full history: the entry trimmed by the refused play comes back", async () => {
    r.player.queue.historySize = 1;
    await playing();
    expect(r.player.queue.history).toEqual([b]);
    refuse();
    await expect(r.player.play(x)).rejects.toBeInstanceOf(LavalinkRestError);
    expect(r.player.queue.history).toEqual([b]);
    expect(r.player.queue.current).toBe(a);
  });

  it("a later command's state stands: it is not undone by an earlier refusal", async () => {
    await playing();
    const fault = refuse();
    const first = r.player.play(x).catch((e: unknown) => e);
    // Called before the first answer: the queue already moved on to c.
    const second = r.player.skip().catch((e: unknown) => e);
    expect(await first).toBeInstanceOf(LavalinkRestError);
    r.sim.faults.remove(fault);
    expect(await second).toBe(c);
    expect(r.player.queue.current).toBe(c);
    expect(r.player.currentTrack).toBe(c);
  });
});
