import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/index.js";
import { TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("a client restarted with the same store gets its players back", () => {
  it("resumes the node session: same session id, one player on the node, playback never stopped", async () => {
    const store = new MemoryStore();
    const env = await sonoraEnv({ client: { ...STEADY_CLIENT, store } });
    const { simulator: sim, client: a } = env;
    const player = await env.player();
    const [first, ...rest] = env.tracks(4, { length: 120_000 });
    first!.userData = { requester: "42" };
    await player.play(first!);
    await player.queue.add(rest);
    await player.setVolume(70);
    player.filters.setTimescale({ speed: 1.5 });
    await player.setFilters();
    player.queue.setLoop("queue");
    await player.saved();
    await env.advance(10_000);
    const session = [...a.nodes][0]!.sessionId!;
    const positionBefore = player.position;
    expect(positionBefore).toBe(15_000); // 10 s at speed 1.5

    await a.close();
    // The node keeps playing the player while nobody owns the session.
    await env.advance(4_000);
    expect(sim.getSession(session)?.connected).toBe(false);

    const b = env.createClient({ ...STEADY_CLIENT, store });
    await env.drive(b.start());
    const restored = b.players.get(TEST_GUILD_ID)!;
    expect(restored).toBeDefined();
    expect([...b.nodes][0]!.sessionId).toBe(session);
    await waitUntil(() => sim.getSession(session)?.connected === true, "the session is resumed");
    expect(sim.players.filter((p) => p.guildId === TEST_GUILD_ID)).toHaveLength(1);
    expect(restored.currentTrack?.encoded).toBe(first!.encoded);
    expect(restored.currentTrack?.userData).toEqual({ requester: "42" });
    expect(restored.queue.upcoming.map((t) => t.encoded)).toEqual(rest.map((t) => t.encoded));
    expect(restored.queue.loop).toBe("queue");
    expect(restored.volume).toBe(70);
    expect(restored.filters.toPayload().timescale).toEqual({ speed: 1.5, pitch: 1, rate: 1 }); // as the node (4.2) echoed it
    expect(restored.paused).toBe(false);
    // 15 s + 4 s at 1.5 while nobody owned it: the estimate and the node agree.
    expect(restored.position).toBe(21_000);
    expect(sim.getPlayer(session, TEST_GUILD_ID)?.state.position).toBe(21_000);
    await b.close({ destroyPlayers: true });
    expect(sim.getPlayer(session, TEST_GUILD_ID)).toBeUndefined();
  });
});
