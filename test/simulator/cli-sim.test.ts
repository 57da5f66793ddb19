import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { SIM_FLAGS } from "../../src/cli/sim.js";

describe("sonora sim (CLI)", () => {
  it("starts a node, reports connections and disconnections, and stops cleanly on SIGTERM", async () => {
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
        "--seed",
        "7",
        "--time-scale",
        "2",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const waitFor = (pattern: RegExp): Promise<RegExpMatchArray> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = out.match(pattern);
          if (m !== null) {
            child.stdout.off("data", onData);
            resolve(m);
          }
        };
        const onData = (): void => check();
        child.stdout.on("data", onData);
        child.once("exit", () => reject(new Error(`sonora sim exited early:\n${out}`)));
        check();
      });
    try {
      const [, url] = await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const ws = new WebSocket(`${url?.replace("http", "ws")}/v4/websocket`, {
        headers: { Authorization: "pw", "User-Id": "1", "Client-Name": "cli-test" },
      });
      await once(ws, "open");
      await waitFor(/session [a-z0-9]{16} connected \(user 1, cli-test\)/);
      ws.close();
      await waitFor(/session [a-z0-9]{16} disconnected/);
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number];
      expect(code).toBe(0);
      expect(out).toContain("simulator stopped");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("rejects unknown options with usage and exit code 2", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "sim", "--bogus"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(2);
    expect(err).toContain("usage: sonora sim");
  });

  it("--help lists every flag the parser accepts", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "sim", "--help"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(0);
    const flags = Object.keys(SIM_FLAGS);
    expect(flags).toEqual(expect.arrayContaining(["stats-interval", "no-password"]));
    for (const flag of flags) expect(out).toMatch(new RegExp(`^\\s+(-\\w, )?--${flag}\\b`, "m"));
  });
});
