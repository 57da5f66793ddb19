import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { VirtualClock } from "../../src/base/clock/index.js";
import { NodeUnavailableError, NoNodesAvailableError, SonoraClient } from "../../src/client/index.js";

let server: WebSocketServer | undefined;
let client: SonoraClient | undefined;
afterEach(async () => {
  await client?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  client = server = undefined;
});

describe("a node that accepts the WebSocket but never sends ready", () => {
  it("fails the attempt after connectTimeout instead of leaving start() waiting forever", async () => {
    // A real server that completes the handshake and then stays silent, like a wedged node.
    server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => server!.once("listening", () => resolve()));
    const { port } = server.address() as AddressInfo;
    const opened = new Promise<void>((resolve) => server!.once("connection", () => resolve()));
    const clock = new VirtualClock();
    client = new SonoraClient([{ host: "127.0.0.1", port, password: "x", name: "silent" }], {
      clock,
      connectTimeout: 5_000,
      reconnect: { maxRetries: 0 },
    });
    const started = client.start().catch((e: unknown) => e);
    await opened;
    await clock.advance(4_999);
    expect(client.nodes.get("silent")?.state).toBe("connecting");
    await clock.advance(1);
    const error = await started;
    expect(error).toBeInstanceOf(NoNodesAvailableError);
    const inner = (error as NoNodesAvailableError).errors[0];
    expect(inner).toBeInstanceOf(NodeUnavailableError);
    expect((inner as Error).message).toMatch(/no ready op within 5000 ms/);
  });
});
