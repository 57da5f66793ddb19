import { once } from "node:events";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { parseNumberFlag } from "../../src/cli/args.js";
import { CliUsageError } from "../../src/cli/errors.js";
import { spawnSonora } from "../simulator/cli-helpers.js";
import { runSonora } from "../support/run-child.js";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

describe("sonora: version, exit codes, usage errors before anything starts", () => {
  it("prints the package version for --version and -v", async () => {
    for (const flag of ["--version", "-v"]) {
      const { code, stdout } = await runSonora([flag]);
      expect(code).toBe(0);
      expect(stdout).toBe(`${version}\n`);
    }
  });

  it("documents the exit codes in every help text", async () => {
    for (const args of [["--help"], ["sim", "--help"], ["demo", "--help"]]) {
      const { code, stdout } = await runSonora(args);
      expect(code).toBe(0);
      expect(stdout).toContain("exit codes: 0 done, 1 failed while running, 2 usage error");
    }
  });

  it('refuses `demo --query ""` with exit code 2 before the demo starts', async () => {
    const { code, stdout, stderr } = await runSonora(["demo", "--fast", "--query", ""]);
    expect(code).toBe(2);
    expect(stderr).toContain("--query must not be empty");
    expect(stdout).not.toContain("Sonora demo");
  });

  it("reports bad sim flag values as typed usage errors with exit code 2", async () => {
    expect(() => parseNumberFlag("port", "abc")).toThrow(CliUsageError);
    expect(() => parseNumberFlag("port", "")).toThrow(expect.objectContaining({ code: "CLI_USAGE" }));
    const { code, stderr } = await runSonora(["sim", "--port", "abc"]);
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a number, got "abc"');
    expect(stderr).toContain("usage: sonora sim");
  });

  it("exits 2 for an unknown command, as for an unknown flag", async () => {
    expect((await runSonora(["nope"])).code).toBe(2);
    expect((await runSonora(["demo", "--nope"])).code).toBe(2);
  });
});

describe("sonora sim: the password it expects, and refused handshakes", () => {
  it("says it expects the default password and logs a refused handshake with the reason", async () => {
    const sim = spawnSonora(["sim", "--port", "0"]);
    try {
      const [, url] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await sim.waitFor(/password: "test" \(the default/);
      const ws = new WebSocket(`${url?.replace("http", "ws")}/v4/websocket`, {
        headers: { Authorization: "youshallnotpass", "User-Id": "1" },
      });
      ws.on("error", () => undefined);
      const [, response] = (await once(ws, "unexpected-response")) as [unknown, { statusCode: number }];
      expect(response.statusCode).toBe(401);
      await sim.waitFor(/refused a connection: 401 Unauthorized, wrong password in the Authorization header/);
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
    } finally {
      sim.kill();
    }
  });

  it("never prints a password given with --password", async () => {
    const sim = spawnSonora(["sim", "--port", "0", "--password", "s3cret-pw"]);
    try {
      await sim.waitFor(/password: the one given with --password/);
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
      expect(sim.output.out).not.toContain("s3cret-pw");
    } finally {
      sim.kill();
    }
  });
});
