import { afterEach, describe, expect, it } from "vitest";
import { InvalidOptionError, type NodeDisconnectInfo, SonoraClient } from "../../src/client/index.js";
import { DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_RESPONSE_BYTES } from "../../src/client/node/options.js";
import { ProtocolValidationError } from "../../src/protocol/index.js";
import { deliverFrame } from "../../src/testing/index.js";
import { sendReady, startHostileNode } from "./helpers/hostile-node.js";

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe("limits on what a node may send over its WebSocket", () => {
  it("a frame nested 100 000 deep is a typed nodeError, refused before it is parsed", async () => {
    const client = new SonoraClient([{ host: "127.0.0.1", port: 1, password: "x", name: "n" }]);
    cleanup.push(() => client.close());
    const errors: Error[] = [];
    client.on("nodeError", (_n, e) => errors.push(e));
    const deep = `{"op":"stats","x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    deliverFrame(client.nodes.get("n")!, deep);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ProtocolValidationError);
    expect(errors[0]!.message).toContain("nested at most 1000 levels");
  });

  it("a frame over maxFrameBytes closes the socket with 1009 and the node reconnects", async () => {
    const node = await startHostileNode((ws) => {
      ws.send(JSON.stringify({ op: "ready", resumed: false, sessionId: "abcdefghijklmnop" }));
      ws.send(JSON.stringify({ op: "stats", padding: "x".repeat(4096) }));
    });
    cleanup.push(() => node.close());
    const client = new SonoraClient([{ host: "127.0.0.1", port: node.port, password: "pw", name: "n" }], {
      maxFrameBytes: 1024,
      resume: false,
      reconnect: { maxRetries: 3, baseDelay: 5, backoff: "fixed", jitter: false },
    });
    cleanup.push(() => client.close());
    const disconnect = client.waitFor("nodeDisconnect", { timeout: 5_000 });
    await client.start();
    const [, info] = (await disconnect) as [unknown, NodeDisconnectInfo];
    // ws sends 1009 (message too big) to the node and drops the socket: locally that reads 1006.
    expect([1006, 1009]).toContain(info.code);
    expect(info.willReconnect).toBe(true);
    node.socket = sendReady();
    await client.waitFor("nodeReady", { timeout: 5_000 });
  });

  it("documents its defaults and refuses limits that are not whole byte counts", () => {
    expect(DEFAULT_MAX_FRAME_BYTES).toBe(16 * 1024 * 1024);
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(32 * 1024 * 1024);
    const node = { host: "127.0.0.1", port: 1, password: "x" };
    for (const bad of [0, -1, 1.5, "1024", Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new SonoraClient([node], { maxFrameBytes: bad as number })).toThrow(InvalidOptionError);
      expect(() => new SonoraClient([node], { rest: { maxResponseBytes: bad as number } })).toThrow(
        InvalidOptionError,
      );
      expect(() => new SonoraClient([{ ...node, rest: { maxResponseBytes: bad as number } }])).toThrow(
        InvalidOptionError,
      );
    }
  });
});
