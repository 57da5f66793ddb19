import { describe, expect, it } from "vitest";
import { type Player, SonoraClient, Track } from "../../src/index.js";
import type { TrackEndReason } from "../../src/protocol/index.js";
import {
  ChaosAccounting,
  formatAccountingTable,
  MockFactory,
  readNodeTrackEvents,
  type SimulatorLogEntry,
} from "../../src/testing/index.js";

const GUILD = "310000000000000000";
const SESSION = "s1";

/** A TrackStartEvent/TrackEndEvent frame as the simulator logs it. */
function frame(
  type: "TrackStartEvent" | "TrackEndEvent",
  identifier: string,
  options: { position?: number; reason?: TrackEndReason; note?: string; replay?: boolean; at?: number } = {},
): SimulatorLogEntry {
  const body = JSON.stringify({
    op: "event",
    type,
    guildId: GUILD,
    track: { encoded: "x", info: { identifier, position: options.position ?? 0 } },
    ...(options.reason === undefined ? {} : { reason: options.reason }),
  });
  return {
    at: options.at ?? 0,
    direction: "out",
    kind: "ws",
    sessionId: SESSION,
    op: "event",
    // A frame replayed on resume is logged without its type, as the simulator does.
    ...(options.replay ? {} : { type, guildId: GUILD }),
    body,
    ...(options.note === undefined ? {} : { note: options.note }),
  };
}

describe("chaos accounting counts every queued track from the client's events and the nodes' log", () => {
  it("a frame held for resume counts once as played, and its replay does not count again", () => {
    const held = frame("TrackStartEvent", "a", { note: "queued for resume" });
    const replayed: SimulatorLogEntry = { ...held };
    delete replayed.note;
    delete replayed.type;
    delete replayed.guildId;
    const entries = [held, replayed];
    const events = readNodeTrackEvents("n", entries);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ node: "n", kind: "start", identifier: "a", position: 0 });
  });

  it("frames the fault layer discarded still count: the node played the track", () => {
    const discarded: SimulatorLogEntry = {
      ...frame("TrackEndEvent", "a", { reason: "finished" }),
      faults: [{ id: "knob:connectionDrop", type: "reset", effect: "discarded (connection dropped)" }],
    };
    expect(readNodeTrackEvents("n", [discarded])).toMatchObject([{ kind: "end", reason: "finished" }]);
  });

  it("lost, doubled, resumed mid-track and client-missed tracks are told apart", () => {
    const accounting = new ChaosAccounting();
    accounting.expect(GUILD, ["ok", "lost", "twice", "moved", "unseen"]);
    accounting.readSimulatorLog("n", [
      frame("TrackStartEvent", "ok"),
      frame("TrackEndEvent", "ok", { reason: "finished" }),
      frame("TrackStartEvent", "twice"),
      frame("TrackStartEvent", "twice"),
      frame("TrackEndEvent", "twice", { reason: "finished" }),
      frame("TrackStartEvent", "moved"),
      frame("TrackStartEvent", "moved", { position: 12_000 }),
      frame("TrackEndEvent", "moved", { reason: "finished" }),
      frame("TrackStartEvent", "unseen"),
      frame("TrackStartEvent", "stranger"),
    ]);
    const client = new SonoraClient([{ host: "127.0.0.1", port: 1, password: "" }]);
    accounting.watchClient(client);
    const player = { guildId: GUILD } as Player;
    const track = (id: string) => ({ info: { identifier: id } }) as Track;
    for (const id of ["ok", "twice", "moved"]) {
      client.emit("trackStart", player, track(id), {} as never);
      client.emit("trackEnd", player, track(id), "finished", {} as never);
    }
    accounting.stopWatching();
    const report = accounting.report({ label: "synthetic", seed: 3 });
    expect(report).toMatchObject({
      queued: 5,
      startedOnce: 3,
      startedFromZero: 4,
      resumedMidTrack: 1,
      finished: 3,
      lost: 1,
      doubled: 1,
      unfinished: 1,
      clientMissedStarts: 1,
      clientMissedEnds: 0,
      unexpectedStarts: 1,
      guildsUnfinished: 1,
      passed: false,
    });
    const table = formatAccountingTable(report);
    expect(table).toMatch(/lost \(never started\)\s+1/);
    expect(table).toMatch(/verdict\s+FAIL/);
    expect(table).toContain("synthetic: 1 track(s) lost (never started)");
  });

  it("refuses a track queued twice in one guild: its plays could not be told apart", () => {
    const [track] = new MockFactory({ seed: 1 }).buildList(1).map((t) => Track.fromLavalink(t));
    const accounting = new ChaosAccounting();
    expect(() => accounting.expect(GUILD, [track!, track!])).toThrow(/queued twice/);
  });
});
