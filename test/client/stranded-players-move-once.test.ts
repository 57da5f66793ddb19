import { describe, expect, it } from "vitest";
import type { Player } from "../../src/client/index.js";
import { catalogTrack, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

const GUILDS = ["817327181659111451", "817327181659111452", "817327181659111453", "817327181659111454"];

describe("players stranded on a lost node move exactly once when two nodes come back together", () => {
  it("each player gets one playerMove and ends on the node it was moved to", async () => {
    const env = await sonoraEnv({
      nodes: [{ name: "a", node: { reconnect: { maxRetries: 0 } } }, "b", "c"],
      client: STEADY_CLIENT,
    });
    const { client } = env;
    const [a, b, c] = [env.simulatorOf("a"), env.simulatorOf("b"), env.simulatorOf("c")];
    const [nodeA, nodeB, nodeC] = ["a", "b", "c"].map((n) => client!.nodes.get(n)!);
    const loaded = await client.load(catalogTrack("stranded"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const players: Player[] = [];
    for (const guild of GUILDS) {
      const p = await client.getPlayer(guild, { node: "a" });
      await p.update({ track: { encoded: loaded.data.encoded } });
      players.push(p);
    }
    const moves: string[] = [];
    client.on("playerMove", (p, from, to) => moves.push(`${p.guildId}:${from.name}->${to.name}`));

    // b and c drop (they will come back after the 1 s backoff); a drops for good meanwhile.
    b.dropConnection(nodeB!.sessionId!);
    c.dropConnection(nodeC!.sessionId!);
    await waitUntil(() => nodeB!.state === "reconnecting" && nodeC!.state === "reconnecting", "b and c drop");
    a.dropConnection(nodeA!.sessionId!);
    await waitUntil(() => nodeA!.state === "disconnected", "a is lost");
    expect(moves).toEqual([]); // nowhere to go yet

    await env.advanceUntil(() => players.every((p) => p.node !== nodeA) && moves.length >= GUILDS.length, {
      description: "all moved",
      stepMs: 500,
    });
    // Let any second evacuation finish its work.
    await env.advance(2_000, { stepMs: 100 });
    expect(moves).toHaveLength(GUILDS.length);
    expect(new Set(moves.map((m) => m.split(":")[0])).size).toBe(GUILDS.length);
    for (const p of players) {
      const sim = p.node === nodeB ? b : c;
      const other = p.node === nodeB ? c : b;
      expect(sim.getPlayer(undefined, p.guildId)?.track?.info.identifier).toBe(catalogTrack("stranded"));
      expect(other.getPlayer(undefined, p.guildId)?.track ?? null).toBeNull();
    }
  });
});
