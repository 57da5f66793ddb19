import type http from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { type Node, ResponseTooLargeError, SonoraClient, SonoraError } from "../../src/client/index.js";
import { measureHeap } from "../scenarios/helpers.js";
import { type HostileNode, playerAnswer, sendReady, startHostileNode } from "./helpers/hostile-node.js";

/**
 * The client against a node that lies, floods and breaks the protocol on purpose: deep JSON, huge
 * and endless bodies, invalid UTF-8, garbage and binary frames, header injection in session ids.
 * Whatever it does, the process survives, nothing escapes from a timer or a promise, every error
 * the client reports is a SonoraError, and the memory it took is given back.
 */

const SEED = 1313;
/** Wall-time budget of each property: the run stops (passing) once it is spent. */
const BUDGET_MS = 4000;
const GUILD = "817327181659111454";
const MAX_FRAME_BYTES = 64 * 1024;
const MAX_RESPONSE_BYTES = 256 * 1024;

/** Everything that reached the process-wide traps: must stay empty. */
const escaped: unknown[] = [];
const trap = (error: unknown) => {
  escaped.push(error);
};
beforeAll(() => {
  process.on("uncaughtException", trap);
  process.on("unhandledRejection", trap);
});
afterAll(() => {
  process.off("uncaughtException", trap);
  process.off("unhandledRejection", trap);
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every few ms, for at most `limitMs` (then goes on: the checks that follow tell). */
async function until(condition: () => boolean, limitMs: number): Promise<void> {
  for (const start = Date.now(); !condition() && Date.now() - start < limitMs; ) await pause(5);
}

/** `[[[…]]]` or `{"a":{"a":…}}` beyond the depth limit, as deep as an attacker likes. */
const deepJson = fc
  .record({ depth: fc.integer({ min: 1001, max: 100_000 }), kind: fc.constantFrom("array", "object") })
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
  .map((bytes) => Buffer.from(bytes));

/** Session ids a hostile node may claim: header injection, control characters, non-Latin-1. */
const evilSessionId = fc.oneof(
  fc.constantFrom(
    "abc\r\nX-Injected: 1",
    "abc\n",
    "a b",
    "\u0000",
    "séance",
    "会话",
    "😀😀😀",
    "",
    "x".repeat(300),
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(42, null, true, {}),
);

const STATS = {
  op: "stats",
  players: 1,
  playingPlayers: 0,
  uptime: 1,
  memory: { free: 1, used: 1, allocated: 1, reservable: 1 },
  cpu: { cores: 1, systemLoad: 0, lavalinkLoad: 0 },
};

type Action =
  | { kind: "ready" }
  | { kind: "badReady"; sessionId: unknown }
  | { kind: "text"; text: string }
  | { kind: "huge"; bytes: number }
  | { kind: "invalidUtf8"; bytes: Buffer }
  | { kind: "binary"; bytes: Uint8Array }
  | { kind: "flood"; count: number; frame: string }
  | { kind: "close"; code: number }
  | { kind: "terminate" };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant<Action>({ kind: "ready" }),
  evilSessionId.map((sessionId): Action => ({ kind: "badReady", sessionId })),
  fc
    .oneof(
      deepJson,
      deepJson.map((deep) => `{"op":"stats","x":${deep}}`),
      fc.string({ maxLength: 200 }),
      fc.json({ depthSize: "medium" }),
      fc.constantFrom("", "null", "[]", '{"op":"event","type":"TrackStartEvent"}', '{"op":"playerUpdate"}'),
    )
    .map((text): Action => ({ kind: "text", text })),
  fc
    .integer({ min: MAX_FRAME_BYTES + 1, max: 4 * MAX_FRAME_BYTES })
    .map((bytes): Action => ({ kind: "huge", bytes })),
  invalidUtf8.map((bytes): Action => ({ kind: "invalidUtf8", bytes })),
  fc.uint8Array({ maxLength: 512 }).map((bytes): Action => ({ kind: "binary", bytes })),
  fc
    .record({
      count: fc.integer({ min: 10, max: 3000 }),
      frame: fc.constantFrom(
        JSON.stringify(STATS),
        JSON.stringify({
          op: "playerUpdate",
          guildId: GUILD,
          state: { time: 1, position: 1, connected: true, ping: 1 },
        }),
        "garbage",
        '{"op":"event","type":"Nope","guildId":"1"}',
      ),
    })
    .map(({ count, frame }): Action => ({ kind: "flood", count, frame })),
  fc.constantFrom(1000, 1001, 1008, 1011, 4000, 4004, 4999).map((code): Action => ({ kind: "close", code })),
  fc.constant<Action>({ kind: "terminate" }),
);

/**
 * Plays a script on one WebSocket, then drops it, so the client always reconnects with whatever
 * session id it adopted (where a header built from a bad one used to throw, from a timer). Resolves
 * once the socket is gone.
 */
function play(ws: WebSocket, script: readonly Action[]): Promise<void> {
  return new Promise((resolve) => {
    ws.once("close", () => resolve());
    for (const a of script) {
      if (ws.readyState !== ws.OPEN) break;
      switch (a.kind) {
        case "ready":
          ws.send(JSON.stringify({ op: "ready", resumed: false, sessionId: "abcdefghijklmnop" }));
          break;
        case "badReady":
          ws.send(JSON.stringify({ op: "ready", resumed: false, sessionId: a.sessionId }));
          break;
        case "text":
          ws.send(a.text);
          break;
        case "huge":
          ws.send(JSON.stringify({ op: "stats", padding: "x".repeat(a.bytes) }));
          break;
        case "invalidUtf8":
          ws.send(a.bytes, { binary: false });
          break;
        case "binary":
          ws.send(a.bytes, { binary: true });
          break;
        case "flood":
          for (let i = 0; i < a.count; i++) ws.send(a.frame);
          break;
        case "close":
          ws.close(a.code, "hostile");
          break;
        case "terminate":
          ws.terminate();
          break;
      }
    }
    // Everything is queued; give the socket a moment to flush, then drop it.
    setTimeout(() => ws.terminate(), 20);
  });
}

/** Answers a session PATCH properly (so resuming is configured and nothing else is in the way). */
function sessionAnswer(_req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ resuming: true, timeout: 60 }));
}

