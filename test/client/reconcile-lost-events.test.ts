import { describe, expect } from "vitest";
import { nodeControl } from "../../src/client/node/node.js";
import type { Player } from "../../src/client/player/player.js";
import type { Track } from "../../src/client/track.js";
import { catalogTrack, TEST_GUILD_ID, type TestEnvironment, waitUntil } from "../../src/testing/index.js";
import { createSonoraTest } from "../../src/testing/vitest.js";

// The old playback rig's setup: seed 7, default client options, a player kept out of voice.
const it = createSonoraTest({ seed: 7 });

/**
 * Reconciliation over real sockets on the virtual clock: a frame the node wrote into a socket that
 * died is gone (Lavalink only holds frames for resuming once the socket is closed), so after the
 * resume the client asks the node for its players and converges.
 */
describe("reconciliation after a resume: frames lost with the connection", () => {
  let env: TestEnvironment;
  let player: Player;
  let starts: string[];
  let ends: string[];
  it.beforeEach(async ({ sonora }) => {
    env = sonora;
    player = await sonora.player(undefined, { channelId: false });
    const sessionId = env.client.nodes.get("simulator")?.sessionId ?? "";
    await waitUntil(() => env.simulator.getSession(sessionId)?.resuming === true, "resuming is configured");
    starts = [];
    ends = [];
    env.client.on("trackStart", (_p, t) => starts.push(t.identifier));
    env.client.on("trackEnd", (_p, t, reason) => ends.push(`${t.identifier}:${reason}`));
  });

  /** The next frame the node sends destroys the connection, as the `connectionDrop` knob does. */
  function resetOnNextFrame(): string {
    return env.simulator.faults.add({ type: "reset", scope: "ws", toxicity: 1 }).id;
  }

  /** Node-side starts of a track, from the simulator's log (what the node really played). */
  function nodeStarts(track: Track): number {
    return env.simulator.log
      .filter({ op: "event" })
      .filter((e) => e.type === "TrackStartEvent" && e.body?.includes(track.identifier) === true).length;
  }

  it("a TrackEndEvent destroyed with the socket: the end is reported once (finished) and the queue advances once", async () => {
    const a = await env.loadTrack(catalogTrack("a", 12_000));
    const b = await env.loadTrack(catalogTrack("b", 60_000));
    const c = await env.loadTrack(catalogTrack("c", 60_000));
    await player.play(a);
    await player.queue.add([b, c]);
    await env.advance(11_000); // past the 10 s playerUpdate: the next frame is a's TrackEndEvent
    const fault = resetOnNextFrame();
    await env.advance(1_500);
    env.simulator.faults.remove(fault);
    const dropped = env.simulator.log.filter({ op: "event" }).find((e) => e.type === "TrackEndEvent");
    expect(dropped?.faults?.[0]?.type).toBe("reset");

    // The node's own TrackEndEvent for a turning up late, right after reconciliation reported the
    // end (a replay on the resumed socket is delivered before anything the node sends later).
    const late = {
      op: "event",
      type: "TrackEndEvent",
      guildId: TEST_GUILD_ID,
      track: a.toJSON(),
      reason: "finished",
    };
    env.client.once("trackEnd", () => nodeControl(player.node).receive(JSON.stringify(late)));
    await env.advance(5_000); // reconnect (1 s backoff), resume, reconcile
    await waitUntil(() => starts.includes(b.identifier), "b starts");
    await env.advance(1_000);
    expect(ends).toEqual([`${a.identifier}:finished`]);
    expect(starts).toEqual([a.identifier, b.identifier]);
    expect(player.currentTrack).toBe(b);
    expect(player.queue.upcoming).toEqual([c]);
    expect(nodeStarts(b)).toBe(1);
    expect(env.nodePlayer()?.track?.info.identifier).toBe(b.identifier);
    expect(nodeStarts(c)).toBe(0);
  });

  it("a TrackStartEvent destroyed with the socket: the node's track is adopted and trackStart emitted once", async () => {
    const a = await env.loadTrack(catalogTrack("a", 12_000));
    const b = await env.loadTrack(catalogTrack("b", 60_000));
    await player.play(a);
    await player.queue.add(b);
    let fault: string | null = null;
    // a's end arrives; the auto-advance's TrackStartEvent for b is the next frame, and it is destroyed.
    env.client.once("trackEnd", () => {
      fault = resetOnNextFrame();
    });
    await env.advance(12_500);
    await waitUntil(() => env.nodePlayer()?.track?.info.identifier === b.identifier, "the node plays b");
    if (fault !== null) env.simulator.faults.remove(fault);
    const destroyed = env.simulator.log.filter({ op: "event" }).filter((e) => e.type === "TrackStartEvent");
    expect(destroyed.at(-1)?.faults?.[0]?.type).toBe("reset");
    await env.advance(5_000);
    await waitUntil(() => starts.includes(b.identifier), "b's start is reported");
    expect(starts).toEqual([a.identifier, b.identifier]);
    expect(player.currentTrack).toBe(b);
    expect(player.playing).toBe(true);
    expect(nodeStarts(b)).toBe(1);
    // A late copy of the start is not reported again.
    nodeControl(player.node).receive(
      JSON.stringify({ op: "event", type: "TrackStartEvent", guildId: TEST_GUILD_ID, track: b.toJSON() }),
    );
    expect(starts).toEqual([a.identifier, b.identifier]);
  });

  it("a player the node lost is re-created where playback stands", async () => {
    const a = await env.loadTrack(catalogTrack("a", 120_000));
    await player.play(a);
    await env.advance(20_000);
    const node = player.node;
    // Behind the player's back, and the node's word of it (a TrackEndEvent "cleanup") is lost with
    // the connection: the node no longer has the player, the client does not know.
    const fault = resetOnNextFrame();
    await node.destroyPlayer(TEST_GUILD_ID);
    env.simulator.faults.remove(fault);
    expect(env.nodePlayer()).toBeUndefined();
    await env.advance(5_000);
    await waitUntil(() => env.nodePlayer()?.track?.info.identifier === a.identifier, "a is back on the node");
    const position = env.nodePlayer()?.state.position ?? 0;
    expect(position).toBeGreaterThanOrEqual(20_000);
    expect(position).toBeLessThan(27_000);
    expect(player.currentTrack).toBe(a);
    expect(ends).toEqual([]);
  });

  it("a player the node has and the client does not know is destroyed", async () => {
    const stranger = "817327181659111999";
    const node = player.node;
    const x = await env.loadTrack(catalogTrack("x", 120_000));
    await node.updatePlayer(stranger, { track: { encoded: x.encoded } });
    expect(env.simulator.getPlayer(undefined, stranger)?.track).not.toBeNull();
    env.simulator.dropConnection(node.sessionId ?? "");
    await env.advance(5_000);
    await waitUntil(
      () => env.simulator.getPlayer(undefined, stranger) === undefined,
      "the stranger is destroyed",
    );
    expect(env.client.players.has(stranger)).toBe(false);
  });
});
