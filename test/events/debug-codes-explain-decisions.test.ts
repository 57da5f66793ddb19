import { describe, expect, it } from "vitest";
import type { DebugEvent } from "../../src/index.js";
import { DEBUG_CODES } from "../../src/index.js";
import { catalogTrack, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("debug: what the client decided and why, under stable codes", () => {
  it("a seeded failover reads as reconnect attempts, the loss, the choice of a node and the move", async () => {
    const env = await sonoraEnv({ nodes: ["a", "b"], client: STEADY_CLIENT });
    const { client } = env;
    const seen: DebugEvent[] = [];
    client.on("debug", (event) => seen.push(event));

    const track = await env.loadTrack(catalogTrack("survivor"));
    const player = await client.getPlayer(TEST_GUILD_ID, { node: "a" });
    await player.play(track);
    await env.advance(10_000);

    const moved = client.waitFor("playerMove");
    await env.simulatorOf("a").stop();
    await env.drive(moved, { stepMs: 500 });
    await waitUntil(() => seen.some((e) => e.code === "PLAYER_FAILOVER"), "the failover is reported");

    const attempts = seen.filter((e) => e.code === "NODE_RECONNECT_ATTEMPT");
    expect(attempts.map((e) => [e.node, e.attempt, e.maxRetries, e.delay])).toEqual([
      ["a", 1, 3, 1_000],
      ["a", 2, 3, 1_000],
      ["a", 3, 3, 1_000],
    ]);
    const lost = seen.find((e) => e.code === "NODE_LOST");
    expect(lost).toMatchObject({ node: "a", players: 1 });
    const chosen = seen.filter((e) => e.code === "NODE_CHOSEN" && e.purpose === "failover");
    expect(chosen).toHaveLength(1);
    expect(chosen[0]).toMatchObject({ node: "b", guildId: TEST_GUILD_ID });
    if (chosen[0]?.code !== "NODE_CHOSEN") throw new Error("unreachable");
    expect(chosen[0].candidates).toEqual([
      { node: "a", penalty: null },
      { node: "b", penalty: chosen[0].penalty },
    ]);
    expect(seen.find((e) => e.code === "PLAYER_FAILOVER")).toMatchObject({
      guildId: TEST_GUILD_ID,
      from: "a",
      to: "b",
    });
    // In the order the client decided: tries, gives up, chooses, moves.
    const order = ["NODE_RECONNECT_ATTEMPT", "NODE_LOST", "NODE_CHOSEN", "PLAYER_FAILOVER"];
    const firsts = order.map((code) =>
      seen.findIndex((e) => e.code === code && (e.code !== "NODE_CHOSEN" || e.purpose === "failover")),
    );
    expect([...firsts].sort((x, y) => x - y)).toEqual(firsts);
    for (const event of seen) {
      expect(DEBUG_CODES).toContain(event.code);
      expect(event.message.length).toBeGreaterThan(0);
      // Plain data: a logger can serialise every payload.
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    }
  });

  it("a resumed session and a refused command (rolled back) are reported", async () => {
    const env = await sonoraEnv({ nodes: ["main"], client: STEADY_CLIENT });
    const { simulator: sim, client } = env;
    const node = client.nodes.get("main")!;
    await waitUntil(() => sim.getSession(node.sessionId!)?.resuming === true, "resuming is configured");
    const seen: DebugEvent[] = [];
    client.on("debug", (event) => seen.push(event));
    const player = await client.getPlayer(TEST_GUILD_ID);
    expect(seen.find((e) => e.code === "NODE_CHOSEN")).toMatchObject({
      node: "main",
      purpose: "player",
      guildId: TEST_GUILD_ID,
    });
    const track = await env.loadTrack(catalogTrack("a"));
    await player.play(track);

    sim.dropConnection(node.sessionId!);
    await env.advanceUntil(() => seen.some((e) => e.code === "SESSION_RESUMED"), {
      description: "the session resumes",
    });
    expect(seen.find((e) => e.code === "SESSION_RESUMED")).toMatchObject({
      node: "main",
      sessionId: node.sessionId,
      players: 1,
    });

    sim.faults.add({ type: "rest-error", status: 400, toxicity: 1, route: "PATCH /v4/sessions/*/players/*" });
    const other = await env.loadTrack(catalogTrack("b"));
    await expect(player.play(other)).rejects.toThrow();
    expect(player.currentTrack).toBe(track);
    const rollback = seen.find((e) => e.code === "PLAYER_ROLLBACK");
    expect(rollback).toMatchObject({ guildId: TEST_GUILD_ID, action: "play" });
    if (rollback?.code === "PLAYER_ROLLBACK") expect(rollback.error).toMatch(/400/);
  });

  it("builds nothing when nobody listens: no listener, no logger, no debug payload", async () => {
    const env = await sonoraEnv({ nodes: ["main"] });
    const { client } = env;
    let built = 0;
    const emit = client.emit.bind(client);
    client.emit = ((event: string, ...args: unknown[]) => {
      if (event === "debug") built++;
      return (emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
    }) as typeof client.emit;
    const player = await client.getPlayer(TEST_GUILD_ID);
    await player.play(await env.loadTrack(catalogTrack("a")));
    expect(built).toBe(0);
    const seen: DebugEvent[] = [];
    client.on("debug", (e) => seen.push(e));
    await client.load(catalogTrack("b"));
    expect(built).toBe(1);
    expect(seen[0]).toMatchObject({ code: "NODE_CHOSEN", purpose: "load" });
  });
});
