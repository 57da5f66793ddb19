import { describe, expect, it } from "vitest";
import { LavalinkRestError } from "../../src/index.js";
import { catalogTrack, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("the node is lost while a play request to it is still unanswered", () => {
  it("the player's track, its queue and what the new node plays agree once the refused play settles", async () => {
    const env = await sonoraEnv({
      nodes: [{ name: "a", node: { reconnect: { maxRetries: 0 } } }, "b"],
      client: STEADY_CLIENT,
    });
    const { client } = env;
    const [a, b] = [env.simulatorOf("a"), env.simulatorOf("b")];
    const first = (await client.load(catalogTrack("first"))).tracks[0]!;
    const second = (await client.load(catalogTrack("second"))).tracks[0]!;
    const player = await client.getPlayer(TEST_GUILD_ID, { node: "a" });
    await player.play(first);
    await env.advance(10_000);

    // a holds player PATCHes for 5 s, then answers 500 (after applying them: the nasty case).
    const route = "PATCH /v4/sessions/*/players/*";
    a.faults.add({ type: "latency", latency: 5_000, toxicity: 1, direction: "upstream", route });
    a.faults.add({ type: "rest-error", status: 500, toxicity: 1, direction: "downstream", route });
    const nodeA = client.nodes.get("a")!;
    const play = player.play(second).catch((e: unknown) => e);
    await waitUntil(() => nodeA.rest.inFlightCount > 0, "the play PATCH is on its way to a");
    a.dropConnection(nodeA.sessionId!); // no retries: a is lost and its players fail over to b
    await waitUntil(() => nodeA.state === "disconnected", "a is lost");

    const outcome = await env.drive(play, { stepMs: 500 });
    await env.advanceUntil(
      () => player.node.name === "b" && b.getPlayer(undefined, TEST_GUILD_ID)?.track != null,
      { description: "moved to b", stepMs: 500 },
    );
    const onB = b.getPlayer(undefined, TEST_GUILD_ID)!;
    const mirrored = player.currentTrack;
    expect(mirrored).not.toBeNull();
    expect(onB.track?.info.identifier).toBe(mirrored?.identifier);
    expect(player.queue.current).toBe(mirrored);
    // The play was refused (a's 500): the first track plays on b from where a stopped.
    expect(outcome).toBeInstanceOf(LavalinkRestError);
    expect(mirrored).toBe(first);
    expect(onB.state.position).toBeGreaterThanOrEqual(10_000);
  });
});
