import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { NodeAuthError, NodeUnavailableError, NoNodesAvailableError } from "../../src/client/index.js";
import { clientForTest, nodeFor, simForTest } from "./helpers.js";

describe("start reports nodes it cannot use", () => {
  it("a wrong password fails with NodeAuthError inside NoNodesAvailableError and is not retried", async () => {
    const clock = new VirtualClock();
    const sim = await simForTest(clock);
    const client = clientForTest([nodeFor(sim, "main", { password: "wrong" })], clock);
    const error = await client.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoNodesAvailableError);
    const inner = (error as NoNodesAvailableError).errors[0];
    expect(inner).toBeInstanceOf(NodeAuthError);
    expect((inner as NodeAuthError).status).toBe(401);
    expect((error as Error).message).toMatch(/password/);
    expect(clock.pending).toBe(0); // no reconnect timer left behind
    expect(sim.sessions).toHaveLength(0);
  });

  it("starts with the nodes that connect and keeps retrying the unreachable one", async () => {
    const clock = new VirtualClock();
    const sim = await simForTest(clock);
    // Port 1 on loopback refuses connections.
    const client = clientForTest([nodeFor({ port: 1 }, "down"), nodeFor(sim, "up")], clock);
    const nodeErrors: Error[] = [];
    client.on("nodeError", (_node, error) => nodeErrors.push(error));
    await client.start();
    expect(client.nodes.get("up")?.state).toBe("ready");
    expect(client.nodes.get("down")?.state).toBe("reconnecting");
    expect(nodeErrors[0]).toBeInstanceOf(NodeUnavailableError);
    expect(nodeErrors[0]?.message).toMatch(/down.*ECONNREFUSED|ECONNREFUSED/);
    const player = await client.getPlayer("1");
    expect(player.node.name).toBe("up");
  });
});
