import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SessionRecorder } from "../../src/client/diagnostics/recorder.js";
import { VirtualClock } from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "sonora-recorder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the recorder never buffers more than maxBufferedBytes", () => {
  it("leaves lines out while the file is behind and says how many in a dropped line", async () => {
    const path = join(dir, "bounded.jsonl");
    const clock = new VirtualClock(0);
    const recorder = new SessionRecorder({ path, maxBufferedBytes: 4_096 }, clock);
    const node = recorder.forNode("main");
    const frame = JSON.stringify({
      op: "playerUpdate",
      guildId: "1",
      state: { time: 0, position: 0, connected: true, ping: 0 },
    });
    // Written in one synchronous burst: the stream cannot flush in between.
    for (let i = 0; i < 1_000; i++) node.frame(frame);
    expect(recorder.pendingBytes).toBeLessThanOrEqual(4_096 + frame.length + 200);
    while (recorder.pendingBytes > 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await clock.advance(5);
    node.close(1000, "bye");
    await recorder.close();

    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const frames = lines.filter((l) => l.kind === "frame").length;
    const dropped = lines.find((l) => l.kind === "dropped");
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeLessThan(1_000);
    expect(dropped).toMatchObject({ t: 5, node: "main", count: 1_000 - frames });
    expect(lines.at(-1)).toMatchObject({ kind: "close", code: 1000 });
  });
});