function expectTyped(errors: readonly unknown[]): void {
  for (const error of errors) {
    expect(error, `not a SonoraError: ${String(error)}`).toBeInstanceOf(SonoraError);
  }
}

describe("the client against a hostile node", () => {
  let node: HostileNode;
  const heap = { measure: null as ReturnType<typeof measureHeap> | null };
  beforeAll(async () => {
    node = await startHostileNode(sendReady(), sessionAnswer);
    heap.measure = measureHeap();
  });
  afterAll(async () => {
    await node.close();
  });

  it("WebSocket: garbage, binary, deep, huge and invalid UTF-8 frames, floods, bad readys, abrupt closes", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 6 }), async (script) => {
        runs++;
        let first = true;
        let played: Promise<void> = Promise.resolve();
        node.socket = (ws, req) => {
          if (first) {
            first = false;
            played = play(ws, script);
          } else sendReady()(ws, req);
        };
        const client = new SonoraClient([{ host: "127.0.0.1", port: node.port, password: "pw", name: "n" }], {
          maxFrameBytes: MAX_FRAME_BYTES,
          connectTimeout: 300,
          reconnect: { maxRetries: 2, baseDelay: 5, backoff: "fixed", jitter: false },
          rest: { timeout: 300, retry: { maxRetries: 0 } },
        });
        const errors: unknown[] = [];
        client.on("nodeError", (_n, e) => errors.push(e));
        client.on("nodeLost", (_n, e) => errors.push(e));
        client.on("error", (e) => errors.push(e));
        const handshakes = node.handshakes.length;
        const n = client.nodes.get("n")!;
        // connect() rather than start(): a failed first attempt must not close the client, so the
        // reconnects (and the handshake headers they build) always run.
        const connected = n.connect().catch((e: unknown) => errors.push(e));
        // The first connection always ends (see play); the reconnect then meets an honest node.
        await until(() => !first, 10_000);
        await played;
        await connected;
        await until(
          () => (node.handshakes.length > handshakes + 1 && n.ready) || n.state === "disconnected",
          10_000,
        );
        expect(n.state === "ready" || n.state === "disconnected", `stuck in ${n.state}`).toBe(true);
        await client.close();
        expectTyped(errors);
        expect(escaped).toEqual([]);
      }),
      { seed: SEED, numRuns: 300, interruptAfterTimeLimit: BUDGET_MS },
    );
    // Not vacuous: the budget leaves room for a fair number of scripts even on a busy box.
    expect(runs).toBeGreaterThanOrEqual(5);
  });

  it("REST: deep, garbage, invalid UTF-8, lying, huge, endless, truncated and missing answers", async () => {
    type Answer =
      | { kind: "deep"; text: string }
      | { kind: "json"; text: string }
      | { kind: "bytes"; bytes: Uint8Array }
      | { kind: "announcedHuge" }
      | { kind: "endless" }
      | { kind: "lyingLength"; declared: number; text: string }
      | { kind: "hangup" }
      | { kind: "silent" };
    const answer: fc.Arbitrary<Answer> = fc.oneof(
      deepJson.map((text): Answer => ({ kind: "deep", text })),
      fc.json({ depthSize: "medium" }).map((text): Answer => ({ kind: "json", text })),
      fc
        .oneof(invalidUtf8, fc.uint8Array({ maxLength: 2048 }))
        .map((bytes): Answer => ({ kind: "bytes", bytes })),
      fc.constant<Answer>({ kind: "announcedHuge" }),
      fc.constant<Answer>({ kind: "endless" }),
      fc
        .record({ declared: fc.integer({ min: 0, max: 5000 }), text: fc.json() })
        .map(({ declared, text }): Answer => ({ kind: "lyingLength", declared, text })),
      fc.constant<Answer>({ kind: "hangup" }),
      fc.constant<Answer>({ kind: "silent" }),
    );
    const calls: readonly ((n: Node) => Promise<unknown>)[] = [
      (n) => n.fetchInfo(),
      (n) => n.fetchStats(),
      (n) => n.loadTracks("ytsearch:hostile"),
      (n) => n.decodeTracks(["QAAA"]),
      (n) => n.fetchPlayers(),
      (n) => n.updateSession({ resuming: true, timeout: 60 }),
      (n) => n.updatePlayer(GUILD, { volume: 50 }),
      (n) => n.destroyPlayer(GUILD),
    ];

    node.socket = sendReady();
    const client = new SonoraClient([{ host: "127.0.0.1", port: node.port, password: "pw", name: "n" }], {
      resume: false,
      rest: { timeout: 300, maxResponseBytes: MAX_RESPONSE_BYTES, retry: { maxRetries: 1, baseDelay: 1 } },
    });
    await client.start();
    const n = client.nodes.get("n")!;
    try {
      await fc.assert(
        fc.asyncProperty(
          answer,
          fc.constantFrom(200, 204, 400, 404, 500, 503),
          fc.constantFrom(...calls),
          async (a, status, call) => {
            node.rest = (_req, res) => {
              switch (a.kind) {
                case "deep":
                case "json":
                  res.writeHead(status, { "Content-Type": "application/json" });
                  res.end(status === 204 ? undefined : a.text);
                  return;
                case "bytes":
                  res.writeHead(200, { "Content-Type": "application/json" });
                  res.end(a.bytes);
                  return;
                case "announcedHuge":
                  res.writeHead(200, { "Content-Length": String(MAX_RESPONSE_BYTES * 100) });
                  res.write("[");
                  return;
                case "endless": {
                  res.writeHead(200, { "Content-Type": "application/json" });
                  const chunk = Buffer.alloc(16 * 1024, 0x5b); // "[[[[…": deep and endless at once
                  const pump = () => {
                    while (!res.destroyed && res.write(chunk));
                    if (!res.destroyed) res.once("drain", pump);
                  };
                  pump();
                  return;
                }
                case "lyingLength":
                  // Declares a length the body does not have, then ends the socket.
                  res.socket?.end(
                    `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${a.declared}\r\n\r\n${a.text}`,
                  );
                  return;
                case "hangup":
                  res.socket?.destroy();
                  return;
                case "silent":
                  return; // never answered: the REST timeout ends it
              }
            };
            const outcome = await call(n).then(
              () => null,
              (e: unknown) => e,
            );
            if (outcome !== null) expectTyped([outcome]);
            if (a.kind === "announcedHuge" || a.kind === "endless") {
              expect(outcome).toBeInstanceOf(ResponseTooLargeError);
            }
            expect(n.rest.inFlightCount).toBe(0);
            expect(escaped).toEqual([]);
          },
        ),
        { seed: SEED, numRuns: 150, interruptAfterTimeLimit: BUDGET_MS },
      );
      // The node still works for an honest answer afterwards.
      node.rest = (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(playerAnswer(GUILD, { volume: 50 })));
      };
      await expect(n.updatePlayer(GUILD, { volume: 50 })).resolves.toMatchObject({ volume: 50 });
    } finally {
      await client.close();
    }
  });

  it("an endless body under the default 32 MiB limit is cut off, and the memory comes back", async () => {
    node.socket = sendReady();
    node.rest = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    };
    const client = new SonoraClient([{ host: "127.0.0.1", port: node.port, password: "pw", name: "n" }], {
      resume: false,
    });
    await client.start();
    const measure = measureHeap();
    const error = await client.nodes
      .get("n")!
      .fetchInfo()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).limit).toBe(32 * 1024 * 1024);
    await client.close();
    await pause(20);
    const growth = measure.growthPer(1);
    if (growth !== null) expect(growth).toBeLessThan(8 * 1024 * 1024);
  });

  it("the process survived every run, and the heap returned to normal", () => {
    expect(escaped).toEqual([]);
    const growth = heap.measure?.growthPer(1) ?? null;
    if (growth !== null) expect(growth).toBeLessThan(64 * 1024 * 1024);
  });
});
