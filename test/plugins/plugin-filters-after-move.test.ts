import { describe, expect, it } from "vitest";
import { LavaDspx, type PluginStateLost } from "../../src/index.js";
import { TEST_GUILD_ID as GUILD } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

/**
 * A plugin filter travels with the player's filters on a move, and a node without the filter's
 * plugin drops it without a word (Lavalink's FilterChain). The player says so with
 * `pluginStateLost`, naming the filters it had, so the bot can tell its users or set them again.
 */
describe("a plugin filter on a player moved to a node without its plugin", () => {
  it("is reported lost there with the names it had; the player's filters follow the node", async () => {
    const env = await sonoraEnv({
      nodes: [
        { name: "a", seed: 1, simulator: { plugins: ["lavadspx"] } },
        { name: "b", seed: 2, simulator: { plugins: [] } },
      ],
      client: STEADY_CLIENT,
    });
    const nodeA = env.client.nodes.get("a")!;
    const nodeB = env.client.nodes.get("b")!;
    const player = await env.client.getPlayer(GUILD, { node: nodeA });
    const lost: PluginStateLost[] = [];
    player.on("pluginStateLost", (event) => lost.push(event));
    const cut = LavaDspx.highPass({ cutoffFrequency: 60 });
    await player.setFilters({ volume: 0.9, pluginFilters: { [cut.name]: cut.config } });
    const nodeFilters = (name: string) =>
      env.simulatorOf(name).players.find((p) => p.guildId === GUILD)?.filters;
    expect(Object.keys(nodeFilters("a")?.pluginFilters ?? {})).toEqual(["high-pass"]);

    await player.moveTo(nodeB);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({
      state: "pluginFilters",
      plugin: "lavadspx-plugin",
      node: nodeB,
      wanted: ["high-pass"],
      error: { code: "PLUGIN_UNAVAILABLE" },
    });
    expect(nodeFilters("b")?.pluginFilters).toBeUndefined(); // dropped, as Lavalink drops it
    expect(nodeFilters("b")?.volume).toBe(0.9); // the rest of the filters arrived
    // The player's filters say what the node kept, as after any update.
    expect(player.filters.toPayload()).toEqual({ volume: 0.9 });

    // Back on a node with the plugin, the bot sets it again from what the event said.
    await player.moveTo(nodeA);
    expect(lost).toHaveLength(1); // nothing more lost
    await player.setFilters({ volume: 0.9, pluginFilters: { [cut.name]: cut.config } });
    expect(nodeFilters("a")?.pluginFilters?.["high-pass"]).toMatchObject({ cutoffFrequency: 60 });
  });

  it("a player with no plugin filter, or one no known plugin owns, moves without a report", async () => {
    const env = await sonoraEnv({
      nodes: [
        { name: "a", seed: 1 },
        { name: "b", seed: 2, simulator: { plugins: [] } },
      ],
      client: STEADY_CLIENT,
    });
    const player = await env.client.getPlayer(GUILD, { node: env.client.nodes.get("a")! });
    const lost: PluginStateLost[] = [];
    player.on("pluginStateLost", (event) => lost.push(event));
    await player.setFilters({ volume: 0.5, pluginFilters: { "someones-plugin": { depth: 2 } } });
    await player.moveTo(env.client.nodes.get("b")!);
    expect(lost).toEqual([]);
  });
});
