import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ProtocolSimulator, SimulatorError } from "../../src/simulator/index.js";

describe('password: "" is no password', () => {
  let sim: ProtocolSimulator | undefined;
  afterEach(async () => {
    if (sim?.running) await sim.stop();
    sim = undefined;
  });

  it("refuses to listen on a non-loopback address with an empty password", async () => {
    sim = new ProtocolSimulator({ host: "0.0.0.0", port: 0, password: "" });
    const error = await sim.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SimulatorError);
    expect(error).toMatchObject({ code: "SIM_INSECURE_BIND" });
    expect((error as Error).message).toContain("0.0.0.0");
    expect((error as Error).message).toContain("empty password");
    expect(sim.running).toBe(false);
  });

  it("on loopback it accepts any Authorization on REST and on the WebSocket handshake", async () => {
    sim = await new ProtocolSimulator({ port: 0, password: "", clock: "virtual" }).start();
    expect(sim.password).toBeUndefined();
    const anything = await fetch(`${sim.url}/v4/info`, { headers: { Authorization: "whatever" } });
    expect(anything.status).toBe(200);
    const none = await fetch(`${sim.url}/v4/info`);
    expect(none.status).toBe(200);
    const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/v4/websocket`, {
      headers: { Authorization: "whatever", "User-Id": "1" },
    });
    const ready = await new Promise<{ op: string }>((resolve, reject) => {
      ws.once("message", (data) => resolve(JSON.parse(String(data)) as { op: string }));
      ws.once("error", reject);
    });
    expect(ready.op).toBe("ready");
    ws.close();
  });
});
