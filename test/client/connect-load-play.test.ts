import { describe, expect, it } from "vitest";
import { CLIENT_NAME, Track } from "../../src/client/index.js";
import { TEST_BOT_ID, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("a client connects to a node, loads and plays over real sockets", () => {
  it("connects with the handshake headers, loads tracks and follows playback on the virtual clock", async () => {
    const env = await sonoraEnv({ nodes: ["main"], client: STEADY_CLIENT, connect: false });
    const { simulator: sim, client } = env;
    const states: string[] = [];
    client.on("nodeStateChange", (_node, _from, to) => states.push(to));
    await client.start();
    const node = client.nodes.get("main")!;
    expect(node.state).toBe("ready");
    expect(states).toEqual(["ready"]);
    expect(node.sessionId).toBe(sim.sessions[0]?.id);
    expect(sim.sessions[0]).toMatchObject({ clientName: CLIENT_NAME, userId: TEST_BOT_ID });
    // The session was configured for resuming on connect.
    await waitUntil(() => sim.sessions[0]?.resuming === true, "the session is resumable");
    expect(sim.sessions[0]).toMatchObject({ resuming: true, timeout: 60 });

    const search = await client.search("lofi beats");
    expect(search.loadType).toBe("search");
    expect(search.tracks[0]).toBeInstanceOf(Track);
    const loaded = await client.load("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    if (loaded.loadType !== "track") throw new Error(`expected a track, got ${loaded.loadType}`);
    const track = loaded.data;
    expect(client.decodeTrack(track.encoded).info).toEqual(track.info);

    const player = await client.getPlayer(TEST_GUILD_ID);
    expect(await client.getPlayer(TEST_GUILD_ID)).toBe(player);
    const started = client.waitFor("trackStart");
    await player.update({ track: { encoded: track.encoded, userData: { requester: "42" } } });
    expect(player.track?.title).toBe(track.title);
    const [startedPlayer, startedTrack] = await started;
    expect(startedPlayer).toBe(player);
    expect(startedTrack).toBe(player.track);
    expect(startedTrack.userData).toEqual({ requester: "42" });

    await env.advance(12_000);
    expect(player.position).toBe(12_000);
    await player.update({ paused: true });
    await env.advance(5_000);
    expect(player.position).toBe(12_000);
    await player.update({ paused: false, position: 60_000 });
    await env.advance(1_000);
    expect(player.position).toBe(61_000);

    const ended = client.waitFor("trackEnd");
    await env.advance(track.length);
    const [, endedTrack, reason] = await ended;
    expect(endedTrack.identifier).toBe(track.identifier);
    expect(reason).toBe("finished");
    expect(player.track).toBeNull();
  });
});
