import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  startTestSimulator,
  TEST_PASSWORD,
  type VirtualSimulator,
  waitUntil,
} from "../../src/testing/index.js";
import { heapUsed, rawSocket } from "./fuzz-helpers.js";
import { rest, TestClient, USER_ID } from "./helpers.js";

const SEED = 1313;
const BUDGET_MS = 4000;

/** A frame as a hostile client might send it: text, binary, deep JSON, invalid UTF-8, oversized. */
const frame = fc.oneof(
  fc.string({ maxLength: 512 }).map((text) => ({ data: text, binary: false })),
  fc.string({ unit: "binary", maxLength: 256 }).map((text) => ({ data: text, binary: false })),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => ({ data: Buffer.from(bytes), binary: true })),
  fc.integer({ min: 1, max: 8000 }).map((d) => ({ data: `${"[".repeat(d)}${"]".repeat(d)}`, binary: false })),
  // Not UTF-8, yet sent as a text frame: RFC 6455 says close with 1007.
  fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff, 0xfe]).map((b) => ({
    data: Buffer.from(b),
    binary: false,
  })),
  // Beyond maxPayload: closed with 1009.
  fc.constant({ data: "x".repeat(70 * 1024), binary: false }),
);

describe("fuzzing the WebSocket input: frames and handshakes", () => {
  let sim: VirtualSimulator;
  let client: TestClient;
  beforeAll(async () => {
    sim = await startTestSimulator({ maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it("any sequence of frames leaves the node running; a session ends only with a protocol close code", async () => {
    const before = heapUsed();
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
        client = await TestClient.connect(sim);
        for (const f of frames) {
          if (client.ws.readyState !== WebSocket.OPEN) break;
          client.ws.send(f.data, { binary: f.binary });
        }
        // A ping round trip proves the server has read everything sent before it.
        if (client.ws.readyState === WebSocket.OPEN) {
          await new Promise<void>((resolve) => {
            client.ws.once("pong", () => resolve());
            client.ws.once("close", () => resolve());
            client.ws.ping();
          });
        }
        if (client.ws.readyState === WebSocket.OPEN) {
          // Lavalink v4 ignores client frames: the session is untouched.
          expect(sim.getSession(client.sessionId)?.connected).toBe(true);
          client.ws.terminate();
        } else {
          expect([1007, 1009, 1002]).toContain(await client.closed);
        }
      }),
      { seed: SEED, numRuns: 120, interruptAfterTimeLimit: BUDGET_MS },
    );
    expect(sim.running).toBe(true);
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
    expect(sim.log.byteSize).toBeLessThanOrEqual(sim.log.maxBytes);
    expect(heapUsed() - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("random handshake headers get 101 or a proper refusal", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/v4/websocket", "/v4/websocket?x=1", "/v3/websocket", "/"),
        fc.constantFrom<string | undefined>(TEST_PASSWORD, undefined, "wrong"),
        fc.oneof(
          fc.constantFrom(USER_ID, "0", "", "-1", "1e3", "99999999999999999999999999"),
          fc.string({ maxLength: 20 }),
        ),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        async (path, authorization, userId, sessionId) => {
          const headers = [
            `GET ${path} HTTP/1.1`,
            "Host: x",
            "Connection: Upgrade",
            "Upgrade: websocket",
            "Sec-WebSocket-Version: 13",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            ...(authorization === undefined ? [] : [`Authorization: ${authorization}`]),
            `User-Id: ${userId.replace(/[\r\n]/g, "")}`,
            ...(sessionId === undefined ? [] : [`Session-Id: ${sessionId.replace(/[\r\n]/g, "")}`]),
          ];
          const answer = await rawSocket(sim.port, `${headers.join("\r\n")}\r\n\r\n`);
          expect(answer).toMatch(/^HTTP\/1\.1 (101|400|401|404) /);
          if (answer.startsWith("HTTP/1.1 101")) {
            expect(authorization).toBe(TEST_PASSWORD);
            expect(path.startsWith("/v4/websocket")).toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: 150, interruptAfterTimeLimit: BUDGET_MS },
    );
    // Sessions opened by raw sockets end when those sockets close.
    await waitUntil(() => sim.sessions.length === 0, "raw sessions ended");
    expect((await rest(sim, "GET", "/v4/info")).status).toBe(200);
  });
});
