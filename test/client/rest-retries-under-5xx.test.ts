import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_REST_RETRY,
  LavalinkRestError,
  RequestTimeoutError,
  RestClient,
  resolveRetryPolicy,
} from "../../src/client/index.js";
import { VirtualClock } from "../../src/clock/index.js";
import { drive } from "./helpers.js";

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

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function client(port: number, clock: VirtualClock) {
  const rest = new RestClient({
    baseUrl: `http://127.0.0.1:${port}`,
    password: "pw",
    node: "n1",
    timeout: 5_000,
    retry: resolveRetryPolicy(
      { maxRetries: 3, baseDelay: 100, jitter: false },
      DEFAULT_REST_RETRY,
      "rest.retry",
    ),
    clock,
    random: () => 0.5,
  });
  cleanup.push(() => rest.close());
  return rest;
}

describe("REST retries over a real socket", () => {
  it("retries a GET after two 503s and returns the third answer", async () => {
    const { hits, port, server } = await scriptedServer((n) =>
      n <= 2 ? { status: 503, body: errorBody(503) } : { status: 200, body: { ok: true } },
    );
    cleanup.push(() => server.close());
    const clock = new VirtualClock();
    const result = await drive(clock, client(port, clock).request<{ ok: boolean }>("GET", "/v4/info"));
    expect(result).toEqual({ ok: true });
    expect(hits.map((h) => h.method)).toEqual(["GET", "GET", "GET"]);
    expect(hits.every((h) => h.authorization === "pw")).toBe(true);
  });

  it("gives up after maxRetries with Lavalink's error body attached", async () => {
    const { hits, port, server } = await scriptedServer(() => ({ status: 503, body: errorBody(503) }));
    cleanup.push(() => server.close());
    const clock = new VirtualClock();
    const error = await drive(clock, client(port, clock).request("GET", "/v4/info")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavalinkRestError);
    expect((error as LavalinkRestError).status).toBe(503);
    expect((error as LavalinkRestError).body?.message).toBe("overloaded");
    expect(hits).toHaveLength(4);
  });

  it("does not retry a non-idempotent PATCH on a 500 (it may have been applied)", async () => {
    const { hits, port, server } = await scriptedServer(() => ({ status: 500, body: errorBody(500) }));
    cleanup.push(() => server.close());
    const clock = new VirtualClock();
    const rest = client(port, clock);
    const error = await drive(
      clock,
      rest.request("PATCH", "/v4/sessions/s/players/1", { body: { track: { encoded: "x" } } }),
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
    const result = await drive(clock, client(port, clock).request("PATCH", "/x", { body: { a: 1 } }));
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
    const error = await drive(clock, client(port, clock).request("POST", "/x", { body: {} }), 1_000).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).code).toBe("REQUEST_TIMEOUT");
    expect(hits).toHaveLength(1);
  });
});
