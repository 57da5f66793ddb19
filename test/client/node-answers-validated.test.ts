import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { SonoraClient } from "../../src/client/index.js";
import { ProtocolValidationError } from "../../src/protocol/index.js";

/** A tiny "node" whose REST answers are set per path by the test. */
async function wrongNode(answers: Record<string, unknown>) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      if (!(path in answers)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(answers[path]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function nodeAnswering(answers: Record<string, unknown>) {
  const { server, port } = await wrongNode(answers);
  const client = new SonoraClient([{ host: "127.0.0.1", port, password: "pw", name: "n" }], {
    clock: new VirtualClock(),
    rest: { retry: { maxRetries: 0 } },
  });
  cleanup.push(
    () => client.close(),
    () => {
      server.closeAllConnections();
      server.close();
    },
  );
  const node = client.nodes.get("n")!;
  // The REST helpers only need a session id; no WebSocket is involved here.
  node.sessionId = "abcdefghijklmnop";
  return node;
}

async function rejection(promise: Promise<unknown>): Promise<ProtocolValidationError> {
  const error = await promise.then(
    () => new Error("expected a ProtocolValidationError, the call resolved"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProtocolValidationError);
  expect((error as ProtocolValidationError).code).toBe("PROTOCOL_VALIDATION");
  return error as ProtocolValidationError;
}

describe("answers of the wrong shape reach the caller as ProtocolValidationError", () => {
  it("fetchPlayers and decodeTracks refuse a non-array instead of returning []", async () => {
    const node = await nodeAnswering({
      "/v4/sessions/abcdefghijklmnop/players": { players: [] },
      "/v4/decodetracks": "nope",
    });
    const players = await rejection(node.fetchPlayers());
    expect(players.message).toContain("an array of players");
    expect(players.value).toEqual({ players: [] });
    const tracks = await rejection(node.decodeTracks(["QAAA"]));
    expect(tracks.message).toContain("an array of tracks");
  });

  it("fetchPlayers and decodeTracks name the bad element", async () => {
    const node = await nodeAnswering({
      "/v4/sessions/abcdefghijklmnop/players": [{ guildId: 1 }],
      "/v4/decodetracks": [{ encoded: "x", info: { title: 5 } }],
    });
    expect((await rejection(node.fetchPlayers())).field).toMatch(/^\[0\]/);
    expect((await rejection(node.decodeTracks(["x"]))).field).toMatch(/^\[0\]/);
  });

  it("updateSession checks { resuming, timeout }", async () => {
    const node = await nodeAnswering({ "/v4/sessions/abcdefghijklmnop": { resuming: "yes", timeout: 60 } });
    expect((await rejection(node.updateSession({ resuming: true, timeout: 60 }))).field).toBe("resuming");
  });

  it("fetchStats checks the stats object", async () => {
    const node = await nodeAnswering({ "/v4/stats": { players: "many" } });
    expect((await rejection(node.fetchStats())).field).toBe("players");
  });

  it("well-formed answers pass through", async () => {
    const stats = {
      players: 1,
      playingPlayers: 0,
      uptime: 10,
      memory: { free: 1, used: 1, allocated: 1, reservable: 1 },
      cpu: { cores: 2, systemLoad: 0.1, lavalinkLoad: 0.01 },
    };
    const node = await nodeAnswering({
      "/v4/stats": stats,
      "/v4/sessions/abcdefghijklmnop": { resuming: true, timeout: 60 },
      "/v4/sessions/abcdefghijklmnop/players": [],
    });
    expect(await node.fetchStats()).toMatchObject(stats);
    expect(await node.updateSession({ resuming: true, timeout: 60 })).toEqual({
      resuming: true,
      timeout: 60,
    });
    expect(await node.fetchPlayers()).toEqual([]);
  });
});
