import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { clientForTest, drive, GUILD, nodeFor, simForTest, song, until } from "./helpers.js";

describe("when the node no longer has the session, players are rebuilt from the client's state", () => {
  it("re-creates track, position, paused, volume and filters on the new session", async () => {
    const clock = new VirtualClock();
    const sim = await simForTest(clock);
    // The node keeps the session 1 s; the client comes back after 5 s: too late to resume.
    const client = clientForTest([nodeFor(sim, "main", { reconnect: { baseDelay: 5_000 } })], clock, {
      resume: { timeout: 1 },
    });
    await client.start();
    const node = client.nodes.get("main")!;
    const oldSession = node.sessionId!;
    await until(() => sim.getSession(oldSession)?.resuming === true, "resuming is configured");

    const loaded = await client.load(song("rebuild-me"));
    if (loaded.loadType !== "track") throw new Error("expected a track");
    const player = await client.getPlayer(GUILD);
    const filters = { timescale: { speed: 1.25 }, volume: 0.8 };
    await player.update({
      track: { encoded: loaded.data.encoded, userData: { requester: "9" } },
      volume: 55,
      filters,
    });
    await clock.advance(20_000);
    await player.update({ paused: true });
    const pausedAt = player.position;
    expect(pausedAt).toBe(25_000); // 20 s at speed 1.25

    const ready = client.waitFor("nodeReady");
    sim.dropConnection(oldSession);
    await until(() => node.state === "reconnecting", "the client notices the drop");
    const [, resumed] = await drive(clock, ready);
    expect(resumed).toBe(false);
    const newSession = node.sessionId!;
    expect(newSession).not.toBe(oldSession);
    await until(
      () =>
        sim.getPlayer(newSession, GUILD)?.track !== null && sim.getPlayer(newSession, GUILD) !== undefined,
      "the player is rebuilt",
    );
    const rebuilt = sim.getPlayer(newSession, GUILD)!;
    expect(rebuilt.track?.info.identifier).toBe(song("rebuild-me"));
    expect(rebuilt.track?.userData).toEqual({ requester: "9" });
    expect(rebuilt).toMatchObject({ paused: true, volume: 55, filters, state: { position: pausedAt } });
    expect(player.position).toBe(pausedAt);
    expect(player.paused).toBe(true);
  });
});
