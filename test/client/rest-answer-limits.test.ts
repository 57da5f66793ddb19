import { afterEach, describe, expect, it } from "vitest";
import { ResponseTooLargeError, SonoraClient } from "../../src/client/index.js";
import { ProtocolValidationError } from "../../src/protocol/index.js";
import { playerAnswer, type RestBehaviour, startHostileNode } from "./helpers/hostile-node.js";

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const GUILD = "817327181659111454";

async function clientOn(rest: RestBehaviour, maxResponseBytes?: number) {
  const node = await startHostileNode(undefined, rest);
  cleanup.push(() => node.close());
  const client = new SonoraClient([{ host: "127.0.0.1", port: node.port, password: "pw", name: "n" }], {
    resume: false,
    rest: { retry: { maxRetries: 2, baseDelay: 1 }, ...(maxResponseBytes ? { maxResponseBytes } : {}) },
  });
  cleanup.push(() => client.close());
  await client.start();
  return { node, client, n: client.nodes.get("n")! };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error("expected a rejection, the call resolved"),
    (e: unknown) => e,
  );
}

describe("a REST answer is read up to rest.maxResponseBytes", () => {
  it("an announced Content-Length over the limit is refused without reading, and not retried", async () => {
    let requests = 0;
    const { n } = await clientOn((_req, res) => {
      requests++;
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(10_000_000) });
      res.write("[");
    }, 4096);
    const error = await rejection(n.fetchStats());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).limit).toBe(4096);
    expect((error as ResponseTooLargeError).code).toBe("RESPONSE_TOO_LARGE");
    expect(requests).toBe(1);
    expect(n.rest.inFlightCount).toBe(0);
  });

  it("an endless chunked body is abandoned at the limit and its connection dropped", async () => {
    let written = 0;
    let closed = false;
    const { n } = await clientOn((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        // Writes until the client hangs up: an endless body.
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once("drain", pump);
      };
      res.on("close", () => {
        closed = true;
      });
      pump();
    }, 256 * 1024);
    const error = await rejection(n.fetchInfo());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    await expect.poll(() => closed).toBe(true);
    // The server got at most a few socket buffers past the limit in before the hang-up.
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(n.rest.inFlightCount).toBe(0);
  });

  it("a body under the limit is read as before", async () => {
    const { n } = await clientOn((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ resuming: false, timeout: 60, padding: "x".repeat(2000) }));
    }, 4096);
    await expect(n.updateSession({ resuming: false })).resolves.toEqual({ resuming: false, timeout: 60 });
  });
});

describe("a REST answer nested deeper than MAX_JSON_DEPTH", () => {
  it("rejects with ProtocolValidationError, not a RangeError", async () => {
    const { n } = await clientOn((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    });
    const error = await rejection(n.fetchPlayers());
    expect(error).toBeInstanceOf(ProtocolValidationError);
  });

  it("a PATCH answer with 100k-deep pluginFilters changes nothing on the player", async () => {
    let hostile = false;
    const { client } = await clientOn((req, res, body) => {
      if (req.method !== "PATCH" || !req.url?.includes("/players/")) {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ resuming: false, timeout: 60 }));
        return;
      }
      const sent = JSON.parse(body) as { volume?: number; paused?: boolean };
      res.writeHead(200, { "Content-Type": "application/json" });
      if (!hostile) {
        res.end(JSON.stringify(playerAnswer(GUILD, { volume: sent.volume ?? 100 })));
        return;
      }
      const answer = JSON.stringify(
        playerAnswer(GUILD, { volume: sent.volume, paused: true, filters: { pluginFilters: { p: {} } } }),
      );
      // Splices a 100 000-deep value in where `{}` stood: a valid, balanced, hostile answer.
      const deep = `{"x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
      res.end(answer.replace('"p":{}', `"p":${deep}`));
    });
    const player = await client.getPlayer(GUILD);
    await player.setVolume(50);
    expect(player.volume).toBe(50);
    const before = {
      volume: player.volume,
      paused: player.paused,
      track: player.track,
      filters: JSON.stringify(player.filters.toPayload()),
    };
    hostile = true;
    const error = await rejection(player.setVolume(80));
    expect(error).toBeInstanceOf(ProtocolValidationError);
    expect({
      volume: player.volume,
      paused: player.paused,
      track: player.track,
      filters: JSON.stringify(player.filters.toPayload()),
    }).toEqual(before);
  });
});
