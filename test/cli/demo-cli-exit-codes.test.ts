import { describe, expect, it } from "vitest";
import { DemoError } from "../../src/cli/demo/errors.js";
import { runDemo } from "../../src/cli/demo/run.js";
import { runSonora } from "../support/run-child.js";

const sonora = runSonora;

describe("sonora demo (CLI)", () => {
  it("runs to the summary and exits 0, writing plain text to a pipe", async () => {
    const { code, stdout } = await sonora(["demo", "--fast", "--seed", "11"]);
    expect(code).toBe(0);
    expect(stdout).toContain("nodeResumed");
    expect(stdout).toMatch(/tracks played {3}\d+ \(\d+ chosen by autoplay\)/);
    expect(stdout).not.toContain("\u001b");
  });

  it("refuses bad usage with exit code 2 and says why", async () => {
    const unknown = await sonora(["demo", "--nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--nope");
    const speed = await sonora(["demo", "--speed", "0"]);
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain('--speed must be a number > 0, got "0"');
  });

  it("lists both commands in the top-level help", async () => {
    const { code, stdout } = await sonora(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\bsim\b/);
    expect(stdout).toMatch(/\bdemo\b/);
  });

  it("rejects bad options in process with a DemoError before starting anything", async () => {
    const out = { write: () => true };
    await expect(runDemo({ out, speed: -1 })).rejects.toBeInstanceOf(DemoError);
    await expect(runDemo({ out, progressEvery: 0 })).rejects.toMatchObject({
      code: "DEMO_FAILED",
      message: expect.stringContaining("progressEvery must be in (0, 100], got 0"),
    });
  });
});
