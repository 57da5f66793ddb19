import { describe, expect, it } from "vitest";
import { parseFaultFlag } from "../../src/simulator/index.js";
import { spawnSonora } from "./cli-helpers.js";

describe("--fault flags of sonora sim", () => {
  it("parses knobs and typed faults, and rejects bad ones with a message that says why", () => {
    expect(parseFaultFlag("latencySpike=0.1")).toEqual({ kind: "knobs", knobs: { latencySpike: 0.1 } });
    expect(parseFaultFlag("connectionDrop=0.02")).toEqual({ kind: "knobs", knobs: { connectionDrop: 0.02 } });
    expect(parseFaultFlag("rest-error:status=503,toxicity=0.2,route=PATCH /v4/sessions/*/players/*")).toEqual(
      {
        kind: "fault",
        spec: { type: "rest-error", status: 503, toxicity: 0.2, route: "PATCH /v4/sessions/*/players/*" },
      },
    );
    expect(parseFaultFlag("voice-close:code=4014,byRemote=false")).toEqual({
      kind: "fault",
      spec: { type: "voice-close", code: 4014, byRemote: false },
    });
    expect(parseFaultFlag("slow-node")).toEqual({ kind: "fault", spec: { type: "slow-node" } });
    for (const bad of [
      "",
      "packetLoss=lots",
      "earthquake:toxicity=1",
      "latency:jitter=5",
      "latency:latency=5,color=red",
      "rest-error:toxicity=2",
      "rest-error:route=PATCH sessions",
      "ws-close:code=1006",
    ]) {
      expect(() => parseFaultFlag(bad), bad).toThrow(expect.objectContaining({ code: "FAULT_INVALID" }));
    }
  });

  it("starts a node with the faults active: a 503 on the chosen route, everything else untouched", async () => {
    const sim = spawnSonora([
      "sim",
      "--port",
      "0",
      "--password",
      "pw",
      "--fault",
      "latencySpike=0",
      "--fault",
      "rest-error:status=503,route=GET /v4/info",
    ]);
    try {
      await sim.waitFor(/fault injection: .*\n/);
      const out = sim.output.out;
      expect(out).toContain("fault injection: fault-1 (rest-error, toxicity 1)");
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const info = await fetch(`${url}/v4/info`, { headers: { Authorization: "pw" } });
      expect(info.status).toBe(503);
      expect(await info.json()).toMatchObject({
        status: 503,
        error: "Service Unavailable",
        path: "/v4/info",
      });
      const stats = await fetch(`${url}/v4/stats`, { headers: { Authorization: "pw" } });
      expect(stats.status).toBe(200);
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
    } finally {
      sim.kill();
    }
  });

  it("refuses a malformed --fault before listening, as a usage error", async () => {
    const sim = spawnSonora(["sim", "--port", "0", "--fault", "latency:jitter=5"]);
    expect(await sim.exited).toBe(2);
    expect(sim.output.err).toContain("latency (ms) is required");
  });
});
