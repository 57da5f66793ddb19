import { describe, expect, it } from "vitest";
import { catalogTrack, TEST_GUILD_ID } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { control, expectError } from "./control-helpers.js";

async function playing() {
  const env = await sonoraEnv({ simulator: { control: true } });
  const player = await env.player();
  const started = env.waitForEvent("trackStart");
  await player.play(await env.loadTrack(catalogTrack("Control Room", 120_000)));
  await started;
  return { env, player, sim: env.simulator };
}

describe("control API: sessions, players and on-demand events", () => {
  it("lists sessions with their client name and players with their track", async () => {
    const { sim, env } = await playing();
    const sessions = await control(sim, "GET", "/sessions");
    expect(sessions.status).toBe(200);
    expect(sessions.body).toEqual([
      expect.objectContaining({
        connected: true,
        players: 1,
        clientName: expect.stringMatching(/^sonora\//),
      }),
    ]);
    const players = await control(sim, "GET", "/players");
    expect(players.body).toEqual([
      expect.objectContaining({
        guildId: TEST_GUILD_ID,
        sessionId: sessions.body[0].id,
        paused: false,
        volume: 100,
        advancing: true,
        track: expect.objectContaining({ info: expect.objectContaining({ title: "Sonora test track" }) }),
      }),
    ]);
    expect((await control(sim, "GET", "/players?sessionId=other")).body).toEqual([]);
    const state = await control(sim, "GET", "/state");
    expect(state.body).toMatchObject({ node: { running: true }, faults: [] });
    expect(state.body.players).toHaveLength(1);
    // The timeline tells the player's story from the log.
    await env.advance(1_000);
    const timeline = await control(sim, "GET", `/timeline?guildId=${TEST_GUILD_ID}`);
    expect(timeline.body.map((i: { kind: string }) => i.kind)).toEqual(["play", "start"]);
  });

  it("voice-close, track-exception and track-stuck reach the client as the events they are", async () => {
    const { sim, env } = await playing();
    const closed = env.waitForEvent("webSocketClosed");
    const voice = await control(sim, "POST", `/players/${TEST_GUILD_ID}/voice-close`, {
      code: 4014,
      reason: "Disconnected.",
      byRemote: false,
    });
    expect(voice.status).toBe(204);
    const [, event] = await closed;
    expect(event).toMatchObject({ code: 4014, reason: "Disconnected.", byRemote: false });

    const stuck = env.waitForEvent("trackStuck");
    expect(
      (await control(sim, "POST", `/players/${TEST_GUILD_ID}/track-stuck`, { thresholdMs: 1500 })).status,
    ).toBe(204);
    await env.advance(1_500);
    const [, , thresholdMs] = await stuck;
    expect(thresholdMs).toBe(1500);

    const failed = env.waitForEvent("trackException");
    const exception = await control(sim, "POST", `/players/${TEST_GUILD_ID}/track-exception`, {
      message: "decoder fell over",
      severity: "suspicious",
    });
    expect(exception.status).toBe(204);
    const [, , thrown] = await failed;
    expect(thrown).toMatchObject({ message: "decoder fell over", severity: "suspicious" });
  });

  it("refuses events for unknown players or without a track, and bad fields, with typed errors", async () => {
    const { sim, player } = await playing();
    expect(expectError(await control(sim, "POST", "/players/999/voice-close", {}), 404).code).toBe(
      "SIM_UNKNOWN_PLAYER",
    );
    expect(
      expectError(await control(sim, "POST", `/players/${TEST_GUILD_ID}/voice-close`, { code: "x" }), 400)
        .code,
    ).toBe("SIM_CONTROL_INVALID");
    expect(
      expectError(
        await control(sim, "POST", `/players/${TEST_GUILD_ID}/track-exception`, { severity: "bad" }),
        400,
      ).code,
    ).toBe("SIM_CONTROL_INVALID");
    expect(
      expectError(
        await control(sim, "POST", `/players/${TEST_GUILD_ID}/track-stuck`, { thresholdMs: -1 }),
        400,
      ).code,
    ).toBe("SIM_CONTROL_INVALID");
    expect(
      expectError(await control(sim, "POST", `/players/${TEST_GUILD_ID}/track-stuck`, { threshold: 5 }), 400)
        .message,
    ).toContain('unknown field "threshold"');
    await player.stop();
    expect(
      expectError(await control(sim, "POST", `/players/${TEST_GUILD_ID}/track-stuck`, {}), 409).code,
    ).toBe("FAULT_NO_TRACK");
  });

  it("drops or closes a session's WebSocket", async () => {
    const { sim, env } = await playing();
    const sessionId = sim.sessions[0]?.id ?? "";
    const dropped = env.waitForEvent("nodeDisconnect");
    expect((await control(sim, "POST", `/sessions/${sessionId}/drop`)).status).toBe(204);
    const [, info] = await dropped;
    expect(info.code).toBe(1006);
    await env.advanceUntil("nodeReady");
    const id = sim.sessions.find((s) => s.connected)?.id ?? "";
    const closed = env.waitForEvent("nodeDisconnect");
    expect((await control(sim, "POST", `/sessions/${id}/close`, { code: 4000, reason: "bye" })).status).toBe(
      204,
    );
    expect((await closed)[1]).toMatchObject({ code: 4000, reason: "bye" });
    expect(expectError(await control(sim, "POST", "/sessions/nope/drop"), 404).code).toBe(
      "SIM_UNKNOWN_SESSION",
    );
    expect(expectError(await control(sim, "POST", `/sessions/${id}/close`, { code: 99 }), 400).code).toBe(
      "SIM_CONTROL_INVALID",
    );
  });
});
