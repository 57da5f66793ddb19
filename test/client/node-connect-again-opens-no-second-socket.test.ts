import { describe, expect, it } from "vitest";
import { waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("node.connect() on a node that is connected or connecting", () => {
  it("opens no second WebSocket and resolves with the connection in progress", async () => {
    const env = await sonoraEnv({ nodes: ["main"], client: STEADY_CLIENT, connect: false });
    const { simulator: sim, client } = env;
    const node = client.nodes.get("main")!;
    const starting = client.start();
    const again = node.connect(); // while the first attempt is still connecting
    await env.drive(Promise.all([starting, again]));
    expect(node.state).toBe("ready");
    await node.connect(); // already ready
    await env.settle();
    expect(sim.sessions.length).toBe(1);
    // The one socket is the live one: a drop is noticed and the session resumed over a new socket.
    sim.dropConnection(node.sessionId!);
    await waitUntil(() => node.state === "reconnecting", "the drop is noticed");
    await env.drive(client.waitFor("nodeResumed"));
    expect(node.state).toBe("ready");
  });
});
