import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { CLIENT_NAME, Track } from "../../src/client/index.js";
import { BOT, clientForTest, GUILD, nodeFor, simForTest, until } from "./helpers.js";

describe("a client connects to a node, loads and plays over real sockets", () => {
  it("connects with the handshake headers, loads tracks and follows playback on the virtual clock", async () => {
    const clock = new VirtualClock();
    const sim = await simForTest(clock);
    const client = clientForTest([nodeFor(sim, "main")], clock);
    const states: string[] = [];
    client.on("nodeStateChange", (_node, _from, to) => states.push(to));
    await client.start();
    const node = client.nodes.get("main")!;
    expect(node.state).toBe("ready");
    expect(states).toEqual(["ready"]);
    expect(node.sessionId).toBe(sim.sessions[0]?.id);
    expect(sim.sessions[0]).toMatchObject({ clientName: CLIENT_NAME, userId: BOT });
    // The session was configured for resuming on connect.
    await until(() => sim.sessions[0]?.resuming === true, "the session is resumable");
    expect(sim.sessions[0]).toMatchObject({ resuming: true, timeout: 60 });

    const search = await client.search("lofi beats");
    expect(search.loadType).toBe("search");
    expect(search.tracks[0]).toBeInstanceOf(Track);
    const loaded = await client.load("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    if (loaded.loadType !== "track") throw new Error(`expected a track, got ${loaded.loadType}`);
    const track = loaded.data;
    expect(client.decodeTrack(track.encoded).info).toEqual(track.info);

    const player = await client.getPlayer(GUILD);
    expect(await client.getPlayer(GUILD)).toBe(player);
    const started = client.waitFor("trackStart");
    await player.update({ track: { encoded: track.encoded, userData: { requester: "42" } } });
    expect(player.track?.title).toBe(track.title);
    const [startedPlayer, startedTrack] = await started;
    expect(startedPlayer).toBe(player);
    expect(startedTrack).toBe(player.track);
    expect(startedTrack.userData).toEqual({ requester: "42" });

    await clock.advance(12_000);
    expect(player.position).toBe(12_000);
    await player.update({ paused: true });
    await clock.advance(5_000);
    expect(player.position).toBe(12_000);
    await player.update({ paused: false, position: 60_000 });
    await clock.advance(1_000);
    expect(player.position).toBe(61_000);

    const ended = client.waitFor("trackEnd");
    await clock.advance(track.length);
    const [, endedTrack, reason] = await ended;
    expect(endedTrack.identifier).toBe(track.identifier);
    expect(reason).toBe("finished");
    expect(player.track).toBeNull();
  });
});
