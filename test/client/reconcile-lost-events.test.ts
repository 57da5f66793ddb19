import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeControl } from "../../src/client/node/node.js";
import type { Track } from "../../src/client/track.js";
import { GUILD, type Rig, rig, song, until } from "./helpers/playback.js";

/**
 * Reconciliation over real sockets on the virtual clock: a frame the node wrote into a socket that
 * died is gone (Lavalink only holds frames for resuming once the socket is closed), so after the
 * resume the client asks the node for its players and converges.
 */
describe("reconciliation after a resume: frames lost with the connection", () => {
  let r: Rig;
  let starts: string[];
  let ends: string[];
  beforeEach(async () => {
    r = await rig();
    const sessionId = r.client.nodes.get(`127.0.0.1:${r.sim.port}`)?.sessionId ?? "";
    await until(() => r.sim.getSession(sessionId)?.resuming === true, "resuming is configured");
    starts = [];
    ends = [];
    r.client.on("trackStart", (_p, t) => starts.push(t.identifier));
    r.client.on("trackEnd", (_p, t, reason) => ends.push(`${t.identifier}:${reason}`));
  });
  afterEach(async () => {
    await r.close();
  });

  /** The next frame the node sends destroys the connection, as the `connectionDrop` knob does. */
  function resetOnNextFrame(): string {
    return r.sim.faults.add({ type: "reset", scope: "ws", toxicity: 1 }).id;
  }

  /** Node-side starts of a track, from the simulator's log (what the node really played). */
  function nodeStarts(track: Track): number {
    return r.sim.log
      .filter({ op: "event" })
      .filter((e) => e.type === "TrackStartEvent" && e.body?.includes(track.identifier) === true).length;
  }

  it("a TrackEndEvent destroyed with the socket: the end is reported once (finished) and the queue advances once", async () => {
    const a = await r.load(song("a", 12_000));
    const b = await r.load(song("b", 60_000));
    const c = await r.load(song("c", 60_000));
    await r.player.play(a);
    await r.player.queue.add([b, c]);
    await r.advance(11_000); // past the 10 s playerUpdate: the next frame is a's TrackEndEvent
    const fault = resetOnNextFrame();
    await r.advance(1_500);
    r.sim.faults.remove(fault);
    const dropped = r.sim.log.filter({ op: "event" }).find((e) => e.type === "TrackEndEvent");
    expect(dropped?.faults?.[0]?.type).toBe("reset");

    // The node's own TrackEndEvent for a turning up late, right after reconciliation reported the
    // end (a replay on the resumed socket is delivered before anything the node sends later).
    const late = {
      op: "event",
      type: "TrackEndEvent",
      guildId: GUILD,
      track: a.toJSON(),
      reason: "finished",
    };
    r.client.once("trackEnd", () => nodeControl(r.player.node).receive(JSON.stringify(late)));
    await r.advance(5_000); // reconnect (1 s backoff), resume, reconcile
    await until(() => starts.includes(b.identifier), "b starts");
    await r.advance(1_000);
    expect(ends).toEqual([`${a.identifier}:finished`]);
    expect(starts).toEqual([a.identifier, b.identifier]);
    expect(r.player.currentTrack).toBe(b);
    expect(r.player.queue.upcoming).toEqual([c]);
    expect(nodeStarts(b)).toBe(1);
    expect(r.truth()?.track?.info.identifier).toBe(b.identifier);
    expect(nodeStarts(c)).toBe(0);
  });

  it("a TrackStartEvent destroyed with the socket: the node's track is adopted and trackStart emitted once", async () => {
    const a = await r.load(song("a", 12_000));
    const b = await r.load(song("b", 60_000));
    await r.player.play(a);
    await r.player.queue.add(b);
    let fault: string | null = null;
    // a's end arrives; the auto-advance's TrackStartEvent for b is the next frame, and it is destroyed.
    r.client.once("trackEnd", () => {
      fault = resetOnNextFrame();
    });
    await r.advance(12_500);
    await until(() => r.truth()?.track?.info.identifier === b.identifier, "the node plays b");
    if (fault !== null) r.sim.faults.remove(fault);
    const destroyed = r.sim.log.filter({ op: "event" }).filter((e) => e.type === "TrackStartEvent");
    expect(destroyed.at(-1)?.faults?.[0]?.type).toBe("reset");
    await r.advance(5_000);
    await until(() => starts.includes(b.identifier), "b's start is reported");
    expect(starts).toEqual([a.identifier, b.identifier]);
    expect(r.player.currentTrack).toBe(b);
    expect(r.player.playing).toBe(true);
    expect(nodeStarts(b)).toBe(1);
    // A late copy of the start is not reported again.
    nodeControl(r.player.node).receive(
      JSON.stringify({ op: "event", type: "TrackStartEvent", guildId: GUILD, track: b.toJSON() }),
    );
    expect(starts).toEqual([a.identifier, b.identifier]);
  });

  it("a player the node lost is re-created where playback stands", async () => {
    const a = await r.load(song("a", 120_000));
    await r.player.play(a);
    await r.advance(20_000);
    const node = r.player.node;
    // Behind the player's back, and the node's word of it (a TrackEndEvent "cleanup") is lost with
    // the connection: the node no longer has the player, the client does not know.
    const fault = resetOnNextFrame();
    await node.destroyPlayer(GUILD);
    r.sim.faults.remove(fault);
    expect(r.truth()).toBeUndefined();
    await r.advance(5_000);
    await until(() => r.truth()?.track?.info.identifier === a.identifier, "a is back on the node");
    const position = r.truth()?.state.position ?? 0;
    expect(position).toBeGreaterThanOrEqual(20_000);
    expect(position).toBeLessThan(27_000);
    expect(r.player.currentTrack).toBe(a);
    expect(ends).toEqual([]);
  });

  it("a player the node has and the client does not know is destroyed", async () => {
    const stranger = "817327181659111999";
    const node = r.player.node;
    const x = await r.load(song("x", 120_000));
    await node.updatePlayer(stranger, { track: { encoded: x.encoded } });
    expect(r.sim.getPlayer(undefined, stranger)?.track).not.toBeNull();
    r.sim.dropConnection(node.sessionId ?? "");
    await r.advance(5_000);
    await until(() => r.sim.getPlayer(undefined, stranger) === undefined, "the stranger is destroyed");
    expect(r.client.players.has(stranger)).toBe(false);
  });
});
