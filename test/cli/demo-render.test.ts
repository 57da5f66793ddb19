import { describe, expect, it } from "vitest";
import {
  eventLine,
  formatTime,
  nowPlayingLine,
  paint,
  progressBar,
  summaryLines,
  truncate,
  useColour,
} from "../../src/cli/demo/render.js";
import { STREAM_LENGTH } from "../../src/protocol/index.js";

const ESC = "\u001b";

describe("formatTime", () => {
  it("formats minutes and seconds, rounding down", () => {
    expect(formatTime(0)).toBe("0:00");
    expect(formatTime(999)).toBe("0:00");
    expect(formatTime(59_999)).toBe("0:59");
    expect(formatTime(83_000)).toBe("1:23");
    expect(formatTime(225_400)).toBe("3:45");
    expect(formatTime(59 * 60_000 + 59_000)).toBe("59:59");
  });

  it("adds hours from one hour on", () => {
    expect(formatTime(3_600_000)).toBe("1:00:00");
    expect(formatTime(3_600_000 + 65_000)).toBe("1:01:05");
    expect(formatTime(25 * 3_600_000)).toBe("25:00:00");
  });

  it("treats negative and non-finite values as 0", () => {
    expect(formatTime(-5_000)).toBe("0:00");
    expect(formatTime(Number.NaN)).toBe("0:00");
  });

  it("shows LIVE for a stream's length", () => {
    expect(formatTime(STREAM_LENGTH)).toBe("LIVE");
    expect(formatTime(Number.POSITIVE_INFINITY)).toBe("LIVE");
  });
});

describe("progressBar", () => {
  it("has exactly `width` cells between the brackets", () => {
    for (const width of [1, 5, 10, 20, 37]) {
      for (const position of [0, 1_000, 90_000, 180_000]) {
        const bar = progressBar(position, 180_000, width);
        expect([...bar]).toHaveLength(width + 2);
        expect(bar.startsWith("[") && bar.endsWith("]")).toBe(true);
      }
    }
  });

  it("fills in proportion to the position", () => {
    expect(progressBar(0, 100_000, 10)).toBe("[░░░░░░░░░░]");
    expect(progressBar(60_000, 100_000, 10)).toBe("[██████░░░░]");
    expect(progressBar(100_000, 100_000, 10)).toBe("[██████████]");
  });

  it("clamps positions before the start and past the end", () => {
    expect(progressBar(-5_000, 100_000, 10)).toBe("[░░░░░░░░░░]");
    expect(progressBar(250_000, 100_000, 10)).toBe("[██████████]");
    expect(progressBar(Number.NaN, 100_000, 10)).toBe("[░░░░░░░░░░]");
  });

  it("never has fewer than one cell", () => {
    expect(progressBar(50, 100, 0)).toHaveLength(3);
    expect(progressBar(50, 100, -4)).toHaveLength(3);
  });

  it("shows LIVE for streams and unknown lengths", () => {
    expect(progressBar(42_000, STREAM_LENGTH, 10)).toBe("[───LIVE───]");
    expect(progressBar(0, 0, 10)).toBe("[───LIVE───]");
  });
});

describe("nowPlayingLine", () => {
  const np = {
    title: "Nightdrive",
    author: "Neon Coast",
    position: 83_000,
    length: 225_000,
    paused: false,
    speed: 1,
  };

  it("reads ▶ Title — Artist  [bar] position / length", () => {
    expect(nowPlayingLine(np, 100, 10)).toBe("▶ Nightdrive — Neon Coast  [████░░░░░░] 1:23 / 3:45");
  });

  it("shows pause and a speed other than 1", () => {
    const line = nowPlayingLine({ ...np, paused: true, speed: 1.2 }, 100, 10);
    expect(line.startsWith("⏸ ")).toBe(true);
    expect(line.endsWith("1:23 / 3:45  ×1.2")).toBe(true);
  });

  it("shows LIVE for streams", () => {
    expect(nowPlayingLine({ ...np, length: STREAM_LENGTH }, 100, 10)).toContain("1:23 LIVE");
  });

  it("fits the terminal width by shortening the title, keeping the bar and the times", () => {
    const long = { ...np, title: "A very long title ".repeat(10) };
    for (const columns of [40, 60, 80]) {
      const line = nowPlayingLine(long, columns, 10);
      expect([...line].length).toBeLessThanOrEqual(columns - 1);
      expect(line).toContain("…");
      expect(line.endsWith("1:23 / 3:45")).toBe(true);
    }
  });
});

describe("colour and event lines", () => {
  it("colours only on a terminal without NO_COLOR", () => {
    expect(useColour(true, {})).toBe(true);
    expect(useColour(true, { NO_COLOR: "1" })).toBe(false);
    expect(useColour(true, { NO_COLOR: "" })).toBe(true);
    expect(useColour(false, {})).toBe(false);
    expect(useColour(undefined, {})).toBe(false);
  });

  it("writes no escape sequence when colour is off", () => {
    expect(paint("x", "red", false)).toBe("x");
    expect(paint("x", "red", true)).toBe(`${ESC}[31mx${ESC}[0m`);
    const plain = eventLine(83_000, "trackStart", "Nightdrive", "green", false);
    expect(plain).toBe("[ 1:23] trackStart       Nightdrive");
    expect(eventLine(83_000, "trackStart", "Nightdrive", "green", true)).toContain(ESC);
  });

  it("keeps a space after the longest event name", () => {
    expect(eventLine(0, "nodeReconnecting", "x", "yellow", false)).toBe("[ 0:00] nodeReconnecting x");
  });

  it("truncates by terminal columns, with an ellipsis", () => {
    expect(truncate("abcdef", 6)).toBe("abcdef");
    expect(truncate("abcdef", 4)).toBe("abc…");
    // Hangul syllables are two columns wide: "여" (2) + "…" (1) fills 3 columns.
    expect(truncate("여름 별빛", 3)).toBe("여…");
    expect(truncate("abc", 0)).toBe("");
  });
});

describe("summaryLines", () => {
  it("lists tracks, events sorted by name, reconnects, resume and time", () => {
    const lines = summaryLines(
      {
        tracksPlayed: 5,
        autoplayPicks: 2,
        events: { trackStart: 5, nodeResumed: 1 },
        reconnects: 1,
        resumed: true,
        simulatedMs: 322_000,
        elapsedMs: 4_960,
      },
      false,
    );
    expect(lines).toEqual([
      "Summary",
      "  tracks played   5 (2 chosen by autoplay)",
      "  events          nodeResumed 1, trackStart 5",
      "  reconnects      1",
      "  resumed         yes",
      "  elapsed         5.0 s (5:22 of simulated playback time)",
    ]);
  });
});
