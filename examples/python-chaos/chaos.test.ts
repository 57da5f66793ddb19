import { spawn, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** The Python example runs where python3 exists; elsewhere the skip says why. */
const python = spawnSync("python3", ["--version"]);
const available = python.error === undefined && python.status === 0;
if (!available) console.warn("python chaos example skipped: python3 is not installed");

describe.skipIf(!available)("examples/python-chaos: a Python chaos test against `sonora sim`", () => {
  it("passes, through the control API and a raw Lavalink session (standard library only)", async () => {
    // The CLI from source, as `npx sonora sim` runs it from dist.
    const child = spawn("python3", ["examples/python-chaos/chaos_test.py"], {
      env: { ...process.env, SONORA_SIM: `${process.execPath} --import tsx src/cli/main.ts sim` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect({ code, err: code === 0 ? "" : err }).toEqual({ code: 0, err: "" });
    expect(out).toContain("rest-error fault: 503 while in force, 200 once removed");
    expect(out).toContain("track exception: delivered, track ended");
    expect(out).toContain("virtual clock: the track ended after 60 s of simulated time");
    expect(out).toMatch(/node restart: a new session [a-z0-9]{16}/);
    expect(out).toContain("chaos test passed");
  }, 120_000);
});
