import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { NodeUnavailableError } from "../../src/client/index.js";
import { driveClock } from "../../src/testing/index.js";
import { testRestClient } from "../support/rest-client.js";

/**
 * A reset on a reused keep-alive socket is either a stale socket (nothing applied) or a node that
 * applied the request and died answering. A non-idempotent request with `confirm` asks before it
 * is sent again. A scripted server, because only it can reset exactly the second request of one
 * socket after reading it.
 */
async function resettingServer(resetRequests: Set<number>) {
  const hits: string[] = [];
  const sockets = new Set<unknown>();
  const server = http.createServer((req, res) => {
    sockets.add(req.socket);
    req.resume();
    req.on("end", () => {
      hits.push(`${req.method} ${req.url}`);
      if (resetRequests.has(hits.length)) {
        req.socket.destroy(); // read, maybe applied, never answered
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ n: hits.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { hits, port, server, sockets };
}

let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function setup(resetRequests: number[]) {
  const { hits, port, server, sockets } = await resettingServer(new Set(resetRequests));
  const clock = new VirtualClock();
  const rest = testRestClient(port, clock);
  cleanup.push(() => {
    rest.close();
    server.closeAllConnections();
    server.close();
  });
  const send = <T>(p: Promise<T>) => driveClock(clock, p, { stepMs: 100 });
  // Request 1 opens the socket that request 2 reuses.
  await send(rest.request("GET", "/v4/info"));
  return { hits, rest, send, sockets };
}

const patch = { body: { track: { encoded: "x" } } };

describe("a non-idempotent request reset on a reused socket", () => {
  it("is not sent again when confirm says the node applied it; confirm's answer is the result", async () => {
    const { hits, rest, send, sockets } = await setup([2]);
    let asked = 0;
    const result = await send(
      rest.request("PATCH", "/v4/sessions/s/players/1", {
        ...patch,
        confirm: async () => {
          asked++;
          return { confirmed: true };
        },
      }),
    );
    expect(result).toEqual({ confirmed: true });
    expect(asked).toBe(1);
    expect(hits).toEqual(["GET /v4/info", "PATCH /v4/sessions/s/players/1"]);
    expect(sockets.size).toBe(1); // the PATCH did go out on the reused socket
  });

  it("is sent again when confirm says it was not applied", async () => {
    const { hits, rest, send } = await setup([2]);
    const result = await send(rest.request("PATCH", "/p", { ...patch, confirm: async () => undefined }));
    expect(result).toEqual({ n: 3 });
    expect(hits).toEqual(["GET /v4/info", "PATCH /p", "PATCH /p"]);
  });

  it("fails without a retry when confirm cannot tell (it rejects)", async () => {
    const { hits, rest, send } = await setup([2]);
    const error = await send(
      rest.request("PATCH", "/p", {
        ...patch,
        confirm: async () => {
          throw new Error("node gone");
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeUnavailableError);
    expect(hits).toEqual(["GET /v4/info", "PATCH /p"]);
  });

  it("without confirm is retried as before (a stale socket is the common case)", async () => {
    const { hits, rest, send } = await setup([2]);
    expect(await send(rest.request("PATCH", "/p", patch))).toEqual({ n: 3 });
    expect(hits).toHaveLength(3);
  });

  it("an idempotent request is retried without asking", async () => {
    const { hits, rest, send } = await setup([2]);
    let asked = 0;
    const confirm = async () => {
      asked++;
      return { confirmed: true };
    };
    expect(await send(rest.request("PATCH", "/p", { ...patch, idempotent: true, confirm }))).toEqual({
      n: 3,
    });
    expect(asked).toBe(0);
    expect(hits).toHaveLength(3);
  });
});
