import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../src/client/errors/invalid-option-error.js";
import { SonoraClient } from "../../src/index.js";
import { isAuthorized } from "../../src/simulator/auth.js";
import { spawnSonora } from "./cli-helpers.js";

describe("passwords: required off loopback, compared in constant time, never printed", () => {
  it("sonora sim refuses a non-loopback host without an explicit --password", async () => {
    const sim = spawnSonora(["sim", "--host", "0.0.0.0", "--port", "0"]);
    expect(await sim.exited).toBe(2);
    expect(sim.output.err).toContain(
      'refusing to listen on 0.0.0.0 with the well-known default password "test"',
    );
    expect(sim.output.err).toContain("--password");
    expect(sim.output.out).not.toContain("listening on");
  });

  it("sonora sim listens off loopback with an explicit password", async () => {
    const sim = spawnSonora(["sim", "--host", "0.0.0.0", "--port", "0", "--password", "s3cret-pw"]);
    try {
      const [, port = ""] = await sim.waitFor(/listening on http:\/\/0\.0\.0\.0:(\d+)/);
      const res = await fetch(`http://127.0.0.1:${port}/v4/info`, {
        headers: { Authorization: "s3cret-pw" },
      });
      expect(res.status).toBe(200);
      expect(sim.output.out).not.toContain("s3cret-pw");
      sim.child.kill("SIGTERM");
      expect(await sim.exited).toBe(0);
    } finally {
      sim.kill();
    }
  });

  it("isAuthorized compares whole values whatever their lengths", () => {
    expect(isAuthorized(undefined, undefined)).toBe(true);
    expect(isAuthorized(undefined, "x")).toBe(true);
    expect(isAuthorized("pw", undefined)).toBe(false);
    expect(isAuthorized("pw", "pw")).toBe(true);
    expect(isAuthorized("pw", "p")).toBe(false);
    expect(isAuthorized("pw", "pw ")).toBe(false);
    expect(isAuthorized("pw", "")).toBe(false);
    expect(isAuthorized("pässwört", "pässwört")).toBe(true);
  });

  it("an invalid-option error never prints a node password", () => {
    const node = { host: "", port: 2333, password: "hunter2-secret" };
    let caught: unknown;
    try {
      new SonoraClient([node]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidOptionError);
    const error = caught as InvalidOptionError;
    expect(error.message).not.toContain("hunter2");
    // The offending value stays readable for code, but console.error/inspect do not show it.
    expect(error.value).toBe("");
    expect(Object.keys(error)).not.toContain("value");

    const whole = new InvalidOptionError("nodes[0]", [{ ...node, Authorization: "also-secret" }], "x");
    expect(whole.message).toContain('"password":"[redacted]"');
    expect(whole.message).not.toContain("hunter2");
    expect(whole.message).not.toContain("also-secret");
    const direct = new InvalidOptionError("nodes[0].password", 12345678, "a string");
    expect(direct.message).toBe("option nodes[0].password must be a string, got a number (redacted)");
  });
});
