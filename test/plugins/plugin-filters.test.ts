import { describe, expect, it } from "vitest";
import { LavaDspx, lavalinkFilterPlugin, PluginUnavailableError } from "../../src/index.js";
import { createTestEnvironment, TEST_PASSWORD, type TestEnvironment } from "../../src/testing/index.js";

/** A raw player PATCH, as a script would send it; the answer's parsed JSON. */
async function patch(
  sonora: TestEnvironment,
  guildId: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const sessionId = sonora.client.nodes.best().sessionId ?? "";
  const res = await fetch(`${sonora.simulator.url}/v4/sessions/${sessionId}/players/${guildId}`, {
    method: "PATCH",
    headers: { Authorization: TEST_PASSWORD, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

function playerPatches(sonora: TestEnvironment): number {
  return sonora.simulator.log
    .filter({ kind: "rest", method: "PATCH", direction: "in" })
    .filter((e) => e.path?.includes("/players/")).length;
}

describe("pluginFilters in the simulated node, as Lavalink's FilterChain parses and echoes them", () => {
  it("names without an extension are dropped silently; none left: the key is left out of the player JSON", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["lavadspx"] } });
    const answer = await patch(sonora, "1", {
      filters: { volume: 0.5, pluginFilters: { "not-registered": { a: 1 }, other: {} } },
    });
    // An empty map equals the field's default, which kotlinx (encodeDefaults = false) omits.
    expect(answer.filters).toEqual({ volume: 0.5 });
    expect(sonora.nodePlayer("1")?.filters).toEqual({ volume: 0.5 });
  });

  it("kept entries come back in the order of the node's extensions, not of the request", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["lavadspx", "filters"] } });
    const answer = await patch(sonora, "1", {
      filters: {
        pluginFilters: {
          "lavalink-filter-plugin": { echo: { delay: 1, decay: 0.5 } },
          stranger: { x: 1 },
          echo: { echoLength: 1, decay: 0.5 },
          "high-pass": { cutoffFrequency: 80 },
        },
      },
    });
    const kept = (answer.filters as { pluginFilters?: Record<string, unknown> }).pluginFilters ?? {};
    expect(Object.keys(kept)).toEqual(["high-pass", "echo", "lavalink-filter-plugin"]);
    expect(kept["high-pass"]).toEqual({ cutoffFrequency: 80 });
  });
});

describe("player.setFilters and the plugins behind known filter names", () => {
  it("a LavaDSPX filter on a node without LavaDSPX: PluginUnavailableError naming it, nothing sent or changed", async () => {
    await using sonora = await createTestEnvironment();
    const player = await sonora.player();
    const sent = playerPatches(sonora);
    const cut = LavaDspx.highPass({ cutoffFrequency: 60 });
    const refused = await player
      .setFilters({ volume: 0.8, pluginFilters: { [cut.name]: cut.config } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PluginUnavailableError);
    expect(refused).toMatchObject({ plugin: "lavadspx-plugin", code: "PLUGIN_UNAVAILABLE" });
    expect((refused as Error).message).toContain('"high-pass"');
    expect(playerPatches(sonora)).toBe(sent);
    expect(player.filters.toPayload().volume).toBeUndefined();
    // The same through the manager: refused on send.
    const echo = lavalinkFilterPlugin({ echo: { delay: 1, decay: 0.5 } });
    player.filters.setPluginFilter(echo.name, echo.config);
    await expect(player.setFilters()).rejects.toMatchObject({ plugin: "lavalink-filter-plugin" });
    expect(playerPatches(sonora)).toBe(sent);
  });

  it("player.update, the escape hatch, runs the same check before sending", async () => {
    await using sonora = await createTestEnvironment();
    const player = await sonora.player();
    const sent = playerPatches(sonora);
    const cut = LavaDspx.highPass({ cutoffFrequency: 60 });
    await expect(
      player.update({ filters: { pluginFilters: { [cut.name]: cut.config } } }),
    ).rejects.toMatchObject({ plugin: "lavadspx-plugin", code: "PLUGIN_UNAVAILABLE" });
    expect(playerPatches(sonora)).toBe(sent);
    // A name no known plugin owns goes through: the node decides (and drops it, as Lavalink).
    await player.update({ filters: { pluginFilters: { stranger: { x: 1 } } } });
    expect(playerPatches(sonora)).toBe(sent + 1);
  });

  it("a name no typed helper knows goes to the node untouched, which drops it", async () => {
    await using sonora = await createTestEnvironment();
    const player = await sonora.player();
    player.filters.setPluginFilter("someones-plugin", { depth: 2 });
    await player.setFilters();
    const body = sonora.simulator.log
      .filter({ kind: "rest", method: "PATCH", direction: "in" })
      .map((e) => e.body ?? "")
      .at(-1);
    expect(JSON.parse(body ?? "{}").filters.pluginFilters).toEqual({ "someones-plugin": { depth: 2 } });
    expect(sonora.nodePlayer()?.filters.pluginFilters).toBeUndefined();
  });

  it("a node that advertises the filter takes it", async () => {
    await using sonora = await createTestEnvironment({ simulator: { plugins: ["lavadspx"] } });
    const player = await sonora.player();
    const norm = LavaDspx.normalization({ maxAmplitude: 0.7 });
    await player.setFilters({ pluginFilters: { [norm.name]: norm.config } });
    expect(sonora.nodePlayer()?.filters.pluginFilters).toEqual({
      normalization: { maxAmplitude: 0.7, adaptive: true },
    });
  });
});
