import { describe, expect, it } from "vitest";
import { ProtocolSimulator } from "../../src/simulator/index.js";
import { waitUntil } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { control, expectError, SseReader } from "./control-helpers.js";
import { rest, TestClient } from "./helpers.js";

describe("control API: the node, the clock, the catalog and the log", () => {
  it("kills the node (connections refused, sessions lost) and brings it back on the same port", async () => {
    const sim = await testSimulator({ control: true });
    const port = sim.port;
    const client = await TestClient.connect(sim);
    const killed = await control(sim, "POST", "/node/kill", { downMs: 400 });
    expect(killed.status).toBe(202);
    expect(killed.body).toMatchObject({ downMs: 400 });
    // Cut without a close frame, as a crashed process.
    expect(await client.closed).toBe(1006);
    await waitUntil(() => !sim.running, { timeoutMs: 10_000 });
    await expect(fetch(`http://127.0.0.1:${port}/version`)).rejects.toThrow();
    await waitUntil(() => sim.running, { timeoutMs: 10_000 });
    expect(sim.port).toBe(port);
    expect(sim.sessions).toEqual([]);
    expect((await rest(sim, "GET", "/version")).status).toBe(200);

    expect((await control(sim, "POST", "/node/restart")).status).toBe(202);
    await waitUntil(() => !sim.running, { timeoutMs: 10_000 });
    await waitUntil(() => sim.running, { timeoutMs: 10_000 });
    expect(expectError(await control(sim, "POST", "/node/kill", { downMs: 10_000_000 }), 400).code).toBe(
      "SIM_CONTROL_INVALID",
    );
  });

  it("stop() during a kill's downtime cancels the node's return", async () => {
    const sim = await testSimulator({ control: true });
    expect((await control(sim, "POST", "/node/kill", { downMs: 60_000 })).status).toBe(202);
    await waitUntil(() => !sim.running, { timeoutMs: 10_000 });
    await sim.stop();
    expect(sim.running).toBe(false);
  });

  it("advances a virtual clock, and refuses to on a real one", async () => {
    const sim = await testSimulator({ control: true });
    const before = sim.clock.now();
    const advanced = await control(sim, "POST", "/clock/advance", { ms: 90_000 });
    expect(advanced.status).toBe(200);
    expect(advanced.body).toEqual({ now: before + 90_000 });
    expect((await control(sim, "GET", "/clock")).body).toEqual({
      kind: "virtual",
      now: before + 90_000,
      timeScale: 1,
    });
    expect(expectError(await control(sim, "POST", "/clock/advance", {}), 400).code).toBe(
      "SIM_CONTROL_INVALID",
    );
    expect(expectError(await control(sim, "POST", "/clock/advance", { ms: -1 }), 400).code).toBe(
      "SIM_CONTROL_INVALID",
    );

    const real = await new ProtocolSimulator({ port: 0, control: true }).start();
    try {
      const refused = expectError(await control(real, "POST", "/clock/advance", { ms: 10 }), 400);
      expect(refused.message).toContain("--clock virtual");
    } finally {
      await real.stop();
    }
  });

  it("registers catalog tracks, searches and failures that Lavalink's loadtracks then answers", async () => {
    const sim = await testSimulator({ control: true });
    const track = await control(sim, "POST", "/catalog/tracks", {
      identifier: "my-song",
      track: { title: "My Song", author: "Me", length: 42_000 },
      script: { kind: "exception", atMs: 1000, exception: { message: "boom" } },
    });
    expect(track.status).toBe(201);
    const loaded = await rest(sim, "GET", "/v4/loadtracks?identifier=my-song");
    expect(loaded.body).toMatchObject({
      loadType: "track",
      data: { info: { title: "My Song", length: 42_000 } },
    });
    expect(sim.catalog.scriptFor(track.body.info)).toMatchObject({ kind: "exception", atMs: 1000 });

    expect(
      (
        await control(sim, "POST", "/catalog/searches", {
          query: "ytsearch:mine",
          tracks: [{ title: "A" }, { title: "B" }],
        })
      ).status,
    ).toBe(201);
    const search = (await rest(sim, "GET", "/v4/loadtracks?identifier=ytsearch%3Amine")) as {
      body: { data: { info: { title: string } }[] };
    };
    expect(search.body.data.map((t: { info: { title: string } }) => t.info.title)).toEqual(["A", "B"]);

    expect(
      (await control(sim, "POST", "/catalog/failures", { identifier: "bad", message: "region locked" }))
        .status,
    ).toBe(201);
    expect((await rest(sim, "GET", "/v4/loadtracks?identifier=bad")).body).toMatchObject({
      loadType: "error",
      data: { message: "region locked", severity: "common" },
    });

    const bad: [string, unknown, string][] = [
      ["/catalog/tracks", { track: { length: -1 } }, "MOCK_FACTORY"],
      ["/catalog/tracks", { track: { titel: "typo" } }, "MOCK_FACTORY"],
      ["/catalog/tracks", { script: { kind: "explode" } }, "SIM_CONTROL_INVALID"],
      ["/catalog/tracks", { song: {} }, "SIM_CONTROL_INVALID"],
      ["/catalog/searches", { query: "q", tracks: [] }, "SIM_CONTROL_INVALID"],
      ["/catalog/failures", { identifier: "x" }, "SIM_CONTROL_INVALID"],
    ];
    for (const [path, body, code] of bad) {
      expect({ path, code: expectError(await control(sim, "POST", path, body), 400).code }).toEqual({
        path,
        code,
      });
    }
  });

  it("reads the log, and streams it as server-sent events", async () => {
    const sim = await testSimulator({ control: true });
    await rest(sim, "GET", "/v4/info");
    await rest(sim, "GET", "/v4/stats");
    const log = await control(sim, "GET", "/log?limit=2");
    expect(log.body.map((e: { path: string; direction: string }) => `${e.direction} ${e.path}`)).toEqual([
      "in /v4/stats",
      "out /v4/stats",
    ]);
    expect(expectError(await control(sim, "GET", "/log?limit=-3"), 400).code).toBe("SIM_CONTROL_INVALID");

    const stream = await SseReader.open(sim, "/log/stream");
    try {
      expect(stream.status).toBe(200);
      await rest(sim, "GET", "/version");
      const entry = await stream.next(
        (e) => e.event === "log" && (e.data as { path?: string }).path === "/version",
      );
      expect(entry.data).toMatchObject({ kind: "rest", direction: "in", method: "GET" });
    } finally {
      stream.close();
    }
  });

  it("pushes state, log and timeline events on /events", async () => {
    const sim = await testSimulator({ control: true });
    const stream = await SseReader.open(sim, "/events");
    try {
      const hello = await stream.next((e) => e.event === "hello");
      expect(hello.data).toMatchObject({ state: { sessions: [] }, log: [], timeline: [] });
      const client = await TestClient.connect(sim);
      const state = await stream.next(
        (e) => e.event === "state" && (e.data as { sessions: unknown[] }).sessions.length === 1,
      );
      expect(state.data).toMatchObject({
        sessions: [{ id: client.sessionId, clientName: "sonora-tests/1.0" }],
      });
      await client.close();
    } finally {
      stream.close();
    }
  });
});
