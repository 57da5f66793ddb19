import { describe, expect, it } from "vitest";
import { nodePenalty } from "../../src/client/index.js";
import type { Stats } from "../../src/protocol/index.js";

const stats = (over: Partial<Stats> & { load?: number }): Stats => ({
  players: 0,
  playingPlayers: 0,
  uptime: 1,
  memory: { free: 0, used: 0, allocated: 0, reservable: 0 },
  cpu: { cores: 4, systemLoad: over.load ?? 0, lavalinkLoad: 0 },
  frameStats: null,
  ...over,
});

describe("node penalty", () => {
  it("counts playing players fully and idle ones at a quarter", () => {
    expect(nodePenalty(stats({ players: 6, playingPlayers: 2 }), { playing: 0, idle: 0 })).toBe(2 + 0.25 * 4);
  });

  it("uses local counts when they exceed stale stats", () => {
    expect(nodePenalty(stats({ players: 1, playingPlayers: 1 }), { playing: 5, idle: 0 })).toBe(5);
    expect(nodePenalty(null, { playing: 2, idle: 4 })).toBe(3);
  });

  it("makes high CPU load dominate while low load barely matters", () => {
    expect(nodePenalty(stats({ load: 0.1 }), { playing: 0, idle: 0 })).toBeCloseTo(1);
    expect(nodePenalty(stats({ load: 0.9 }), { playing: 0, idle: 0 })).toBeCloseTo(81);
  });

  it("penalises missing frames as a share of the expected frames", () => {
    const s = stats({ players: 1, playingPlayers: 1, frameStats: { sent: 1500, nulled: 0, deficit: 1500 } });
    expect(nodePenalty(s, { playing: 0, idle: 0 })).toBe(1 + 50);
  });
});
