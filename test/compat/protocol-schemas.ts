import * as LP from "lavalink-protocol";
import type { ProtocolSimulator } from "../../src/testing/index.js";

/** A lavalink-protocol schema (effect's Schema types are too precise to hold in one list). */
type Schema = object;
const parseWith = LP.parse as (schema: Schema, data: unknown) => unknown;

/** REST answers lavalink-protocol has a schema for, by method and path shape. */
const REST_SCHEMAS: [method: string, path: RegExp, schema: Schema][] = [
  ["GET", /^\/v4\/loadtracks/, LP.RESTGetAPILoadTracksResult],
  ["GET", /^\/v4\/info$/, LP.RESTGetAPINodeInfoResult],
  ["GET", /^\/v4\/stats$/, LP.RESTGetAPINodeStatsResult],
  ["GET", /^\/v4\/decodetrack/, LP.RESTGetAPIDecodeTrackResult],
  ["POST", /^\/v4\/decodetracks$/, LP.RESTPostAPIDecodeTracksResult],
  ["GET", /^\/v4\/sessions\/[^/]+\/players$/, LP.RESTGetAPIPlayersResult],
  ["GET", /^\/v4\/sessions\/[^/]+\/players\/\d+$/, LP.RESTGetAPIPlayerResult],
  ["PATCH", /^\/v4\/sessions\/[^/]+\/players\/\d+$/, LP.RESTPatchAPIPlayerResult],
  ["PATCH", /^\/v4\/sessions\/[^/]+$/, LP.RESTPatchAPISessionResult],
];

/**
 * Checks every frame and successful REST answer the simulator sent (from its log, which must keep
 * whole bodies: `log: { bodyLimit: … }`) against lavalink-protocol — schemas written from the
 * protocol by the lavaclient team, a second reading independent of ours. `version` is the profile
 * the simulator ran. Returns one line per disagreement, and how many messages were checked.
 */
export function checkTraffic(
  sim: ProtocolSimulator,
  version: "4.0" | "4.1" | "4.2" = "4.2",
): { checked: number; problems: string[] } {
  // lavalink-protocol describes 4.2, whose player voice state carries `channelId`; Lavalink 4.0 and
  // 4.1 have no such field (the simulator's profiles of them leave it out, as their sources do). For
  // those profiles the field is filled in before parsing, so only that known difference is forgiven.
  const voiceWithoutChannel = version !== "4.2";
  const problems: string[] = [];
  let checked = 0;
  for (const entry of sim.log.entries()) {
    if (entry.direction !== "out" || entry.body === undefined || entry.body === "") continue;
    let schema: Schema | undefined;
    if (entry.kind === "ws") {
      if (entry.op === "handshake" || entry.op === "close") continue;
      schema = LP.message;
    } else if (entry.status !== undefined && entry.status < 300) {
      const path = (entry.path ?? "").split("?")[0] ?? "";
      schema = REST_SCHEMAS.find(([m, p]) => m === entry.method && p.test(path))?.[2];
    }
    if (schema === undefined) continue;
    checked++;
    try {
      const body: unknown = JSON.parse(entry.body);
      if (voiceWithoutChannel && entry.kind === "rest") fillVoiceChannel(body);
      parseWith(schema, body);
    } catch (error) {
      const what =
        entry.kind === "ws" ? `${entry.op ?? ""} ${entry.type ?? ""}` : `${entry.method} ${entry.path}`;
      problems.push(`${what.trim()}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { checked, problems };
}

/** Gives every player's voice state in a REST answer (one player or a list) a placeholder `channelId`. */
function fillVoiceChannel(body: unknown): void {
  for (const player of Array.isArray(body) ? body : [body]) {
    const voice = (player as { voice?: Record<string, unknown> } | null)?.voice;
    if (voice !== undefined && voice !== null && !("channelId" in voice)) voice.channelId = "0";
  }
}
