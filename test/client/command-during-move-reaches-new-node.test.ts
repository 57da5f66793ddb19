import { describe, expect, it } from "vitest";
import { catalogTrack, TEST_GUILD_ID } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("a player command issued while player.moveTo is in flight", () => {
  it("takes effect on the node the player moves to, and the old node keeps no player", async () => {
    const env = await sonoraEnv({ nodes: ["a", "b"], client: STEADY_CLIENT });
    const { client } = env;
    const [a, b] = [env.simulatorOf("a"), env.simulatorOf("b")];
    const player = await client.getPlayer(TEST_GUILD_ID, { node: "a" });
    await player.play((await client.load(catalogTrack("mid-move"))).tracks[0]!);

    const move = player.moveTo(client.nodes.get("b")!);
    const pause = player.pause();
    const volume = player.setVolume(40);
    await Promise.all([move, pause, volume]);

    expect(player.node.name).toBe("b");
    expect(player.paused).toBe(true);
    expect(player.volume).toBe(40);
    expect(b.getPlayer(undefined, TEST_GUILD_ID)).toMatchObject({ paused: true, volume: 40 });
    expect(b.getPlayer(undefined, TEST_GUILD_ID)?.track?.info.identifier).toBe(catalogTrack("mid-move"));
    expect(a.getPlayer(undefined, TEST_GUILD_ID)).toBeUndefined();
  });
});
