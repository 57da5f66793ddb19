import { afterEach, describe, expect, it } from "vitest";
import { NodeUnavailableError, SonoraClient } from "../../src/client/index.js";
import { ProtocolValidationError } from "../../src/protocol/index.js";
import { type HostileNode, sendReady, startHostileNode } from "./helpers/hostile-node.js";

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function clientFor(node: HostileNode, maxRetries = 5) {
  const client = new SonoraClient([{ host: "127.0.0.1", port: node.port, password: "pw", name: "n" }], {
    reconnect: { maxRetries, baseDelay: 5, backoff: "fixed", jitter: false },
    resume: false,
  });
  cleanup.push(() => client.close());
  return client;
}

const INJECTED = "abc\r\nX-Injected: 1";

describe("a ready op with a session id that cannot go into a header", () => {
  it("is a typed nodeError, fails the attempt and reconnects with backoff; never a crash", async () => {
    const node = await startHostileNode(sendReady(INJECTED));
    cleanup.push(() => node.close());
    const client = clientFor(node);
    const errors: Error[] = [];
    const reconnects: number[] = [];
    client.on("nodeError", (_n, e) => errors.push(e));
    client.on("nodeReconnecting", (_n, attempt) => reconnects.push(attempt));
    const n = client.nodes.get("n")!;

    const first = await n.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(first).toBeInstanceOf(NodeUnavailableError);
    expect((first as Error).cause).toBeInstanceOf(ProtocolValidationError);
    expect(errors[0]).toBeInstanceOf(ProtocolValidationError);
    expect((errors[0] as ProtocolValidationError).field).toBe("sessionId");
    expect(n.sessionId).toBeNull();

    // The node behaves on the next attempt: the client is ready with the valid session.
    node.socket = sendReady("goodsession00001");
    await client.waitFor("nodeReady", { timeout: 5_000 });
    expect(reconnects[0]).toBe(1);
    expect(n.sessionId).toBe("goodsession00001");
  });

  it("after a valid session: the bad one is not adopted, and the resume sends the good one", async () => {
    const node = await startHostileNode(sendReady("goodsession00001"));
    cleanup.push(() => node.close());
    const client = new SonoraClient([{ host: "127.0.0.1", port: node.port, password: "pw", name: "n" }], {
      reconnect: { maxRetries: 5, baseDelay: 5, backoff: "fixed", jitter: false },
    });
    cleanup.push(() => client.close());
    // Session PATCHes (resume config) get a valid answer.
    node.rest = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ resuming: true, timeout: 60 }));
    };
    await client.start();
    const n = client.nodes.get("n")!;
    expect(n.sessionId).toBe("goodsession00001");

    // The live session now sends a hostile ready: refused, socket dropped, reconnect resumes.
    node.socket = sendReady("goodsession00001", true);
    const reconnecting = client.waitFor("nodeReconnecting", { timeout: 5_000 });
    const resumed = client.waitFor("nodeReady", { filter: (_n, r) => r, timeout: 5_000 });
    node.broadcast(JSON.stringify({ op: "ready", resumed: false, sessionId: INJECTED }));
    await reconnecting;
    await resumed;
    expect(n.sessionId).toBe("goodsession00001");
    const last = node.handshakes.at(-1)!;
    expect(last["session-id"]).toBe("goodsession00001");
    expect(last["x-injected"]).toBeUndefined();
  });

  it("a session id set by hand that is no header token is not sent (no throw from the reconnect timer)", async () => {
    const node = await startHostileNode(sendReady("goodsession00001"));
    cleanup.push(() => node.close());
    const client = new SonoraClient([{ host: "127.0.0.1", port: node.port, password: "pw", name: "n" }], {
      reconnect: { maxRetries: 5, baseDelay: 5, backoff: "fixed", jitter: false },
    });
    cleanup.push(() => client.close());
    node.rest = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ resuming: true, timeout: 60 }));
    };
    await client.start();
    const n = client.nodes.get("n")!;
    n.sessionId = "bad\r\nsession\u00e9\u4e16";
    const ready = client.waitFor("nodeReady", { timeout: 5_000 });
    for (const c of node.connections) c.destroy();
    await ready;
    expect(node.handshakes).toHaveLength(2);
    expect(node.handshakes[1]!["session-id"]).toBeUndefined();
  });

  it("a header Node refuses to send (a password with a newline) fails the attempt, never throws", async () => {
    const node = await startHostileNode();
    cleanup.push(() => node.close());
    const client = new SonoraClient(
      [{ host: "127.0.0.1", port: node.port, password: "pw\nX-Evil: 1", name: "n" }],
      { reconnect: { maxRetries: 2, baseDelay: 5, backoff: "fixed", jitter: false } },
    );
    cleanup.push(() => client.close());
    const lost = client.waitFor("nodeLost", { timeout: 5_000 });
    const error = await client.nodes
      .get("n")!
      .connect()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(NodeUnavailableError);
    const [, final] = await lost;
    expect(final).toBeInstanceOf(NodeUnavailableError);
    expect(node.handshakes).toHaveLength(0);
  });
});
