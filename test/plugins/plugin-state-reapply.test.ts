import { describe, expect, it } from "vitest";
import type { VirtualClock } from "../../src/base/clock/index.js";
import { type Player, type PluginStateLost, PluginUnavailableError } from "../../src/index.js";
import {
  driveClock,
  TEST_GUILD_ID as GUILD,
  type ProtocolSimulator,
  type SimPluginId,
  type TestEnvironment,
  waitUntil,
} from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

/** Plugin requests that reached a simulator, as `METHOD last-two-path-segments session`. */
function pluginCalls(sim: ProtocolSimulator): string[] {
  return sim.log
    .filter({ kind: "rest", direction: "in" })
    .filter((e) => /sponsorblock|lyrics\/subscribe|\/players\/\d+$/.test(e.path ?? ""))
    .map((e) => {
      const path = (e.path ?? "").split("?")[0] ?? "";
      const session = /sessions\/([^/]+)/.exec(path)?.[1] ?? "";
      const what = path.includes("sponsorblock")
        ? "categories"
        : path.includes("lyrics")
          ? "lyrics"
          : "player";
      return `${e.method} ${what} ${session}`;
    });
}

/** A YouTube song with lines and a sponsor segment, known to every node's catalog. */
function song(env: TestEnvironment) {
  const [first, ...others] = env.simulators;
  if (first === undefined) throw new Error("no simulator");
  const track = first.catalog.registerTrack({ source: "youtube", length: 240_000, title: "Sing along" });
  for (const sim of [first, ...others]) {
    sim.catalog.registerLyrics(track, { lines: [{ timestamp: 100_000, line: "la la" }] });
    sim.catalog.registerSegments(track, [{ category: "sponsor", start: 150_000, end: 160_000 }]);
  }
  return track;
}

/** Two nodes "a" and "b" (b with its own plugins); a's loss is declared at its first drop. */
async function twoNodes(pluginsOfB?: SimPluginId[]) {
  const env = await sonoraEnv({
    nodes: [
      { name: "a", seed: 1 },
      pluginsOfB === undefined
        ? { name: "b", seed: 2 }
        : { name: "b", seed: 2, simulator: { plugins: pluginsOfB } },
    ],
    client: { ...STEADY_CLIENT, reconnect: { maxRetries: 0, probe: false } },
  });
  const clock = env.clock as VirtualClock;
  const nodeA = env.client.nodes.get("a");
  const nodeB = env.client.nodes.get("b");
  if (nodeA === undefined || nodeB === undefined) throw new Error("nodes missing");
  const player = await env.client.getPlayer(GUILD, { node: nodeA });
  await player.update({
    voice: { token: "t", endpoint: "eu.discord.media:443", sessionId: "v", channelId: "900" },
  });
  return { env, clock, nodeA, nodeB, player, simA: env.simulatorOf("a"), simB: env.simulatorOf("b") };
}

/** A player with categories, a live lyrics subscription and a song playing. */
async function withPluginState(env: TestEnvironment, player: Player) {
  const found: string[] = [];
  player.on("lyricsFound", () => found.push(player.node.name));
  await player.sponsorBlock.setCategories(["sponsor"]);
  await player.subscribeLyrics();
  await player.play(song(env));
  return found;
}

function collectLost(player: Player): PluginStateLost[] {
  const lost: PluginStateLost[] = [];
  player.on("pluginStateLost", (event) => lost.push(event));
  return lost;
}

