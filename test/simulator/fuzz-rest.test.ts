import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSimulator, TEST_PASSWORD, type VirtualSimulator } from "../../src/testing/index.js";
import { expectProperAnswer, heapUsed, rawRequest, rawSocket } from "./fuzz-helpers.js";
import { rest, TestClient } from "./helpers.js";

const SEED = 1313;
/** Wall-time budget of each property: the run stops (passing) once it is spent. */
const BUDGET_MS = 4000;

/** `[[[…]]]` or `{"a":{"a":…}}` of a given depth, as deep as an attacker likes. */
const deepJson = fc
  .record({ depth: fc.integer({ min: 1, max: 6000 }), kind: fc.constantFrom("array", "object") })
  .map(({ depth, kind }) =>
    kind === "array"
      ? `${"[".repeat(depth)}${"]".repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
  );

/** Bytes that are not UTF-8 (lone continuation bytes, overlongs, surrogates encoded raw). */
const invalidUtf8 = fc
  .array(fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xed, 0xa0, 0xf5, 0xff, 0x7b, 0x22), {
    minLength: 1,
    maxLength: 64,
  })
  .map((bytes) => Uint8Array.from(bytes));

describe("fuzzing the REST input: the simulator answers everything and survives", () => {
  let sim: VirtualSimulator;
  let client: TestClient;
  let sessionId: string;
  beforeAll(async () => {
    sim = await startTestSimulator({
      maxBodyBytes: 256 * 1024,
      routePlanner: { class: null, details: null },
    });
    client = await TestClient.connect(sim);
    sessionId = client.sessionId;
  });
  afterAll(async () => {
    client.ws.terminate();
    await sim.stop();
  });

  it("random methods, paths, credentials and bodies (deep, binary, invalid UTF-8, huge) get proper answers", async () => {
    const before = heapUsed();
    const paths = [
      "/v4/info",
      "/v4/decodetracks",
      "/v4/routeplanner/free/address",
      () => `/v4/sessions/${sessionId}`,
      () => `/v4/sessions/${sessionId}/players/1`,
      () => `/v4/sessions/${sessionId}/players/%ZZ`,
      "/v4/sessions/nope/players/99999999999999999999999",
      "/%E0%A4%A/x",
    ] as const;
    const body = fc.oneof(
      deepJson,
      fc.json({ depthSize: "large" }),
      invalidUtf8,
      fc.uint8Array({ maxLength: 2048 }),
      fc.integer({ min: 200_000, max: 400_000 }).map((n) => "x".repeat(n)),
      fc.constant(undefined),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT"),
        fc.constantFrom(...paths),
        fc.constantFrom<string | undefined>(TEST_PASSWORD, undefined, "wrong", TEST_PASSWORD.toUpperCase()),
        body,
        async (method, pathOf, authorization, payload) => {
          const path = typeof pathOf === "function" ? pathOf() : pathOf;
          const headers: Record<string, string> = { "Content-Type": "application/json" };
          if (authorization !== undefined) headers.Authorization = authorization;
          const res = await rawRequest(sim.port, {
            method,
            path,
            headers,
            ...(payload === undefined ? {} : { body: payload }),
          });
          expectProperAnswer(res, path);
          // Without the password nothing gets through: at most a refusal that Lavalink also
          // gives before its authorization interceptor (a malformed URL, a path without a handler,
          // a wrong method, a huge body).
          if (authorization !== TEST_PASSWORD) expect([400, 401, 403, 404, 405, 413]).toContain(res.status);
        },
      ),
      { seed: SEED, numRuns: 400, interruptAfterTimeLimit: BUDGET_MS },
    );
    expect(sim.running).toBe(true);
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
    // Memory returns to normal: the log holds at most its budget, and the heap did not keep the bodies.
    expect(sim.log.byteSize).toBeLessThanOrEqual(sim.log.maxBytes);
    expect(sim.log.entries().every((e) => (e.body?.length ?? 0) <= sim.log.bodyLimit + 40)).toBe(true);
    expect(heapUsed() - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("a flood of concurrent requests, authorised or not, is answered in full", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        rawRequest(sim.port, {
          method: i % 3 === 0 ? "POST" : "GET",
          path: i % 3 === 0 ? "/v4/decodetracks" : "/v4/stats",
          headers: i % 2 === 0 ? { Authorization: TEST_PASSWORD } : {},
          body: i % 3 === 0 ? "x".repeat(32 * 1024) : "",
        }),
      ),
    );
    for (const [i, res] of results.entries()) {
      expectProperAnswer(res, i % 3 === 0 ? "/v4/decodetracks" : "/v4/stats");
      if (i % 2 === 1) expect(res.status).toBe(401);
    }
    expect(sim.running).toBe(true);
  });

  it("CR/LF and NUL in header values or the request line get a proper status and inject no header", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("\r", "\n", "\r\n", "\0", "\r\nX-Injected: yes"),
        fc.constantFrom("Authorization", "Session-Id", "User-Id", "Client-Name"),
        fc.boolean(),
        async (evil, header, inLine) => {
          const request = inLine
            ? `GET /v4/info${evil}x HTTP/1.1\r\nHost: x\r\nAuthorization: ${TEST_PASSWORD}\r\n\r\n`
            : `GET /v4/websocket HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
              `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
              `${header}: a${evil}b\r\n\r\n`;
          const answer = await rawSocket(sim.port, request);
          const head = answer.split("\r\n\r\n")[0] ?? "";
          // Nothing a client sends comes back as a header line of the answer.
          expect(head).not.toMatch(/X-Injected/i);
          // Node's parser refuses the request (400), or reads a shorter request that is still
          // valid HTTP and the node answers it with a proper status.
          expect(head).toMatch(/^HTTP\/1\.1 (200|400|401|404|101) /);
        },
      ),
      { seed: SEED, numRuns: 60, interruptAfterTimeLimit: BUDGET_MS },
    );
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
  });
});
