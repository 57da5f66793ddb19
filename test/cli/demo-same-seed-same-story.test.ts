import { describe, expect, it } from "vitest";
import { runDemo } from "../../src/cli/demo/run.js";

async function story(seed: number, fast: boolean): Promise<string[]> {
  const chunks: string[] = [];
  await runDemo({ out: { write: (s: string) => chunks.push(s) }, fast, speed: 400, seed, env: {} });
  // The header names the port (any free one) and the summary the wall time: both vary by run.
  return chunks
    .join("")
    .split("\n")
    .filter((line) => !line.startsWith("Sonora demo:") && !line.includes("elapsed "));
}

describe("the demo is deterministic", () => {
  it("tells the same story for the same seed, paced or fast", async () => {
    const fast = await story(3, true);
    const paced = await story(3, false);
    expect(fast.length).toBeGreaterThan(20);
    expect(paced).toEqual(fast);
  });
});
