import { describe, expect } from "vitest";
import { catalogTrack, waitUntil } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("player.destroy() while a play request is still on its way", () => {
  test("the node ends with no player for the guild (the late PATCH does not resurrect it)", async ({
    sonora,
    player,
  }) => {
    const track = await sonora.loadTrack(catalogTrack("ghost"));
    // The node applies player PATCHes 500 ms late (a slow network on the way in).
    sonora.simulator.faults.add({
      type: "latency",
      latency: 500,
      toxicity: 1,
      direction: "upstream",
      route: "PATCH /v4/sessions/*/players/*",
    });
    const destroyed: string[] = [];
    sonora.client.on("playerDestroy", (p) => destroyed.push(p.guildId));
    const play = player.play(track).catch((e: unknown) => e);
    await waitUntil(() => player.node.rest.inFlightCount > 0, "the play PATCH is on its way");
    const destroy = player.destroy();
    await sonora.drive(destroy);
    await sonora.drive(play);
    // Give any straggling request time to land on the node.
    await sonora.advance(2_000);
    await waitUntil(
      () => sonora.simulator.log.filter({ kind: "rest", method: "DELETE", direction: "in" }).length > 0,
      "DELETE",
    );
    expect(sonora.nodePlayer()).toBeUndefined();
    expect(destroyed).toEqual([player.guildId]);
    expect(player.destroyed).toBe(true);
  });
});
