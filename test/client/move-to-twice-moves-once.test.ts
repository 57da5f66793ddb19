import { describe, expect, it } from "vitest";
import { catalogTrack, TEST_GUILD_ID } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("player.moveTo called again while a move is in flight", () => {
  it("to the same node: one move, one playerMove, one restore on the target", async () => {
    const env = await sonoraEnv({ nodes: ["a", "b"], client: STEADY_CLIENT });
    const { client } = env;
    const [a, b] = [env.simulatorOf("a"), env.simulatorOf("b")];
    const loaded = await client.load(catalogTrack("twice"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(TEST_GUILD_ID, { node: "a" });
    await player.update({ track: { encoded: loaded.data.encoded } });
    await env.advance(10_000);
    const moves: string[] = [];
    client.on("playerMove", (_p, from, to) => moves.push(`${from.name}->${to.name}`));

    const nodeB = client.nodes.get("b")!;
    await Promise.all([player.moveTo(nodeB), player.moveTo(nodeB)]);
    expect(moves).toEqual(["a->b"]);
    expect(player.node).toBe(nodeB);
    const patches = b.log.filter({ kind: "rest", method: "PATCH", direction: "in" });
    expect(patches.filter((e) => e.body?.includes('"track"'))).toHaveLength(1);
    expect(b.getPlayer(undefined, TEST_GUILD_ID)?.track?.info.identifier).toBe(catalogTrack("twice"));
    expect(a.getPlayer(undefined, TEST_GUILD_ID)).toBeUndefined();
  });

  it("to two nodes in turn: the moves run one after the other and the player ends on the last", async () => {
    const env = await sonoraEnv({ nodes: ["a", "b", "c"], client: STEADY_CLIENT });
    const { client } = env;
    const [a, b, c] = [env.simulatorOf("a"), env.simulatorOf("b"), env.simulatorOf("c")];
    const loaded = await client.load(catalogTrack("hops"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(TEST_GUILD_ID, { node: "a" });
    await player.update({ track: { encoded: loaded.data.encoded } });
    const moves: string[] = [];
    client.on("playerMove", (_p, from, to) => moves.push(`${from.name}->${to.name}`));

    await Promise.all([player.moveTo(client.nodes.get("b")!), player.moveTo(client.nodes.get("c")!)]);
    expect(moves).toEqual(["a->b", "b->c"]);
    expect(player.node.name).toBe("c");
    expect(a.getPlayer(undefined, TEST_GUILD_ID)).toBeUndefined();
    expect(b.getPlayer(undefined, TEST_GUILD_ID)).toBeUndefined();
    expect(c.getPlayer(undefined, TEST_GUILD_ID)?.track?.info.identifier).toBe(catalogTrack("hops"));
  });
});
