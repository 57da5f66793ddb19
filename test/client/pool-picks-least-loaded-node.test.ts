import { describe, expect, it } from "vitest";
import { catalogTrack, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("the pool gives new players to the least-loaded ready node", () => {
  it("follows load another client put on a node (from stats) and never uses a down node", async () => {
    const env = await sonoraEnv({
      nodes: ["a", "b"],
      simulator: { statsInterval: 1_000 },
      client: STEADY_CLIENT,
      connect: false,
    });
    const b = env.simulatorOf("b");

    // Another bot plays three tracks on node a.
    const other = env.createClient({
      ...STEADY_CLIENT,
      nodes: [env.nodes[0]!],
      userId: "222222222222222222",
    });
    await other.start();
    const loaded = await other.load(catalogTrack("busy"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    for (const guild of ["11", "12", "13"]) {
      await (await other.getPlayer(guild)).update({ track: { encoded: loaded.data.encoded } });
    }

    const { client } = env;
    await client.start();
    await env.advance(1_000);
    await waitUntil(() => client.nodes.get("a")?.stats?.playingPlayers === 3, "node a reports three players");
    expect(client.nodes.get("a")!.penalty).toBeGreaterThan(client.nodes.get("b")!.penalty);
    const first = await client.getPlayer("21");
    expect(first.node.name).toBe("b");

    // Our own players count at once, before the next stats frame: b fills up to a's load.
    for (const guild of ["22", "23", "24"]) {
      const p = await client.getPlayer(guild);
      await p.update({ track: { encoded: loaded.data.encoded } });
    }
    await first.update({ track: { encoded: loaded.data.encoded } });
    const placed = [first, ...(await Promise.all(["22", "23", "24"].map((g) => client.getPlayer(g))))];
    expect(placed.filter((p) => p.node.name === "b").length).toBeGreaterThanOrEqual(3);

    // A node that is down gets nothing.
    await b.stop();
    await waitUntil(() => client.nodes.get("b")?.state !== "ready", "the client notices b is gone");
    expect((await client.getPlayer("31")).node.name).toBe("a");
  });
});
