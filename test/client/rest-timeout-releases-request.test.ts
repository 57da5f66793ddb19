import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import {
  DEFAULT_REST_RETRY,
  RequestTimeoutError,
  RestClient,
  resolveRetryPolicy,
} from "../../src/client/index.js";
import { driveClock, waitUntil } from "../../src/testing/index.js";

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

describe("a timed-out REST request is released", () => {
  it("leaves no request in flight and destroys its socket, for every attempt", async () => {
    const sockets: Socket[] = [];
    let closed = 0;
    // A node that reads each request and never answers.
    const server = http.createServer(() => undefined);
    server.on("connection", (socket: Socket) => {
      sockets.push(socket);
      socket.on("close", () => closed++);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanup.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const clock = new VirtualClock();
    const rest = new RestClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      password: "pw",
      node: "n1",
      timeout: 1_000,
      // A GET is retried after a timeout: two attempts, two sockets, both must be released.
      retry: resolveRetryPolicy({ maxRetries: 1, baseDelay: 100, jitter: false }, DEFAULT_REST_RETRY, "r"),
      clock,
      random: () => 0.5,
    });
    cleanup.push(() => rest.close());

    const pending = rest.request("GET", "/v4/info");
    await waitUntil(() => rest.inFlightCount === 1, "the request is sent");
    const error = await driveClock(clock, pending, { stepMs: 250 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(rest.inFlightCount).toBe(0);
    await waitUntil(
      () => closed === sockets.length && sockets.length === 2,
      "the server sees both sockets closed",
    );
    expect(sockets.every((s) => s.destroyed)).toBe(true);
  });
});
