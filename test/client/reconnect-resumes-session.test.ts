import { describe, expect, it } from "vitest";
import { drive, GUILD, song, startNode, until } from "./helpers.js";

describe("a dropped socket is reconnected and the session resumed", () => {
  it("keeps the player playing and delivers the events queued meanwhile, in order", async () => {
    const { clock, sim, client } = await startNode();
    const node = client.nodes.get("main")!;
    const sessionId = node.sessionId!;
    await until(() => sim.getSession(sessionId)?.resuming === true, "resuming is configured");

    const loaded = await client.load(song("resume-me"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(GUILD);
    await player.update({ track: { encoded: loaded.data.encoded }, position: loaded.data.length - 500 });

    const events: string[] = [];
    client.on("nodeReconnecting", () => events.push("reconnecting"));
    client.on("nodeResumed", () => events.push("resumed"));
    client.on("trackEnd", (_p, _t, reason) => events.push(`trackEnd:${reason}`));

    sim.dropConnection(sessionId);
    await until(() => node.state === "reconnecting", "the client notices the drop");
    // The track ends 500 ms later, while the client is away: the node queues the event.
    await clock.advance(600);
    expect(sim.log.filter({ type: "TrackEndEvent" }).some((e) => e.note?.includes("queued"))).toBe(true);
    await drive(
      clock,
      until(() => events.includes("trackEnd:finished"), "the queued trackEnd arrives"),
    );
    expect(node.state).toBe("ready");
    expect(node.sessionId).toBe(sessionId);
    expect(events).toEqual(["reconnecting", "resumed", "trackEnd:finished"]);
    expect(player.track).toBeNull();
    expect(sim.sessions).toHaveLength(1);
  });
});
