import { describe, expect, it } from "vitest";
import { catalogTrack, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("when the node no longer has the session, players are rebuilt from the client's state", () => {
  it("re-creates track, position, paused, volume and filters on the new session", async () => {
    // The node keeps the session 1 s; the client comes back after 5 s: too late to resume.
    const env = await sonoraEnv({
      nodes: [{ name: "main", node: { reconnect: { baseDelay: 5_000 } } }],
      client: { ...STEADY_CLIENT, resume: { timeout: 1 } },
    });
    const { simulator: sim, client } = env;
    const node = client.nodes.get("main")!;
    const oldSession = node.sessionId!;
    await waitUntil(() => sim.getSession(oldSession)?.resuming === true, "resuming is configured");

    const loaded = await client.load(catalogTrack("rebuild-me"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(TEST_GUILD_ID);
    const filters = { timescale: { speed: 1.25 }, volume: 0.8 };
    await player.update({
      track: { encoded: loaded.data.encoded, userData: { requester: "9" } },
      volume: 55,
      filters,
    });
    await env.advance(20_000);
    await player.update({ paused: true });
    const pausedAt = player.position;
    expect(pausedAt).toBe(25_000); // 20 s at speed 1.25

    const ready = client.waitFor("nodeReady");
    sim.dropConnection(oldSession);
    await waitUntil(() => node.state === "reconnecting", "the client notices the drop");
    const [, resumed] = await env.drive(ready);
    expect(resumed).toBe(false);
    const newSession = node.sessionId!;
    expect(newSession).not.toBe(oldSession);
    await waitUntil(
      () =>
        sim.getPlayer(newSession, TEST_GUILD_ID)?.track !== null &&
        sim.getPlayer(newSession, TEST_GUILD_ID) !== undefined,
      "the player is rebuilt",
    );
    const rebuilt = sim.getPlayer(newSession, TEST_GUILD_ID)!;
    expect(rebuilt.track?.info.identifier).toBe(catalogTrack("rebuild-me"));
    expect(rebuilt.track?.userData).toEqual({ requester: "9" });
    expect(rebuilt).toMatchObject({ paused: true, volume: 55, filters, state: { position: pausedAt } });
    expect(player.position).toBe(pausedAt);
    expect(player.paused).toBe(true);
  });
});
