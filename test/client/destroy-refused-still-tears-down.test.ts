import { describe, expect } from "vitest";
import { LavalinkRestError } from "../../src/index.js";
import { catalogTrack } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("player.destroy() when the node refuses the DELETE", () => {
  test("rejects with the node's error, yet the local teardown completes: playerDestroy once, listeners gone", async ({
    sonora,
    player,
  }) => {
    await player.play(await sonora.loadTrack(catalogTrack("stubborn")));
    sonora.simulator.faults.add({
      type: "rest-error",
      status: 400,
      toxicity: 1,
      route: "DELETE /v4/sessions/*/players/*",
    });
    const destroyed: string[] = [];
    sonora.client.on("playerDestroy", (p) => destroyed.push(p.guildId));
    player.on("trackEnd", () => undefined);
    const error = await player.destroy().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavalinkRestError);
    expect(destroyed).toEqual([player.guildId]);
    expect(player.listenerCount("trackEnd")).toBe(0);
    expect(player.destroyed).toBe(true);
    expect(sonora.client.players.has(player.guildId)).toBe(false);
    // Idempotent: a second call neither throws nor emits again.
    await player.destroy();
    expect(destroyed).toHaveLength(1);
  });
});
