import { describe, expect, it } from "vitest";
import { displayWidth, nowPlayingLine, truncate, useColour } from "../../src/cli/demo/render.js";
import { DemoView } from "../../src/cli/demo/view.js";

const ESC = "\u001b";
const cjk = {
  title: "夏の夜空に輝く星たちのメロディー",
  author: "東京ネオンオーケストラ",
  position: 83_000,
  length: 225_000,
  paused: false,
  speed: 1,
};

/** Every in-place redraw the view wrote: the text between `\r` and the erase-line sequence. */
function redraws(chunks: string[]): string[] {
  return chunks
    .flatMap((c) => c.split("\r").map((part) => part.split(`${ESC}[K`)[0] ?? ""))
    .filter((t) => t !== "");
}

describe("the demo's live line is measured in terminal columns", () => {
  it("counts wide characters as two columns", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("夏の夜")).toBe(6);
    expect(displayWidth("e\u0301")).toBe(1);
  });

  it("never cuts a grapheme in half", () => {
    expect(truncate("👩‍👩‍👧 family", 3)).toBe("👩‍👩‍👧…");
    expect(truncate("👩‍👩‍👧 family", 2)).toBe("…");
    expect(truncate("夏の夜", 4)).toBe("夏…");
  });

  it("keeps a CJK title inside the width at every narrow width", () => {
    for (const columns of [12, 20, 24, 32, 40, 60, 80]) {
      const line = nowPlayingLine(cjk, columns, 10);
      expect(displayWidth(line), `columns ${columns}: ${line}`).toBeLessThanOrEqual(columns - 1);
    }
    // Wide enough for the bar: the title gives way, the times stay.
    expect(nowPlayingLine(cjk, 60, 10).endsWith("1:23 / 3:45")).toBe(true);
  });

  it("redraws in place on a narrow terminal without ever wrapping (no stale line left behind)", () => {
    const chunks: string[] = [];
    const view = new DemoView({ write: (s: string) => chunks.push(s), isTTY: true, columns: 24 }, {});
    for (let position = 0; position <= 20_000; position += 5_000) {
      view.nowPlaying("t1", { ...cjk, position });
    }
    const drawn = redraws(chunks);
    expect(drawn.length).toBeGreaterThan(1);
    for (const text of drawn) expect(displayWidth(text), text).toBeLessThanOrEqual(23);
  });
});

describe("FORCE_COLOR and NO_COLOR", () => {
  it("FORCE_COLOR colours a pipe; 0 or false turns colour off even on a terminal", () => {
    expect(useColour(false, { FORCE_COLOR: "1" })).toBe(true);
    expect(useColour(undefined, { FORCE_COLOR: "" })).toBe(true);
    expect(useColour(false, { FORCE_COLOR: "3" })).toBe(true);
    expect(useColour(true, { FORCE_COLOR: "0" })).toBe(false);
    expect(useColour(true, { FORCE_COLOR: "false" })).toBe(false);
  });

  it("FORCE_COLOR wins over NO_COLOR, as in Node; NO_COLOR alone still turns a terminal plain", () => {
    expect(useColour(false, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(true);
    expect(useColour(true, { NO_COLOR: "1" })).toBe(false);
  });

  it("the view colours its event lines into a pipe under FORCE_COLOR and not without it", () => {
    const forced: string[] = [];
    new DemoView({ write: (s: string) => forced.push(s) }, { FORCE_COLOR: "1" }).event(
      0,
      "trackStart",
      "x",
      "green",
    );
    expect(forced.join("")).toContain(`${ESC}[32m`);
    const plain: string[] = [];
    new DemoView({ write: (s: string) => plain.push(s), isTTY: true }, { NO_COLOR: "1" }).event(
      0,
      "trackStart",
      "x",
      "green",
    );
    expect(plain.join("")).not.toContain(ESC);
  });
});
