import { describe, expect } from "vitest";
import type { Track } from "../../src/client/track.js";
import type { Player } from "../../src/index.js";
import { LavalinkRestError } from "../../src/index.js";
import { catalogTrack, type TestEnvironment } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

/** What a refused command must leave exactly as it was (same objects, same order). */
function snapshot(player: Player) {
  return {
    currentTrack: player.currentTrack,
    current: player.queue.current,
    upcoming: [...player.queue.upcoming],
    history: [...player.queue.history],
    duration: player.queue.duration,
  };
}

describe("a player command the node refuses leaves the player and its queue exactly as before", () => {
  let a: Track;
  let b: Track;
  let c: Track;
  let x: Track;
  test.beforeEach(async ({ sonora }) => {
    a = await sonora.loadTrack(catalogTrack("a", 60_001));
    b = await sonora.loadTrack(catalogTrack("b", 60_002));
    c = await sonora.loadTrack(catalogTrack("c", 60_003));
    x = await sonora.loadTrack(catalogTrack("x", 60_004));
  });

  /** From now on the node answers every player PATCH with 400 (never retried). */
  function refuse(sonora: TestEnvironment) {
    return sonora.simulator.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
  }

  async function playing(player: Player): Promise<void> {
    await player.play(b);
    await player.play(a); // b goes to the history
    await player.queue.add([c, x]);
  }

  test("play(track): currentTrack, queue.current, upcoming and history unchanged; userData untouched", async ({
    sonora,
    player,
  }) => {
    await playing(player);
    const before = snapshot(player);
    refuse(sonora);
    const fresh = await sonora.loadTrack(catalogTrack("fresh"));
    const error = await player.play(fresh, { userData: { requester: "42" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavalinkRestError);
    expect((error as LavalinkRestError).status).toBe(400);
    expect(snapshot(player)).toEqual(before);
    expect(player.queue.history[0]).toBe(b);
    expect(fresh.userData).toEqual({});
    expect(sonora.nodePlayer()?.track?.info.identifier).toBe(a.identifier);
  });

  test("play(track) after success assigns userData", async ({ sonora, player }) => {
    await player.play(a, { userData: { requester: "42" } });
    expect(a.userData).toEqual({ requester: "42" });
    expect(sonora.nodePlayer()?.track?.userData).toEqual({ requester: "42" });
  });

  test("play() on an idle player: the queued track stays queued", async ({ sonora, player }) => {
    await player.queue.add([c, x]);
    const before = snapshot(player);
    refuse(sonora);
    await expect(player.play()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(player)).toEqual(before);
    expect(player.queue.current).toBeNull();
  });

  test("skip(), also in queue loop (the current track is not left re-queued at the end)", async ({
    sonora,
    player,
  }) => {
    await playing(player);
    player.queue.setLoop("queue");
    const before = snapshot(player);
    refuse(sonora);
    await expect(player.skip()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(player)).toEqual(before);
    expect(player.queue.upcoming).toEqual([c, x]);
  });

  test("previous()", async ({ sonora, player }) => {
    await playing(player);
    const before = snapshot(player);
    refuse(sonora);
    await expect(player.previous()).rejects.toBeInstanceOf(LavalinkRestError);
    expect(snapshot(player)).toEqual(before);
  });

  test("a full history: the entry trimmed by the refused play comes back", async ({ sonora, player }) => {
    player.queue.historySize = 1;
    await playing(player);
    expect(player.queue.history).toEqual([b]);
    refuse(sonora);
    await expect(player.play(x)).rejects.toBeInstanceOf(LavalinkRestError);
    expect(player.queue.history).toEqual([b]);
    expect(player.queue.current).toBe(a);
  });

  test("a later command's state stands: it is not undone by an earlier refusal", async ({
    sonora,
    player,
  }) => {
    await playing(player);
    const fault = refuse(sonora);
    const first = player.play(x).catch((e: unknown) => e);
    // Called before the first answer: the queue already moved on to c.
    const second = player.skip().catch((e: unknown) => e);
    expect(await first).toBeInstanceOf(LavalinkRestError);
    sonora.simulator.faults.remove(fault);
    expect(await second).toBe(c);
    expect(player.queue.current).toBe(c);
    expect(player.currentTrack).toBe(c);
  });
});
