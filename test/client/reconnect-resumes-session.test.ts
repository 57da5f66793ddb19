import { describe, expect, it } from "vitest";
import { catalogTrack, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("a dropped socket is reconnected and the session resumed", () => {
  it("keeps the player playing and delivers the events queued meanwhile, in order", async () => {
    const env = await sonoraEnv({ nodes: ["main"], client: STEADY_CLIENT });
    const { simulator: sim, client } = env;
    const node = client.nodes.get("main")!;
    const sessionId = node.sessionId!;
    await waitUntil(() => sim.getSession(sessionId)?.resuming === true, "resuming is configured");

    const loaded = await client.load(catalogTrack("resume-me"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(TEST_GUILD_ID);
    await player.update({ track: { encoded: loaded.data.encoded }, position: loaded.data.length - 500 });

    const events: string[] = [];
    client.on("nodeReconnecting", () => events.push("reconnecting"));
    client.on("nodeResumed", () => events.push("resumed"));
    client.on("trackEnd", (_p, _t, reason) => events.push(`trackEnd:${reason}`));

    sim.dropConnection(sessionId);
    await waitUntil(() => node.state === "reconnecting", "the client notices the drop");
    // The track ends 500 ms later, while the client is away: the node queues the event.
    await env.advance(600);
    expect(sim.log.filter({ type: "TrackEndEvent" }).some((e) => e.note?.includes("queued"))).toBe(true);
    await env.advanceUntil(() => events.includes("trackEnd:finished"), {
      description: "the queued trackEnd arrives",
    });
    expect(node.state).toBe("ready");
    expect(node.sessionId).toBe(sessionId);
    expect(events).toEqual(["reconnecting", "resumed", "trackEnd:finished"]);
    expect(player.track).toBeNull();
    expect(sim.sessions).toHaveLength(1);
  });
});
