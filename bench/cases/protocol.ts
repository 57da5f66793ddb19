/**
 * The cost of checking node frames at the boundary. `parseIncomingMessage` = `JSON.parse` + shape
 * validation; the floor is `JSON.parse` alone on the same text, so the ratio is what validation adds.
 * Two mixes: `playerUpdate` only (the hot path: every player, every few seconds) and a realistic mix
 * with track events, whose tracks need a full field-by-field check.
 */
import { parseIncomingMessage } from "../../src/protocol/index.js";
import type { BenchCase } from "../harness.js";

const updates = Array.from({ length: 1_000 }, (_, i) =>
  JSON.stringify({
    op: "playerUpdate",
    guildId: String(817327181659111454n + BigInt(i % 100)),
    state: { time: 1_704_067_200_000 + i * 5_000, position: i * 1_000, connected: true, ping: 20 + (i % 9) },
  }),
);

const track = {
  encoded:
    "QAAAjQIAJVJpY2sgQXN0bGV5IC0gTmV2ZXIgR29ubmEgR2l2ZSBZb3UgVXAADlJpY2tBc3RsZXlWRVZPAAAAAAADPCAAC2RRdzR3OVdnWGNRAAEAK2h0dHBzOi8vd3d3LnlvdXR1YmUuY29tL3dhdGNoP3Y9ZFF3NHc5V2dYY1EAB3lvdXR1YmUAAAAAAAAAAA==",
  info: {
    identifier: "dQw4w9WgXcQ",
    isSeekable: true,
    author: "RickAstleyVEVO",
    length: 212000,
    isStream: false,
    position: 0,
    title: "Rick Astley - Never Gonna Give You Up",
    uri: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    artworkUrl: null,
    isrc: null,
    sourceName: "youtube",
  },
  pluginInfo: {},
  userData: {},
};
// Per 100 frames: 90 playerUpdates, 4 starts, 4 ends, 1 stats, 1 exception — a busy node's mix.
const mixed = updates.slice(0, 900);
for (let i = 0; i < 40; i++) {
  mixed.push(JSON.stringify({ op: "event", type: "TrackStartEvent", guildId: "1", track }));
  mixed.push(JSON.stringify({ op: "event", type: "TrackEndEvent", guildId: "1", track, reason: "finished" }));
}
for (let i = 0; i < 10; i++) {
  mixed.push(
    JSON.stringify({
      op: "stats",
      players: 100,
      playingPlayers: 90,
      uptime: 1_000_000,
      memory: { free: 1, used: 2, allocated: 3, reservable: 4 },
      cpu: { cores: 4, systemLoad: 0.3, lavalinkLoad: 0.1 },
      frameStats: { sent: 6000, nulled: 10, deficit: -10 },
    }),
  );
  mixed.push(
    JSON.stringify({
      op: "event",
      type: "TrackExceptionEvent",
      guildId: "1",
      track,
      exception: { message: "x", severity: "common", cause: "y", causeStackTrace: "z" },
    }),
  );
}

function parseAll(frames: string[]): number {
  let n = 0;
  for (const f of frames) if (parseIncomingMessage(f).op === "playerUpdate") n++;
  return n;
}

function jsonOnly(frames: string[]): number {
  let n = 0;
  for (const f of frames) if ((JSON.parse(f) as { op: string }).op === "playerUpdate") n++;
  return n;
}

export const cases: BenchCase[] = [
  {
    name: "protocol/validate-playerUpdate",
    description: `parseIncomingMessage over ${updates.length} playerUpdate frames (floor: JSON.parse alone)`,
    unit: "frames",
    itemsPerCall: updates.length,
    subject: { name: "parseIncomingMessage", fn: () => parseAll(updates) },
    floor: { name: "JSON.parse", fn: () => jsonOnly(updates) },
  },
  {
    name: "protocol/validate-mixed",
    description: `parseIncomingMessage over ${mixed.length} frames, 10% events/stats (floor: JSON.parse alone)`,
    unit: "frames",
    itemsPerCall: mixed.length,
    subject: { name: "parseIncomingMessage", fn: () => parseAll(mixed) },
    floor: { name: "JSON.parse", fn: () => jsonOnly(mixed) },
  },
];
