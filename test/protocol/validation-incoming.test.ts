import { describe, expect, it } from "vitest";
import { ProtocolValidationError, parseIncomingMessage } from "../../src/protocol/index.js";
import { RICK_ASTLEY_INFO } from "./helpers.js";

const track = {
  encoded: "QAAA",
  info: RICK_ASTLEY_INFO,
  pluginInfo: {},
};

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProtocolValidationError) return error.field;
    throw error;
  }
  throw new Error("expected a ProtocolValidationError");
}

describe("parseIncomingMessage", () => {
  it("accepts every op in its documented shape", () => {
    expect(parseIncomingMessage('{"op":"ready","resumed":false,"sessionId":"abc"}')).toEqual({
      op: "ready",
      resumed: false,
      sessionId: "abc",
    });
    const update = parseIncomingMessage(
      '{"op":"playerUpdate","guildId":"1","state":{"time":1,"position":2,"connected":true,"ping":3}}',
    );
    expect(update.op).toBe("playerUpdate");
    const stats = parseIncomingMessage(
      JSON.stringify({
        op: "stats",
        players: 1,
        playingPlayers: 1,
        uptime: 10,
        memory: { free: 1, used: 1, allocated: 1, reservable: 1 },
        cpu: { cores: 2, systemLoad: 0.1, lavalinkLoad: 0.05 },
        frameStats: null,
      }),
    );
    expect(stats.op).toBe("stats");
    const end = parseIncomingMessage(
      JSON.stringify({ op: "event", type: "TrackEndEvent", guildId: "1", track, reason: "finished" }),
    );
    expect(end).toMatchObject({ type: "TrackEndEvent", reason: "finished", track: { userData: {} } });
    const closed = parseIncomingMessage(
      JSON.stringify({
        op: "event",
        type: "WebSocketClosedEvent",
        guildId: "1",
        code: 4006,
        reason: "x",
        byRemote: true,
      }),
    );
    expect(closed).toMatchObject({ code: 4006 });
  });

  it("keeps a stream's Long.MAX_VALUE length as the nearest double", () => {
    const raw = `{"op":"event","type":"TrackStartEvent","guildId":"1","track":${JSON.stringify(track).replace(
      '"length":212000',
      '"length":9223372036854775807',
    )}}`;
    const msg = parseIncomingMessage(raw);
    expect(msg.op === "event" && msg.type === "TrackStartEvent" && msg.track.info.length).toBe(2 ** 63);
  });

  it("names the offending field and value", () => {
    expect(
      fieldOf(() =>
        parseIncomingMessage('{"op":"playerUpdate","guildId":"1","state":{"time":1,"position":"x"}}'),
      ),
    ).toBe("state.position");
    expect(fieldOf(() => parseIncomingMessage('{"op":"nope"}'))).toBe("op");
    expect(
      fieldOf(() =>
        parseIncomingMessage(
          JSON.stringify({ op: "event", type: "TrackEndEvent", guildId: "1", track, reason: "exploded" }),
        ),
      ),
    ).toBe("reason");
    expect(
      fieldOf(() =>
        parseIncomingMessage(
          JSON.stringify({
            op: "event",
            type: "TrackStartEvent",
            guildId: "1",
            track: { ...track, info: {} },
          }),
        ),
      ),
    ).toBe("track.info.identifier");
    expect(() => parseIncomingMessage("{not json")).toThrow(/valid JSON/);
  });
});
