import { describe, expect, it } from "vitest";
import { runDemo } from "../../src/cli/demo/run.js";

/** Collects what the demo writes, like a pipe (no terminal). */
function capture(tty = false) {
  const chunks: string[] = [];
  return { chunks, out: { write: (s: string) => chunks.push(s), isTTY: tty, columns: 80 } };
}

/** Whether `text` holds a control character other than a newline (escape, carriage return, …). */
const hasControl = (text: string): boolean =>
  [...text].some((c) => {
    const code = c.charCodeAt(0);
    return c !== "\n" && (code < 0x20 || code === 0x7f);
  });
const ESC = String.fromCharCode(0x1b);

describe("sonora demo --fast, in process", () => {
  it("plays the queue, resumes after the dropped socket, lets autoplay take over, and sums up", async () => {
    const { chunks, out } = capture();
    const summary = await runDemo({ out, fast: true, seed: 42, env: {} });
    const text = chunks.join("");

    expect(summary.tracksPlayed).toBeGreaterThanOrEqual(4);
    expect(summary.autoplayPicks).toBeGreaterThanOrEqual(1);
    expect(summary.resumed).toBe(true);
    expect(summary.reconnects).toBeGreaterThanOrEqual(1);
    expect(summary.events.nodeResumed).toBe(1);
    expect(summary.events.trackStart).toBe(summary.tracksPlayed);

    // The story, in order.
    const order = [
      "voiceUpdate",
      "search ",
      "trackStart",
      "nightcore",
      "skip",
      "chaos",
      "nodeDisconnect",
      "nodeReconnecting",
      "nodeResumed",
      "playback continued",
      "from autoplay",
      "Summary",
    ].map((needle) => text.indexOf(needle));
    for (const at of order) expect(at).toBeGreaterThanOrEqual(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain("  resumed         yes");

    // Not a terminal: progress as plain lines, no colours, no carriage returns.
    expect(text).toMatch(/\n {2}▶ .+ \[█+░*\] \d+:\d\d \/ \d+:\d\d/);
    expect(hasControl(text)).toBe(false);
  });

  it("on a terminal redraws the now-playing line in place, without colour when NO_COLOR is set", async () => {
    const { chunks, out } = capture(true);
    await runDemo({ out, fast: true, seed: 7, env: { NO_COLOR: "1" } });
    const text = chunks.join("");
    expect(text).toMatch(new RegExp(`\r▶ .+${ESC}\\[K`));
    expect(text).not.toMatch(new RegExp(`${ESC}\\[\\d+m`));
    expect(text).toContain("Summary");
  });
});
