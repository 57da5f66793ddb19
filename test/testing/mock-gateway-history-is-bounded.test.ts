import { describe, expect, it } from "vitest";
import type { RawGatewayPacket } from "../../src/client/index.js";
import { DEFAULT_GATEWAY_HISTORY_LIMIT, MockGateway, TestingError } from "../../src/testing/index.js";

const BOT = "159985870458322944";

function join(gateway: MockGateway, channel: string): void {
  gateway.send("817327181659111454", {
    op: 4,
    d: { guild_id: "817327181659111454", channel_id: channel, self_mute: false, self_deaf: false },
  });
}

describe("MockGateway keeps a bounded history", () => {
  it("keeps the last historyLimit entries of sent and delivered, dropping the oldest", async () => {
    const gateway = new MockGateway({ userId: BOT, historyLimit: 3 });
    const handled: RawGatewayPacket[] = [];
    gateway.attach({ handleRaw: async (p) => void handled.push(p) });
    for (let i = 1; i <= 5; i++) join(gateway, String(100 + i));
    await gateway.settled();
    expect(gateway.sent.map((s) => s.payload.d.channel_id)).toEqual(["103", "104", "105"]);
    // Two dispatches per join: 10 delivered, the last 3 kept.
    expect(handled).toHaveLength(10);
    expect(gateway.delivered).toEqual(handled.slice(-3));
    gateway.close();
  });

  it("defaults to DEFAULT_GATEWAY_HISTORY_LIMIT (1000); Infinity keeps everything", async () => {
    expect(DEFAULT_GATEWAY_HISTORY_LIMIT).toBe(1000);
    const bounded = new MockGateway({ userId: BOT });
    expect(bounded.historyLimit).toBe(1000);
    for (let i = 0; i < 1005; i++) join(bounded, "100");
    expect(bounded.sent).toHaveLength(1000);
    bounded.close();
    const unbounded = new MockGateway({ userId: BOT, historyLimit: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 1005; i++) join(unbounded, "100");
    expect(unbounded.sent).toHaveLength(1005);
    unbounded.close();
  });

  it("refuses a limit that is not a whole number ≥ 0", () => {
    for (const bad of [-1, 1.5, Number.NaN, "10"]) {
      expect(() => new MockGateway({ userId: BOT, historyLimit: bad as number })).toThrow(TestingError);
    }
  });
});
