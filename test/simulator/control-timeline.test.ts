import { describe, expect, it } from "vitest";
import {
  TIMELINE_ITEMS_PER_GUILD,
  TimelineBook,
  timelineItemsOf,
} from "../../src/simulator/control/timeline.js";
import type { SimulatorLogEntry } from "../../src/simulator/index.js";

const PATH = "/v4/sessions/abc/players/42";

function event(type: string, extra: object, at = 1): SimulatorLogEntry {
  return {
    at,
    direction: "out",
    kind: "ws",
    op: "event",
    type,
    guildId: "42",
    sessionId: "abc",
    body: JSON.stringify({ op: "event", type, guildId: "42", ...extra }),
  };
}

describe("inspector timelines are read from the log", () => {
  it("names starts, ends with their reason, exceptions, stuck tracks and voice closes", () => {
    const kinds = [
      event("TrackStartEvent", { track: { info: { title: "Song" } } }),
      event("TrackEndEvent", { reason: "loadFailed", track: { info: { title: "Song" } } }),
      event("TrackExceptionEvent", { exception: { message: "boom" } }),
      event("TrackStuckEvent", { thresholdMs: 500 }),
      event("WebSocketClosedEvent", { code: 4014, reason: "Disconnected." }),
    ].flatMap((e) => timelineItemsOf(e).map((i) => `${i.kind}: ${i.detail}`));
    expect(kinds).toEqual([
      "start: Song",
      "end: loadFailed · Song",
      "exception: boom",
      "stuck: threshold 500ms",
      "voice-close: code 4014 Disconnected.",
    ]);
  });

  it("reads pause, resume, seek and stop from update requests, and fault marks from any entry of the guild", () => {
    const request = (body: object, faults?: SimulatorLogEntry["faults"]): SimulatorLogEntry => ({
      at: 5,
      direction: "in",
      kind: "rest",
      method: "PATCH",
      path: PATH,
      body: JSON.stringify(body),
      ...(faults === undefined ? {} : { faults }),
    });
    const items = [
      request({ paused: true }),
      request({ paused: false, position: 3000 }),
      request({ track: { encoded: null } }),
      request({ volume: 50 }, [{ id: "f1", type: "latency", effect: "delayed 100ms" }]),
    ].flatMap((e) => timelineItemsOf(e));
    expect(items.map((i) => `${i.kind}: ${i.detail}`)).toEqual([
      "pause: ",
      "resume: ",
      "seek: to 3000ms",
      "stop: track: null",
      "fault: f1 (latency): delayed 100ms",
    ]);
    expect(items.every((i) => i.guildId === "42" && i.sessionId === "abc")).toBe(true);
    // Frames that tell nothing (stats, player updates) and cut bodies are skipped.
    expect(timelineItemsOf({ at: 1, direction: "out", kind: "ws", op: "stats" })).toEqual([]);
    expect(timelineItemsOf({ ...request({}), body: '{"paused":tr… [4096 more bytes]' })).toEqual([]);
  });

  it("keeps a bounded list per guild", () => {
    const book = new TimelineBook();
    for (let i = 0; i < TIMELINE_ITEMS_PER_GUILD + 20; i++)
      book.add(event("TrackStuckEvent", { thresholdMs: i }, i));
    const kept = book.get("42");
    expect(kept).toHaveLength(TIMELINE_ITEMS_PER_GUILD);
    expect(kept[0]?.at).toBe(20);
    expect(book.get("nope")).toEqual([]);
  });
});
