import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { parseFaultFlag } from "../../src/simulator/index.js";

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
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/main.ts",
        "sim",
        "--port",
        "0",
        "--password",
        "pw",
        "--fault",
        "latencySpike=0",
        "--fault",
        "rest-error:status=503,route=GET /v4/info",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (/fault injection: .*\n/.test(out)) resolve();
        };
        child.stdout.on("data", check);
        child.once("exit", () => reject(new Error(`sonora sim exited early:\n${out}`)));
      });
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
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses a malformed --fault before listening", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "sim", "--port", "0", "--fault", "latency:jitter=5"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(1);
    expect(err).toContain("latency (ms) is required");
  });
});
