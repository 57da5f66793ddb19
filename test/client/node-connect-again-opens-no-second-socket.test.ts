import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { clientForTest, drive, io, nodeFor, simForTest, until } from "./helpers.js";

describe("node.connect() on a node that is connected or connecting", () => {
  it("opens no second WebSocket and resolves with the connection in progress", async () => {
    const clock = new VirtualClock();
    const sim = await simForTest(clock);
    const client = clientForTest([nodeFor(sim, "main")], clock);
    const node = client.nodes.get("main")!;
    const starting = client.start();
    const again = node.connect(); // while the first attempt is still connecting
    await drive(clock, Promise.all([starting, again]));
    expect(node.state).toBe("ready");
    await node.connect(); // already ready
    for (let i = 0; i < 20; i++) await io();
    expect(sim.sessions.length).toBe(1);
    // The one socket is the live one: a drop is noticed and the session resumed over a new socket.
    sim.dropConnection(node.sessionId!);
    await until(() => node.state === "reconnecting", "the drop is noticed");
    await drive(clock, client.waitFor("nodeResumed"));
    expect(node.state).toBe("ready");
  });
});
