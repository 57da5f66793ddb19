import { request } from "node:http";
import { beforeEach, describe, expect, it } from "vitest";
import { encodeTrack } from "../../src/protocol/codec/index.js";
import type { TrackInfo } from "../../src/protocol/index.js";
import { TEST_PASSWORD, type VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

const INFO: TrackInfo = {
  identifier: "abc123",
  isSeekable: true,
  author: "Someone",
  length: 200_000,
  isStream: false,
  position: 0,
  title: "A song",
  uri: "https://example.com/abc123",
  artworkUrl: null,
  isrc: null,
  sourceName: "http-not-in-catalog",
};

describe("REST routes answer like Lavalink", () => {
  let sim: VirtualSimulator;
  let client: TestClient;
  beforeEach(async () => {
    sim = await testSimulator();
    client = await TestClient.connect(sim);
  });

  it("serves /version as text, /v4/info and /v4/stats (frameStats null)", async () => {
    const version = await rest(sim, "GET", "/version");
    expect(version.status).toBe(200);
    expect(version.text).toBe("4.2.2");
    expect(version.headers.get("content-type")).toContain("text/plain");
    const info = (await rest(sim, "GET", "/v4/info")).body as Record<string, unknown>;
    expect(info).toMatchObject({ version: { semver: "4.2.2", major: 4, minor: 2, patch: 2 } });
    expect(info.sourceManagers).toEqual(expect.arrayContaining(["youtube", "soundcloud", "spotify"]));
    expect(info.filters).toEqual(expect.arrayContaining(["timescale", "equalizer", "lowPass"]));
    const stats = (await rest(sim, "GET", "/v4/stats")).body as Record<string, unknown>;
    expect(stats).toMatchObject({ players: 0, playingPlayers: 0 });
    expect(stats.frameStats).toBeNull();
  });

  it("loads tracks and decodes one or many, keeping the encoded string", async () => {
    const { encoded } = await loadOne(sim);
    const one = await rest(sim, "GET", `/v4/decodetrack?encodedTrack=${encodeURIComponent(encoded)}`);
    expect(one.body).toMatchObject({
      encoded,
      info: { identifier: "dQw4w9WgXcQ" },
      pluginInfo: {},
      userData: {},
    });
    const legacy = await rest(sim, "GET", `/v4/decodetrack?track=${encodeURIComponent(encoded)}`);
    expect(legacy.status).toBe(200);
    const many = await rest(sim, "POST", "/v4/decodetracks", [encoded, encoded]);
    expect(many.body).toHaveLength(2);
    expect((await rest(sim, "GET", "/v4/decodetrack")).body).toMatchObject({
      status: 400,
      message: "No track to decode provided",
    });
    expect((await rest(sim, "POST", "/v4/decodetracks", [])).body).toMatchObject({
      status: 400,
      message: "No tracks to decode provided",
    });
    const bad = await rest(sim, "GET", "/v4/decodetrack?encodedTrack=bm90IGEgdHJhY2s%3D");
    // Lavalink lets the decoder's exception through: 500 with its message.
    expect(bad.status).toBe(500);
    expect(bad.body).toMatchObject({ status: 500, error: "Internal Server Error", path: "/v4/decodetrack" });
    expect((await rest(sim, "GET", "/v4/loadtracks")).status).toBe(400);
  });

  it("plays any validly encoded track, even one the catalog never produced", async () => {
    const encoded = encodeTrack(INFO);
    const res = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/5`, {
      encodedTrack: encoded,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      track: { info: { identifier: "abc123", sourceName: "http-not-in-catalog" } },
    });
    const bad = await rest(sim, "PATCH", `/v4/sessions/${client.sessionId}/players/5`, {
      track: { encoded: "%%%" },
    });
    expect(bad.status).toBe(500);
  });

  it("lists players, plays by identifier (deprecated and new form), rejects searches as identifiers", async () => {
    const base = `/v4/sessions/${client.sessionId}/players`;
    expect(
      (await rest(sim, "PATCH", `${base}/1`, { track: { identifier: "sonora:track#one" } })).status,
    ).toBe(200);
    expect((await rest(sim, "PATCH", `${base}/2`, { identifier: "sonora:track#two" })).status).toBe(200);
    const search = await rest(sim, "PATCH", `${base}/3`, { track: { identifier: "ytsearch:anything" } });
    expect(search.status).toBe(400);
    expect(search.body).toMatchObject({ message: "Cannot play a playlist or search result" });
    // What the catalog does not know (no prefix, not a URL) loads empty, like Lavalink.
    const unknown = await rest(sim, "PATCH", `${base}/3`, { track: { identifier: "no-such-song" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ message: "No matches found for identifier" });
    const list = (await rest(sim, "GET", base)).body as {
      guildId: string;
      track: { info: { identifier: string } } | null;
    }[];
    expect(list.map((p) => [p.guildId, p.track?.info.identifier ?? null])).toEqual([
      ["1", "sonora:track#one"],
      ["2", "sonora:track#two"],
      ["3", null],
    ]);
  });

  it("updates the session and checks its body", async () => {
    const path = `/v4/sessions/${client.sessionId}`;
    expect((await rest(sim, "PATCH", path, { resuming: true })).body).toEqual({
      resuming: true,
      timeout: 60,
    });
    expect((await rest(sim, "PATCH", path, { timeout: 5, extra: "ignored" })).body).toEqual({
      resuming: true,
      timeout: 5,
    });
    expect((await rest(sim, "PATCH", path, { timeout: "soon" })).status).toBe(400);
    expect((await rest(sim, "PATCH", "/v4/sessions/nope", {})).body).toMatchObject({
      status: 404,
      message: "Session not found",
    });
  });

  it("refuses bad player updates with Lavalink's messages", async () => {
    const path = `/v4/sessions/${client.sessionId}/players/9`;
    const { encoded } = await loadOne(sim);
    const cases: [unknown, string | RegExp][] = [
      [
        { track: { encoded }, encodedTrack: encoded },
        "Cannot specify both track and encodedTrack/identifier",
      ],
      [{ track: { encoded, identifier: "x" } }, "Cannot specify both encodedTrack and identifier"],
      [{ endTime: 0 }, "End time must be greater than 0"],
      [{ voice: { token: "t", endpoint: "e", sessionId: "s" } }, /channelId must be provided/],
      [{ volume: 5.5 }, /volume/],
      [{ filters: { timescale: { speed: "fast" } } }, /filters\.timescale\.speed/],
      [{ filters: { equalizer: [{ gain: 0 }] } }, /band/],
      [{ paused: "yes" }, /paused/],
      [{ position: -5 }, /position/],
    ];
    for (const [body, message] of cases) {
      const res = await rest(sim, "PATCH", path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { message: string }).message).toMatch(message);
    }
    const badGuild = await rest(sim, "GET", `/v4/sessions/${client.sessionId}/players/not-a-number`);
    expect(badGuild.status).toBe(400);
    expect((await rest(sim, "PATCH", `${path}?noReplace=maybe`, {})).status).toBe(400);
  });

  it("answers route-planner routes: 204 without a planner, and manages a configured one", async () => {
    expect((await rest(sim, "GET", "/v4/routeplanner/status")).status).toBe(204);
    const disabled = await rest(sim, "POST", "/v4/routeplanner/free/all");
    expect(disabled.body).toMatchObject({ status: 500, message: "Can't access disabled route planner" });
    const planned = await testSimulator({
      routePlanner: {
        class: "RotatingNanoIpRoutePlanner",
        details: {
          ipBlock: { type: "Inet6Address", size: "1208925819614629174706176" },
          failingAddresses: [
            { failingAddress: "/1.0.0.1", failingTimestamp: 1, failingTime: "Thu Jan 01 00:00:00 UTC 1970" },
            { failingAddress: "/1.0.0.2", failingTimestamp: 2, failingTime: "Thu Jan 01 00:00:00 UTC 1970" },
          ],
          blockIndex: "0",
          currentAddressIndex: "36792023813",
        },
      },
    });
    try {
      expect(
        (await rest(planned, "POST", "/v4/routeplanner/free/address", { address: "1.0.0.1" })).status,
      ).toBe(204);
      const status = (await rest(planned, "GET", "/v4/routeplanner/status")).body as {
        details: { failingAddresses: unknown[] };
      };
      expect(status.details.failingAddresses).toHaveLength(1);
      expect((await rest(planned, "POST", "/v4/routeplanner/free/all")).status).toBe(204);
      expect(
        (await rest(planned, "POST", "/v4/routeplanner/free/address", { address: "not valid!" })).status,
      ).toBe(400);
    } finally {
      await planned.stop();
    }
  });
});

describe("auth, unknown routes and hostile input", () => {
  let sim: VirtualSimulator;
  beforeEach(async () => {
    sim = await testSimulator({ maxBodyBytes: 64 * 1024 });
  });

  it("401 without Authorization, 403 with a wrong one, both with an empty body", async () => {
    const missing = await fetch(`${sim.url}/v4/info`);
    expect(missing.status).toBe(401);
    expect(await missing.text()).toBe("");
    const wrong = await rest(sim, "GET", "/v4/info", undefined, { Authorization: "wrong" });
    expect(wrong.status).toBe(403);
  });

  it("404 for unknown routes, 405 for a wrong method, trace on request", async () => {
    const unknown = await rest(sim, "GET", "/v4/nothing-here");
    expect(unknown.body).toMatchObject({ status: 404, error: "Not Found", path: "/v4/nothing-here" });
    expect(unknown.body).not.toHaveProperty("trace");
    const method = await rest(sim, "POST", "/v4/info");
    expect(method.status).toBe(405);
    expect(method.headers.get("allow")).toBe("GET");
    const traced = await rest(sim, "GET", "/v4/sessions/x/players?trace=true");
    expect(traced.body).toMatchObject({
      status: 404,
      message: "Session not found",
      trace: expect.any(String),
    });
    const keys = Object.keys(traced.body as object);
    expect(keys).toEqual(["timestamp", "status", "error", "trace", "message", "path"]);
  });

  it("malformed JSON and wrong body types give 400, oversized bodies 413, and the server carries on", async () => {
    const client = await TestClient.connect(sim);
    const path = `/v4/sessions/${client.sessionId}/players/1`;
    const malformed = await rest(sim, "PATCH", path, "{not json");
    expect(malformed.body).toMatchObject({
      status: 400,
      error: "Bad Request",
      message: "Failed to read request",
    });
    expect((await rest(sim, "PATCH", path, "[1,2]")).status).toBe(400);
    expect((await rest(sim, "PATCH", path, "")).status).toBe(400);
    expect((await rest(sim, "POST", "/v4/decodetracks", { tracks: 1 })).status).toBe(400);

    const huge = JSON.stringify({ filler: "x".repeat(200 * 1024) });
    const tooLarge = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: sim.port,
          method: "PATCH",
          path,
          headers: { Authorization: TEST_PASSWORD },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(huge);
    });
    expect(tooLarge).toBe(413);

    // A client that vanishes mid-request.
    await new Promise<void>((resolve) => {
      const req = request({
        host: "127.0.0.1",
        port: sim.port,
        method: "PATCH",
        path,
        headers: { Authorization: TEST_PASSWORD, "Content-Length": "1000" },
      });
      req.on("error", () => resolve());
      req.write('{"volume":');
      setImmediate(() => {
        req.destroy();
        resolve();
      });
    });
    expect((await rest(sim, "PATCH", path, { volume: 7 })).body).toMatchObject({ volume: 7 });
    // Out of range, Lavalink (lavaplayer) clamps and answers 200 rather than refusing.
    const loud = await rest(sim, "PATCH", path, { volume: 1500 });
    expect([loud.status, loud.body]).toMatchObject([200, { volume: 1000 }]);
    const silent = await rest(sim, "PATCH", path, { volume: -5 });
    expect([silent.status, silent.body]).toMatchObject([200, { volume: 0 }]);
    await client.close();
  });
});
