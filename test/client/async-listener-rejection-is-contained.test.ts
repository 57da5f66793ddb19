import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runChild } from "../support/run-child.js";

const script = fileURLToPath(new URL("./fixtures/async-listener-rejects.ts", import.meta.url));

describe("an async listener that rejects", () => {
  it("is routed like a throwing one, so --unhandled-rejections=strict does not end the process", async () => {
    const { code, stdout, stderr } = await runChild(
      process.execPath,
      ["--unhandled-rejections=strict", "--import", "tsx", script],
      { limitMs: 25_000 },
    );
    const lines = stdout.trimEnd().split("\n");
    expect(lines.pop()).toBe("survived");
    expect(lines.sort()).toEqual(["error event: async boom", "error event: once boom"]);
    // Without an `error` listener (or from the `error` listener itself) the error is printed.
    expect(stderr).toContain('a listener of "error" threw');
    expect(stderr).toContain("error listener boom");
    expect(stderr).toContain('a listener of "nodeError" threw');
    expect(stderr).toContain("no listener boom");
    expect(code).toBe(0);
  }, 30_000);
});
