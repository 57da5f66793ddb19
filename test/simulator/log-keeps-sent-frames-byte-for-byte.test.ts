import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { SimulatorLog, type SimulatorLogEntry } from "../../src/simulator/log.js";
import { playerUpdateFrame } from "../../src/simulator/player-update-frame.js";
import { TEST_PASSWORD } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, USER_ID } from "./helpers.js";

// The log keeps sent playerUpdates as numbers (the busiest frame would otherwise fill the old
// generation); what it gives back must still be the very text that went over the socket.
describe("the log gives back every sent frame as it was written", () => {
  it("in order, byte for byte, playerUpdates included, with the usual entry shape", async () => {
    const sim = await testSimulator({ playerUpdateInterval: 5_000 });
    const received: string[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/v4/websocket`, {
      headers: { Authorization: TEST_PASSWORD, "User-Id": USER_ID, "Client-Name": "log-test" },
    });
    ws.on("message", (data) => received.push(String(data)));
    await new Promise<void>((resolve) => ws.once("message", () => resolve()));
    const sessionId = (JSON.parse(received[0]!) as { sessionId: string }).sessionId;
    const { encoded } = await loadOne(sim);
    const path = (guild: string) => `/v4/sessions/${sessionId}/players/${guild}`;
    await rest(sim, "PATCH", path("1"), { track: { encoded } });
    await sim.clock.advance(1_300);
    await rest(sim, "PATCH", path("2"), {
      track: { encoded },
      voice: { token: "t", endpoint: "e.discord.media", sessionId: "s", channelId: "9" },
    });
    await sim.clock.advance(2_000);
    await rest(sim, "PATCH", path("1"), { paused: true });
    await sim.clock.advance(11_000);

    const sent = (): SimulatorLogEntry[] =>
      sim.log.filter({ direction: "out", kind: "ws" }).filter((e) => e.note === undefined);
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(sent().length);
    expect(sent().map((e) => e.body)).toEqual(received);

    const updates = sim.log.filter({ op: "playerUpdate" });
    // Immediate ones (two plays, the voice connection) and two periodic ones of each player.
    expect(updates.length).toBeGreaterThanOrEqual(7);
    for (const e of updates) {
      expect(Object.keys(e)).toEqual(["at", "direction", "kind", "sessionId", "op", "guildId", "body"]);
      expect(e.sessionId).toBe(sessionId);
    }
    expect(updates.some((e) => e.body?.includes('"connected":true'))).toBe(true);
    ws.close();
  });
});

describe("SimulatorLog.recordPlayerUpdate", () => {
  const generic = (n: number): SimulatorLogEntry => ({ at: n, direction: "in", kind: "rest", body: `r${n}` });
  const update = (log: SimulatorLog, n: number): void => {
    const text = playerUpdateFrame(`g${n}`, 1000 + n, n * 10, n % 2 === 0, n);
    log.recordPlayerUpdate(n, "s", `g${n}`, 1000 + n, n * 10, n % 2 === 0, n, text.length);
  };

  it("keeps order and bounds with other entries, through compaction", () => {
    const log = new SimulatorLog(3_000);
    for (let n = 0; n < 10_000; n++) {
      if (n % 3 === 0) log.record(generic(n));
      else update(log, n);
    }
    const kept = log.entries();
    expect(kept).toHaveLength(3_000);
    expect(kept.map((e) => e.at)).toEqual(Array.from({ length: 3_000 }, (_, i) => 7_000 + i));
    expect(kept[1]).toEqual({
      at: 7_001,
      direction: "out",
      kind: "ws",
      sessionId: "s",
      op: "playerUpdate",
      guildId: "g7001",
      body: '{"op":"playerUpdate","guildId":"g7001","state":{"time":8001,"position":70010,"connected":false,"ping":7001}}',
    });
    expect(kept[2]).toEqual(generic(7_002));
  });

  it("tells listeners, counts bytes, cuts bodies beyond bodyLimit and records nothing when off", () => {
    const log = new SimulatorLog(10, true, { bodyLimit: 20 });
    const heard: SimulatorLogEntry[] = [];
    log.onRecord((e) => heard.push(e));
    update(log, 2);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.body).toMatch(/^\{"op":"playerUpdate"…\[truncated: \d+ bytes dropped\]$/);
    expect(log.entries()).toEqual(heard);
    expect(log.byteSize).toBeGreaterThan(256);
    log.enabled = false;
    update(log, 3);
    expect(log.size).toBe(1);
    log.clear();
    expect(log.entries()).toEqual([]);
  });
});
