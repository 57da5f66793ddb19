import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { IncomingMessage } from "../../src/protocol/index.js";

function sonora(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { out: "", err: "" };
  child.stdout.on("data", (c: Buffer) => {
    output.out += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output.err += c.toString();
  });
  return { child, output };
}

describe("sonora sim --no-password and --stats-interval", () => {
  it("runs without a password on loopback and sends stats at the given interval", async () => {
    const { child, output } = sonora(["sim", "--port", "0", "--no-password", "--stats-interval", "50"]);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (): void => {
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.out);
          if (m?.[1] !== undefined) {
            child.stdout.off("data", onData);
            resolve(m[1]);
          }
        };
        child.stdout.on("data", onData);
        child.once("exit", () => reject(new Error(`sonora sim exited early:\n${output.out}${output.err}`)));
      });
      // No Authorization header at all: accepted, since the node has no password.
      const info = await fetch(`${url}/v4/info`);
      expect(info.status).toBe(200);
      const ws = new WebSocket(`${url.replace("http", "ws")}/v4/websocket`, { headers: { "User-Id": "1" } });
      const frames: IncomingMessage[] = [];
      // ready, the immediate stats, then one more stats frame that only the 50 ms interval produces
      // (the default interval is a minute).
      await new Promise<void>((resolve, reject) => {
        ws.on("message", (data) => {
          frames.push(JSON.parse(String(data)) as IncomingMessage);
          if (frames.filter((f) => f.op === "stats").length >= 2) resolve();
        });
        ws.once("error", reject);
      });
      expect(frames[0]?.op).toBe("ready");
      ws.close();
      expect(output.out).toContain("no password: any Authorization is accepted");
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses --no-password off loopback with the simulator's typed error, before listening", async () => {
    const { child, output } = sonora(["sim", "--host", "0.0.0.0", "--port", "0", "--no-password"]);
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(1);
    expect(output.err).toContain("refusing to listen on 0.0.0.0 without a password");
    expect(output.out).not.toContain("listening on");
  });

  it("refuses --password together with --no-password as a usage error", async () => {
    const { child, output } = sonora(["sim", "--password", "pw", "--no-password"]);
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(2);
    expect(output.err).toContain("--password and --no-password");
  });
});
