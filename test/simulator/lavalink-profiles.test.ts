import { describe, expect, it } from "vitest";
import type { IncomingMessage } from "../../src/protocol/index.js";
import { type LavalinkVersion, lavalinkProfile, SimulatorError } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

type Event = IncomingMessage & { type: string; exception?: Record<string, unknown>; reason?: string };

async function node(lavalinkVersion: LavalinkVersion, extra: Record<string, unknown> = {}) {
  const sim = await testSimulator({ lavalinkVersion, ...extra });
  const client = await TestClient.connect(sim);
  const path = `/v4/sessions/${client.sessionId}/players/123456789012345678`;
  return { sim, client, path };
}

const VOICE = { token: "tok", endpoint: "eu.discord.media", sessionId: "voice-session" };

describe("Lavalink version profiles", () => {
  it("each line reports its own release and lavaplayer", async () => {
    for (const [line, semver, lavaplayer] of [
      ["4.0", "4.0.8", "2.2.2"],
      ["4.1", "4.1.2", "2.2.6"],
      ["4.2", "4.2.2", "2.2.6"],
    ] as const) {
      const { sim, client } = await node(line);
      expect((await rest(sim, "GET", "/version")).text).toBe(semver);
      expect((await rest(sim, "GET", "/v4/info")).body).toMatchObject({ version: { semver }, lavaplayer });
      await client.close();
    }
    expect(() => lavalinkProfile("3.7" as LavalinkVersion)).toThrow(SimulatorError);
  });

  it("4.0 and 4.1 take a voice state without channelId and refuse an empty field with the partial-state message", async () => {
    for (const line of ["4.0", "4.1"] as const) {
      const { sim, client, path } = await node(line);
      const ok = await rest(sim, "PATCH", path, { voice: VOICE });
      expect(ok.status).toBe(200);
      // The player object has no channelId before 4.2.
      expect((ok.body as { voice: Record<string, unknown> }).voice).toEqual(VOICE);
      const partial = await rest(sim, "PATCH", path, { voice: { ...VOICE, endpoint: "" } });
      expect(partial.status).toBe(400);
      expect((partial.body as { message: string }).message).toBe(
        "Partial Lavalink voice state: VoiceState(token=tok, endpoint=, sessionId=voice-session)",
      );
      await client.close();
    }
  });

  it("4.2 requires channelId and echoes it (null when unknown)", async () => {
    const { sim, client, path } = await node("4.2");
    const refused = await rest(sim, "PATCH", path, { voice: VOICE });
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string }).message).toBe(
      "token, endpoint, sessionId and channelId must be provided in voice state",
    );
    const fresh = await rest(sim, "PATCH", path, { volume: 50 });
    expect((fresh.body as { voice: unknown }).voice).toEqual({
      token: "",
      endpoint: "",
      sessionId: "",
      channelId: null,
    });
    const ok = await rest(sim, "PATCH", path, { voice: { ...VOICE, channelId: "42" } });
    expect((ok.body as { voice: unknown }).voice).toEqual({ ...VOICE, channelId: "42" });
    await client.close();
  });

  it("filters come back as each line serialises them: 4.0 without defaults, 4.1+ with them; null members are dropped", async () => {
    const sent = { timescale: { speed: 2 }, karaoke: null, volume: 0.8, unknownFilter: { x: 1 } };
    const expected: Record<string, unknown> = {
      "4.0": { volume: 0.8, timescale: { speed: 2 } },
      "4.1": { volume: 0.8, timescale: { speed: 2, pitch: 1, rate: 1 } },
      "4.2": { volume: 0.8, timescale: { speed: 2, pitch: 1, rate: 1 } },
    };
    for (const line of ["4.0", "4.1", "4.2"] as const) {
      const { sim, client, path } = await node(line);
      const res = await rest(sim, "PATCH", path, { filters: sent });
      expect(res.status).toBe(200);
      expect((res.body as { filters: unknown }).filters).toEqual(expected[line]);
      await client.close();
    }
  });

  it("exceptions carry causeStackTrace from 4.1 on", async () => {
    for (const [line, hasTrace] of [
      ["4.0", false],
      ["4.1", true],
    ] as const) {
      const { sim, client } = await node(line);
      const failed = await rest(sim, "GET", "/v4/loadtracks?identifier=sonora:error");
      const data = (failed.body as { loadType: string; data: Record<string, unknown> }).data;
      expect(failed.body).toMatchObject({ loadType: "error" });
      expect("causeStackTrace" in data).toBe(hasTrace);
      await client.close();
    }
  });
});

describe("filters as Lavalink takes them", () => {
  it("accepts values the DSP refuses, then the track fails at playback (TrackException, TrackEnd finished)", async () => {
    for (const [filters, cause] of [
      [{ timescale: { speed: 0 } }, "java.lang.IllegalArgumentException: speed <= 0"],
      [{ volume: 6 }, "java.lang.IllegalArgumentException: Volume > 5.0"],
      [{ vibrato: { frequency: 20 } }, "java.lang.IllegalArgumentException: Frequency > max (14.0)"],
    ] as const) {
      const { sim, client, path } = await node("4.2");
      const { encoded } = await loadOne(sim);
      await rest(sim, "PATCH", path, { track: { encoded } });
      await client.event("TrackStartEvent");
      const res = await rest(sim, "PATCH", path, { filters });
      expect(res.status).toBe(200);
      const exception = await client.event<Event>("TrackExceptionEvent");
      expect(exception.exception).toMatchObject({
        message: "Something broke when playing the track.",
        severity: "fault",
        cause,
      });
      expect((await client.event<Event>("TrackEndEvent")).reason).toBe("finished");
      await client.close();
    }
  });

  it("a track started under a broken chain fails before its first frame (loadFailed)", async () => {
    const { sim, client, path } = await node("4.2");
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", path, { filters: { timescale: { rate: -1 } } });
    await rest(sim, "PATCH", path, { track: { encoded } });
    await client.event("TrackStartEvent");
    await client.event("TrackExceptionEvent");
    expect((await client.event<Event>("TrackEndEvent")).reason).toBe("loadFailed");
    await client.close();
  });

  it("a disabled-but-present filter does not break the chain; a band outside 0–14 is a 500", async () => {
    const { sim, client, path } = await node("4.2");
    // tremolo with depth 0 is not enabled, so lavaplayer never builds the chain.
    expect((await rest(sim, "PATCH", path, { filters: { tremolo: { depth: 0 } } })).status).toBe(200);
    const band = await rest(sim, "PATCH", path, { filters: { equalizer: [{ band: 15, gain: 0.1 }] } });
    expect(band.status).toBe(500);
    expect((band.body as { message: string }).message).toBe("Index 15 out of bounds for length 15");
    await client.close();
  });

  it("lint mode refuses what would fail later, with the reason", async () => {
    const { sim, client, path } = await node("4.2", { lint: true });
    const res = await rest(sim, "PATCH", path, { filters: { timescale: { speed: 0 } } });
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toMatch(/filters\.timescale\.speed/);
    await client.close();
  });

  it("filters disabled in the config answer 400 with Lavalink's message", async () => {
    const { sim, client, path } = await node("4.2", { disabledFilters: ["timescale", "karaoke"] });
    const res = await rest(sim, "PATCH", path, { filters: { karaoke: {}, timescale: null, volume: 1 } });
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toBe(
      "Following filters are disabled in the config: karaoke, timescale",
    );
    await client.close();
  });
});
