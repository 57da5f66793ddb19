import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { drive, type Rig, rig, song, until } from "./helpers/playback.js";

describe("player.destroy() while a play request is still on its way", () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });
  afterEach(async () => {
    await r.close();
  });

  it("the node ends with no player for the guild (the late PATCH does not resurrect it)", async () => {
    const track = await r.load(song("ghost"));
    // The node applies player PATCHes 500 ms late (a slow network on the way in).
    r.sim.faults.add({
      type: "latency",
      latency: 500,
      toxicity: 1,
      direction: "upstream",
      route: "PATCH /v4/sessions/*/players/*",
    });
    const destroyed: string[] = [];
    r.client.on("playerDestroy", (p) => destroyed.push(p.guildId));
    const play = r.player.play(track).catch((e: unknown) => e);
    await until(() => r.player.node.rest.inFlightCount > 0, "the play PATCH is on its way");
    const destroy = r.player.destroy();
    await drive(r.clock, destroy);
    await drive(r.clock, play);
    // Give any straggling request time to land on the node.
    await r.advance(2_000);
    await until(
      () => r.sim.log.filter({ kind: "rest", method: "DELETE", direction: "in" }).length > 0,
      "DELETE",
    );
    expect(r.truth()).toBeUndefined();
    expect(destroyed).toEqual([r.player.guildId]);
    expect(r.player.destroyed).toBe(true);
  });
});
