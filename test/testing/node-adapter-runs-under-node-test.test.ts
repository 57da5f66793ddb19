import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runChild } from "../support/run-child.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/node-adapter.node.ts", import.meta.url));

describe("sonora/testing/node under the node:test runner", () => {
  it("runs a node:test file using useSonora and withSonora: all four tests pass and the process exits", async () => {
    const { code, stdout, stderr } = await runChild(
      process.execPath,
      ["--import", "tsx", "--test", "--test-reporter=tap", fixture],
      { cwd: root },
    );
    const summary = `${stdout}\n${stderr}`;
    expect(summary).toMatch(/^# tests 4$/m);
    expect(summary).toMatch(/^# pass 4$/m);
    expect(summary).toMatch(/^# fail 0$/m);
    expect(code).toBe(0);
  }, 60_000);
});
