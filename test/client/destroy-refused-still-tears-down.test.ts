import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LavalinkRestError } from "../../src/index.js";
import { type Rig, rig, song } from "./helpers/playback.js";

describe("player.destroy() when the node refuses the DELETE", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  it("rejects with the node's error, yet the local teardown completes: playerDestroy once, listeners gone", async () => {
    await r.player.play(await r.load(song("stubborn")));
    r.sim.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "DELETE /v4/sessions/*/players/*",
    });
    const destroyed: string[] = [];
    r.client.on("playerDestroy", (p) => destroyed.push(p.guildId));
    r.player.on("trackEnd", () => undefined);
    const error = await r.player.destroy().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavalinkRestError);
    expect(destroyed).toEqual([r.player.guildId]);
    expect(r.player.listenerCount("trackEnd")).toBe(0);
    expect(r.player.destroyed).toBe(true);
    expect(r.client.players.has(r.player.guildId)).toBe(false);
    // Idempotent: a second call neither throws nor emits again.
    await r.player.destroy();
    expect(destroyed).toHaveLength(1);
  });
});
