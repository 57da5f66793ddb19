import { describe, expect, it } from "vitest";
import { catalogTrack, TEST_GUILD_ID, type VirtualClock, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("events queued while the socket is down arrive after nodeResumed, in the order they happened", () => {
  it("a voice close, a track exception and that track's end; then the queue starts the next track", async () => {
    const env = await sonoraEnv({ nodes: ["main"], client: STEADY_CLIENT });
    const { simulator: sim, client } = env;
    const node = client.nodes.get("main")!;
    const sessionId = node.sessionId!;
    await waitUntil(() => sim.getSession(sessionId)?.resuming === true, "resuming is configured");

    // Fails at 10 s (TrackExceptionEvent, then TrackEndEvent "finished"), per the catalog's scripts.
    const failing = (await client.load("sonora:exception@10000:20000#a")).tracks[0]!;
    const next = (await client.load(catalogTrack("next"))).tracks[0]!;
    const player = await client.getPlayer(TEST_GUILD_ID);
    await player.update({
      voice: { token: "t", endpoint: "eu.discord.media:443", sessionId: "v", channelId: "900" },
    });
    await player.play(failing, { startTime: 9_000 });
    await player.queue.add(next);
    expect(player.connected).toBe(true);

    const events: string[] = [];
    client.on("nodeReconnecting", () => events.push("reconnecting"));
    client.on("nodeResumed", () => events.push("resumed"));
    client.on("trackStart", (_p, t) => events.push(`trackStart:${t.identifier}`));
    client.on("trackException", (_p, t) => events.push(`trackException:${t.identifier}`));
    client.on("trackEnd", (_p, t, reason) => events.push(`trackEnd:${t.identifier}:${reason}`));
    client.on("webSocketClosed", (_p, e) => events.push(`webSocketClosed:${e.code}`));

    sim.dropConnection(sessionId);
    await waitUntil(() => node.state === "reconnecting", "the client notices the drop");
    // While the socket is down, on the virtual clock: Discord closes the voice connection, then
    // the track fails 1 s later. The node queues every event (REST answers 404 meanwhile).
    sim.faults.voiceClose(TEST_GUILD_ID, { code: 4014, reason: "Disconnected.", byRemote: false });
    // One jump, without letting I/O through: the client must not reconnect before the checks below.
    await (env.clock as VirtualClock).advance(1_100);
    const queued = sim.log
      .filter({ op: "event" })
      .filter((e) => e.note?.includes("queued"))
      .map((e) => e.type);
    expect(queued).toEqual(["WebSocketClosedEvent", "TrackExceptionEvent", "TrackEndEvent"]);
    expect(events).toEqual(["reconnecting"]);

    await env.advanceUntil(() => events.includes(`trackStart:${next.identifier}`), {
      description: "the next track starts",
    });
    expect(node.sessionId).toBe(sessionId);
    expect(events).toEqual([
      "reconnecting",
      "resumed",
      "webSocketClosed:4014",
      `trackException:${failing.identifier}`,
      `trackEnd:${failing.identifier}:finished`,
      `trackStart:${next.identifier}`,
    ]);
    expect(player.connected).toBe(false);
    expect(player.currentTrack).toBe(next);
    expect(player.queue.history[0]).toBe(failing);
    expect(sim.getPlayer(undefined, TEST_GUILD_ID)?.track?.info.identifier).toBe(next.identifier);
  });
});