describe("SponsorBlock categories and live lyrics follow the player to its next node", () => {
  it("moveTo: categories are PUT before the player is created there, the subscription after", async () => {
    const { env, nodeB, player, simB } = await twoNodes();
    const found = await withPluginState(env, player);
    const lost = collectLost(player);
    await player.moveTo(nodeB);
    const session = nodeB.sessionId ?? "";
    expect(pluginCalls(simB)).toEqual([
      `PUT categories ${session}`,
      `PATCH player ${session}`,
      `POST lyrics ${session}`,
    ]);
    expect(await player.sponsorBlock.getCategories()).toEqual(["sponsor"]);
    // LavaLyrics announces the playing track's lyrics at once on the new node.
    await waitUntil(() => found.length === 2, "lyrics found on b");
    expect(found).toEqual(["a", "b"]);
    expect(lost).toEqual([]);
  });

  it("failover (node a killed): the same on the node the player lands on", async () => {
    const { env, clock, player, simA, simB, nodeB } = await twoNodes();
    await withPluginState(env, player);
    await driveClock(clock, simA.kill(), { stepMs: 100 });
    await driveClock(
      clock,
      waitUntil(() => pluginCalls(simB).some((c) => c.startsWith("POST lyrics")), "re-subscribed on b"),
      { stepMs: 100 },
    );
    expect(player.node).toBe(nodeB);
    const session = nodeB.sessionId ?? "";
    expect(pluginCalls(simB)).toEqual([
      `PUT categories ${session}`,
      `PATCH player ${session}`,
      `POST lyrics ${session}`,
    ]);
    expect(await player.sponsorBlock.getCategories()).toEqual(["sponsor"]);
  });

  it("a node without the plugins: pluginStateLost names each, nothing is sent; a later node gets them again", async () => {
    const { env, nodeA, nodeB, player, simA, simB } = await twoNodes(["lavasrc"]);
    await withPluginState(env, player);
    const lost = collectLost(player);
    const onClient: string[] = [];
    env.client.on("pluginStateLost", (p, event) => onClient.push(`${p.guildId}:${event.state}`));
    await player.moveTo(nodeB);
    expect(lost.map((l) => [l.state, l.plugin, l.node.name])).toEqual([
      ["sponsorBlockCategories", "sponsorblock-plugin", "b"],
      ["lyricsSubscription", "lavalyrics-plugin", "b"],
    ]);
    expect(lost.every((l) => l.error instanceof PluginUnavailableError)).toBe(true);
    expect(lost[0]?.wanted).toEqual(["sponsor"]);
    expect(onClient).toEqual([`${GUILD}:sponsorBlockCategories`, `${GUILD}:lyricsSubscription`]);
    expect(pluginCalls(simB).filter((c) => !c.startsWith("PATCH"))).toEqual([]);
    // Back on a: SponsorBlock dropped the categories with the deleted player, so they go again;
    // LavaLyrics kept the session's subscription, which announces the restored track by itself.
    const before = pluginCalls(simA).length;
    const found: string[] = [];
    player.on("lyricsFound", () => found.push(player.node.name));
    await player.moveTo(nodeA);
    expect(
      pluginCalls(simA)
        .slice(before)
        .map((c) => c.split(" ")[1]),
    ).toEqual(["categories", "player"]);
    expect(await player.sponsorBlock.getCategories()).toEqual(["sponsor"]);
    await waitUntil(() => found.length === 1, "lyrics announced on a");
  });

  it("a cleared setting is not carried over", async () => {
    const { env, nodeB, player, simB } = await twoNodes();
    await withPluginState(env, player);
    await player.sponsorBlock.clearCategories();
    await player.unsubscribeLyrics();
    await player.moveTo(nodeB);
    expect(pluginCalls(simB).map((c) => c.split(" ")[1])).toEqual(["player"]);
  });
});

describe("SponsorBlock categories and live lyrics after the node's socket reopens", () => {
  async function oneNode() {
    const env = await sonoraEnv({ seed: 7, nodes: ["main"], client: STEADY_CLIENT });
    const sim = env.simulator;
    const clock = env.clock as VirtualClock;
    const node = env.client.nodes.get("main");
    if (node === undefined) throw new Error("node missing");
    const sessionId = node.sessionId ?? "";
    await waitUntil(() => sim.getSession(sessionId)?.resuming === true, "resuming is configured");
    const player = await env.client.getPlayer(GUILD);
    await player.update({
      voice: { token: "t", endpoint: "eu.discord.media:443", sessionId: "v", channelId: "900" },
    });
    return { env, sim, clock, node, sessionId, player };
  }

  it("a resumed session (the plugins reset on every socket open): set again on the same session", async () => {
    const { env, sim, clock, node, sessionId, player } = await oneNode();
    const found = await withPluginState(env, player);
    const before = pluginCalls(sim).length;
    sim.dropConnection(sessionId);
    await driveClock(
      clock,
      waitUntil(
        () =>
          pluginCalls(sim)
            .slice(before)
            .some((c) => c.startsWith("POST lyrics")),
        "re-subscribed",
      ),
      { stepMs: 100 },
    );
    expect(node.sessionId).toBe(sessionId);
    // The player was kept: no PATCH, only the two plugin calls, on the resumed session.
    expect(pluginCalls(sim).slice(before)).toEqual([
      `PUT categories ${sessionId}`,
      `POST lyrics ${sessionId}`,
    ]);
    expect(await player.sponsorBlock.getCategories()).toEqual(["sponsor"]);
    await waitUntil(() => found.length === 2, "lyrics announced again");
  });

  it("a session that could not be resumed (node restarted): set on the new session around the rebuild", async () => {
    const { env, sim, clock, node, sessionId, player } = await oneNode();
    await withPluginState(env, player);
    await sim.restart();
    await driveClock(
      clock,
      waitUntil(
        () =>
          node.sessionId !== sessionId && pluginCalls(sim).some((c) => c === `POST lyrics ${node.sessionId}`),
        "re-subscribed on the new session",
      ),
      { stepMs: 100 },
    );
    const fresh = node.sessionId ?? "";
    expect(pluginCalls(sim).filter((c) => c.endsWith(fresh))).toEqual([
      `PUT categories ${fresh}`,
      `PATCH player ${fresh}`,
      `POST lyrics ${fresh}`,
    ]);
    expect(await player.sponsorBlock.getCategories()).toEqual(["sponsor"]);
  });
});
