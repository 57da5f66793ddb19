import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { LavalinkRestError, RequestTimeoutError } from "../../src/client/index.js";
import type { ProtocolSimulator } from "../../src/testing/index.js";
import { catalogTrack, driveClock, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { testRestClient } from "../support/rest-client.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

interface Hit {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** A real HTTP server whose answers are scripted per request number. */
async function scriptedServer(answer: (n: number, hit: Hit) => { status: number; body?: unknown } | "hang") {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      const hit = {
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        body,
      };
      hits.push(hit);
      const a = answer(hits.length, hit);
      if (a === "hang") return;
      res.writeHead(a.status, { "Content-Type": "application/json" });
      res.end(a.body === undefined ? "" : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { hits, port, server };
}

const errorBody = (status: number) => ({
  timestamp: 1,
  status,
  error: "Service Unavailable",
  message: "overloaded",
  path: "/v4/info",
});

let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

function client(port: number, clock: VirtualClock) {
  const rest = testRestClient(port, clock);
  cleanup.push(() => rest.close());
  return rest;
}

describe("REST retries over a real socket (scripted server: what the simulator cannot do)", () => {
  it("does not retry a non-idempotent PATCH on a 500 (it may have been applied)", async () => {
    const { hits, port, server } = await scriptedServer(() => ({ status: 500, body: errorBody(500) }));
    cleanup.push(() => server.close());
    const clock = new VirtualClock();
    const rest = client(port, clock);
    const error = await driveClock(
      clock,
      rest.request("PATCH", "/v4/sessions/s/players/1", { body: { track: { encoded: "x" } } }),
      { stepMs: 100 },
    ).catch((e: unknown) => e);
    expect((error as LavalinkRestError).status).toBe(500);
    expect(hits).toHaveLength(1);
  });

  it("retries a non-idempotent PATCH on 503 (the server says it did not process it)", async () => {
    const { hits, port, server } = await scriptedServer((n) =>
      n === 1 ? { status: 503, body: errorBody(503) } : { status: 200, body: { done: n } },
    );
    cleanup.push(() => server.close());
    const clock = new VirtualClock();
    const result = await driveClock(clock, client(port, clock).request("PATCH", "/x", { body: { a: 1 } }), {
      stepMs: 100,
    });
    expect(result).toEqual({ done: 2 });
    expect(hits.map((h) => h.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("times out on the client clock and does not replay a non-idempotent request", async () => {
    const { hits, port, server } = await scriptedServer(() => "hang");
    cleanup.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const clock = new VirtualClock();
    const error = await driveClock(clock, client(port, clock).request("POST", "/x", { body: {} }), {
      stepMs: 1_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).code).toBe("REQUEST_TIMEOUT");
    expect(hits).toHaveLength(1);
  });
});

/** A client connected to a simulator, with 3 REST retries 100 ms apart on the shared virtual clock. */
async function simulated() {
  const env = await sonoraEnv({
    nodes: ["main"],
    client: { ...STEADY_CLIENT, rest: { retry: { maxRetries: 3, baseDelay: 100, jitter: false } } },
  });
  return { sim: env.simulator, client: env.client, env };
}

const hits = (sim: ProtocolSimulator, fault: string) =>
  sim.faults.decisions.filter((d) => d.id === fault).length;

describe("REST retries against the simulator's injected 503s", () => {
  it("retries a GET through two 503s, then gets the answer once the fault is removed", async () => {
    const { sim, client, env } = await simulated();
    const fault = sim.faults.add({
      id: "overloaded",
      type: "rest-error",
      status: 503,
      toxicity: 1,
      route: "GET /v4/loadtracks",
    });
    const loading = client.load(catalogTrack("through-503"));
    // Retry waits run on the virtual clock, which stands still until the fault is gone.
    await waitUntil(() => hits(sim, "overloaded") === 1, "the first attempt gets a 503");
    await env.advance(100);
    await waitUntil(() => hits(sim, "overloaded") === 2, "the first retry gets a 503");
    sim.faults.remove(fault);
    const result = await env.drive(loading, { stepMs: 100 });
    expect(result.loadType).toBe("track");
    expect(hits(sim, "overloaded")).toBe(2);
    const loads = sim.log
      .filter({ kind: "rest", direction: "in" })
      .filter((e) => e.path === "/v4/loadtracks");
    expect(loads).toHaveLength(3);
  });

  it("gives up after maxRetries with Lavalink's error body attached", async () => {
    const { sim, client, env } = await simulated();
    sim.faults.add({
      id: "down",
      type: "rest-error",
      status: 503,
      message: "overloaded",
      toxicity: 1,
      route: "GET /v4/loadtracks",
    });
    const error = await env
      .drive(client.load(catalogTrack("never")), { stepMs: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavalinkRestError);
    expect((error as LavalinkRestError).status).toBe(503);
    expect((error as LavalinkRestError).body?.path).toBe("/v4/loadtracks");
    expect(hits(sim, "down")).toBe(4);
  });

  it("replays a track change refused upstream with 503 (never applied): the track starts exactly once", async () => {
    const { sim, client, env } = await simulated();
    const track = (await client.load(catalogTrack("play-through-503"))).tracks[0]!;
    const player = await client.getPlayer(TEST_GUILD_ID);
    const fault = sim.faults.add({
      id: "busy",
      type: "rest-error",
      status: 503,
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    const playing = player.play(track);
    await waitUntil(() => hits(sim, "busy") === 1, "the first PATCH gets a 503");
    sim.faults.remove(fault);
    expect(await env.drive(playing, { stepMs: 100 })).toBe(track);
    expect(sim.getPlayer(undefined, TEST_GUILD_ID)?.track?.info.identifier).toBe(track.identifier);
    expect(sim.log.filter({ type: "TrackStartEvent" })).toHaveLength(1);
  });

  it("does not replay a track change the node applied before answering 500", async () => {
    const { sim, client, env } = await simulated();
    const track = (await client.load(catalogTrack("applied-then-500"))).tracks[0]!;
    const player = await client.getPlayer(TEST_GUILD_ID);
    sim.faults.add({
      id: "late-500",
      type: "rest-error",
      status: 500,
      direction: "downstream",
      toxicity: 1,
      route: "PATCH /v4/sessions/*/players/*",
    });
    const error = await env.drive(player.play(track), { stepMs: 100 }).catch((e: unknown) => e);
    expect((error as LavalinkRestError).status).toBe(500);
    expect(hits(sim, "late-500")).toBe(1);
    // The node did apply it: the client must not restart the track by replaying the PATCH.
    expect(sim.getPlayer(undefined, TEST_GUILD_ID)?.track?.info.identifier).toBe(track.identifier);
    expect(sim.log.filter({ type: "TrackStartEvent" })).toHaveLength(1);
  });
});
