import { describe, expect, it } from "vitest";
import { NodeAuthError, NodeUnavailableError, NoNodesAvailableError } from "../../src/client/index.js";
import type { VirtualClock } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("start reports nodes it cannot use", () => {
  it("a wrong password fails with NodeAuthError inside NoNodesAvailableError and is not retried", async () => {
    const env = await sonoraEnv({ connect: false });
    const { simulator: sim } = env;
    const clock = env.clock as VirtualClock;
    const client = env.createClient({
      ...STEADY_CLIENT,
      nodes: [{ ...env.node, name: "main", password: "wrong" }],
    });
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
    const env = await sonoraEnv({ connect: false });
    // Port 1 on loopback refuses connections.
    const client = env.createClient({
      ...STEADY_CLIENT,
      nodes: [
        { ...env.node, port: 1, name: "down" },
        { ...env.node, name: "up" },
      ],
    });
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
