import { describe, expect, it } from "vitest";
import { catalogTrack, TEST_GUILD_ID } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("player.moveTo and destroy", () => {
  it("moves track, position, paused, volume and filters to the other node, then destroys cleanly", async () => {
    const env = await sonoraEnv({ nodes: ["a", "b"], client: STEADY_CLIENT });
    const { client } = env;
    const [a, b] = [env.simulatorOf("a"), env.simulatorOf("b")];
    const loaded = await client.load(catalogTrack("mover"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(TEST_GUILD_ID, { node: "a" });
    await player.update({
      track: { encoded: loaded.data.encoded },
      volume: 30,
      filters: { timescale: { rate: 2 } },
    });
    await env.advance(10_000);
    await player.update({ paused: true });
    expect(player.position).toBe(20_000);

    await player.moveTo(client.nodes.get("b")!);
    expect(player.node.name).toBe("b");
    expect(a.getPlayer(undefined, TEST_GUILD_ID)).toBeUndefined();
    expect(b.getPlayer(undefined, TEST_GUILD_ID)).toMatchObject({
      paused: true,
      volume: 30,
      filters: { timescale: { rate: 2 } },
      state: { position: 20_000 },
    });
    expect(b.getPlayer(undefined, TEST_GUILD_ID)?.track?.info.identifier).toBe(catalogTrack("mover"));

    await player.destroy();
    expect(player.destroyed).toBe(true);
    expect(b.getPlayer(undefined, TEST_GUILD_ID)).toBeUndefined();
    expect(client.players.has(TEST_GUILD_ID)).toBe(false);
    await expect(player.update({ volume: 1 })).rejects.toMatchObject({ code: "CLIENT_STATE" });
  });
});
