import { describe, expect, it } from "vitest";
import { ProtocolSimulator, SimulatorError } from "../../src/simulator/index.js";
import { protocolSimulator } from "../../src/testing/index.js";

describe("simulator lifecycle misuse gives typed errors", () => {
  it("port before start, double start, stop when stopped", async () => {
    const sim = new ProtocolSimulator({ port: 0, clock: "virtual" });
    expect(() => sim.port).toThrow(expect.objectContaining({ code: "SIM_NOT_STARTED" }));
    await sim.start();
    expect(sim.port).toBeGreaterThan(0);
    await expect(sim.start()).rejects.toMatchObject({ code: "SIM_ALREADY_STARTED" });
    await sim.stop();
    await expect(sim.stop()).rejects.toBeInstanceOf(SimulatorError);
    await expect(sim.stop()).rejects.toMatchObject({ code: "SIM_NOT_STARTED" });
    // It can be started again afterwards.
    await sim.start();
    await sim.stop();
  });

  it("refuses to listen on a non-loopback address without a password", async () => {
    const sim = new ProtocolSimulator({ host: "0.0.0.0", port: 0 });
    await expect(sim.start()).rejects.toMatchObject({ code: "SIM_INSECURE_BIND" });
    expect(sim.running).toBe(false);
  });

  it("reports a busy port as SIM_LISTEN_FAILED", async () => {
    const a = new ProtocolSimulator({ port: 0 });
    await a.start();
    const b = new ProtocolSimulator({ port: a.port });
    await expect(b.start()).rejects.toMatchObject({ code: "SIM_LISTEN_FAILED" });
    await a.stop();
  });

  it("rejects invalid options up front", () => {
    expect(() => new ProtocolSimulator({ port: 70_000 })).toThrow(
      expect.objectContaining({ code: "SIM_INVALID_OPTION" }),
    );
    expect(() => new ProtocolSimulator({ playerUpdateInterval: 0 })).toThrow(SimulatorError);
    expect(() => new ProtocolSimulator({ clock: "virtual", timeScale: 2 })).toThrow(/timeScale/);
  });

  it("supports await using, and the default instance is configured like a stock node", async () => {
    {
      await using sim = await new ProtocolSimulator({ port: 0, clock: "virtual" }).start();
      expect(sim.running).toBe(true);
    }
    expect(protocolSimulator.password).toBe("test");
    expect(protocolSimulator.host).toBe("127.0.0.1");
    expect(protocolSimulator.running).toBe(false);
  });
});
