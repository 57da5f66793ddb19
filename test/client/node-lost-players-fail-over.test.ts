import { describe, expect, it } from "vitest";
import type { Node, Player } from "../../src/client/index.js";
import { catalogTrack, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("players of a node that does not come back move to a healthy node", () => {
  it("plays on again on the other node from where the dead node stopped", async () => {
    const env = await sonoraEnv({ nodes: ["a", "b"], client: STEADY_CLIENT });
    const { client } = env;
    const [a, b] = [env.simulatorOf("a"), env.simulatorOf("b")];
    const nodeA = client.nodes.get("a")!;

    const loaded = await client.load(catalogTrack("survivor"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(TEST_GUILD_ID, { node: "a" });
    await player.update({ track: { encoded: loaded.data.encoded }, volume: 80, filters: { volume: 0.5 } });
    await env.advance(30_000);

    const moved = client.waitFor("playerMove");
    const lost = client.waitFor("nodeLost");
    await a.stop();
    await waitUntil(() => nodeA.state === "reconnecting", "the client notices a is gone");
    // Three refused reconnects, one second apart, then the client gives up on a.
    const [movedPlayer, from, to] = (await env.drive(moved, { stepMs: 500 })) as [Player, Node, Node];
    await lost;
    expect(nodeA.state).toBe("disconnected");
    expect(movedPlayer).toBe(player);
    expect([from.name, to.name]).toEqual(["a", "b"]);
    expect(player.node.name).toBe("b");

    const onB = b.getPlayer(undefined, TEST_GUILD_ID)!;
    expect(onB.track?.info.identifier).toBe(catalogTrack("survivor"));
    expect(onB).toMatchObject({ paused: false, volume: 80, filters: { volume: 0.5 } });
    // The move asked b to start where a stopped (30 s); b has been playing since.
    const patch = b.log
      .filter({ kind: "rest", method: "PATCH", direction: "in" })
      .find((e) => e.body?.includes('"position"'));
    expect(JSON.parse(patch!.body!).position).toBe(30_000);
    expect(onB.state.position).toBeGreaterThanOrEqual(30_000);
    expect(player.position).toBe(onB.state.position);
    await env.advance(5_000);
    expect(player.position).toBe(b.getPlayer(undefined, TEST_GUILD_ID)!.state.position);
  });
});
