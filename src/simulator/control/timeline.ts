import { decodeTrack } from "../../protocol/index.js";
import type { SimulatorLogEntry } from "../log.js";

/** One moment in a player's life, as the inspector's timeline shows it. */
export interface TimelineItem {
  /** Simulator clock time. */
  at: number;
  guildId: string;
  sessionId?: string;
  kind:
    | "play"
    | "start"
    | "end"
    | "pause"
    | "resume"
    | "seek"
    | "stop"
    | "exception"
    | "stuck"
    | "voice-close"
    | "fault";
  /** Human-readable detail: the end reason, the seek target, the fault's effect, … */
  detail: string;
}

/** Items kept per guild; the oldest go first. */
export const TIMELINE_ITEMS_PER_GUILD = 100;
/** Guilds tracked; the one seen longest ago goes first. */
const TIMELINE_GUILDS = 500;

const PLAYER_PATH = /^\/v4\/sessions\/([^/]+)\/players\/([^/]+)$/;

function parse(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text === "") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    // A body cut by the log's bodyLimit is not JSON any more: it tells the timeline nothing.
    return undefined;
  }
}

function eventItems(entry: SimulatorLogEntry): Omit<TimelineItem, "at" | "guildId">[] {
  const frame = parse(entry.body);
  const track = frame?.track as { info?: { title?: unknown } } | undefined;
  const title = typeof track?.info?.title === "string" ? track.info.title : "";
  switch (entry.type) {
    case "TrackStartEvent":
      return [{ kind: "start", detail: title }];
    case "TrackEndEvent":
      return [{ kind: "end", detail: `${String(frame?.reason ?? "?")}${title === "" ? "" : ` · ${title}`}` }];
    case "TrackExceptionEvent": {
      const exception = frame?.exception as { message?: unknown } | undefined;
      return [{ kind: "exception", detail: String(exception?.message ?? "") }];
    }
    case "TrackStuckEvent":
      return [{ kind: "stuck", detail: `threshold ${String(frame?.thresholdMs ?? "?")}ms` }];
    case "WebSocketClosedEvent":
      return [
        { kind: "voice-close", detail: `code ${String(frame?.code ?? "?")} ${String(frame?.reason ?? "")}` },
      ];
    default:
      return [];
  }
}

/** The title of a requested track (decoded from `encoded`), or its identifier. */
function requestedTitle(track: { encoded?: unknown; identifier?: unknown }): string {
  if (typeof track.identifier === "string") return track.identifier;
  if (typeof track.encoded !== "string") return "";
  try {
    return decodeTrack(track.encoded).info.title;
  } catch {
    // Not a track the codec reads: the node answers 400 to it, and the timeline says no more.
    return "(undecodable track)";
  }
}

/** What an update-player request asked for: play, pause/resume, seek, stop. */
function requestItems(entry: SimulatorLogEntry): Omit<TimelineItem, "at" | "guildId">[] {
  const body = parse(entry.body);
  if (body === undefined) return [];
  const items: Omit<TimelineItem, "at" | "guildId">[] = [];
  const track = body.track as { encoded?: unknown; identifier?: unknown } | undefined;
  if (track !== undefined && track !== null) {
    if (track.encoded === null) items.push({ kind: "stop", detail: "track: null" });
    else items.push({ kind: "play", detail: requestedTitle(track) });
  } else if (body.encodedTrack === null) items.push({ kind: "stop", detail: "encodedTrack: null" });
  if (body.paused === true) items.push({ kind: "pause", detail: "" });
  if (body.paused === false) items.push({ kind: "resume", detail: "" });
  if (typeof body.position === "number") items.push({ kind: "seek", detail: `to ${body.position}ms` });
  return items;
}

/** The timeline items one log entry stands for (none for most entries: stats, playerUpdates, …). */
export function timelineItemsOf(entry: SimulatorLogEntry): TimelineItem[] {
  let guildId = entry.guildId;
  let sessionId = entry.sessionId;
  let items: Omit<TimelineItem, "at" | "guildId">[] = [];
  if (entry.kind === "ws" && entry.direction === "out" && entry.op === "event" && guildId !== undefined) {
    items = eventItems(entry);
  } else if (entry.kind === "rest" && entry.path !== undefined) {
    const match = PLAYER_PATH.exec(entry.path);
    if (match !== null) {
      sessionId = decodeURIComponent(match[1] ?? "");
      guildId = decodeURIComponent(match[2] ?? "");
      if (entry.direction === "in" && entry.method === "PATCH") items = requestItems(entry);
      if (entry.direction === "in" && entry.method === "DELETE")
        items = [{ kind: "stop", detail: "player destroyed" }];
    }
  }
  if (guildId === undefined) return [];
  for (const mark of entry.faults ?? [])
    items.push({ kind: "fault", detail: `${mark.id} (${mark.type}): ${mark.effect}` });
  const where = guildId;
  return items.map((item) => ({
    at: entry.at,
    guildId: where,
    ...(sessionId === undefined ? {} : { sessionId }),
    ...item,
  }));
}

/** A bounded timeline per guild, fed with log entries as they are recorded. */
export class TimelineBook {
  private readonly byGuild = new Map<string, TimelineItem[]>();

  /** Adds what `entry` stands for; returns the new items. */
  add(entry: SimulatorLogEntry): TimelineItem[] {
    const items = timelineItemsOf(entry);
    for (const item of items) {
      let list = this.byGuild.get(item.guildId);
      if (list === undefined) {
        if (this.byGuild.size >= TIMELINE_GUILDS) {
          const oldest = this.byGuild.keys().next().value;
          if (oldest !== undefined) this.byGuild.delete(oldest);
        }
        list = [];
      } else this.byGuild.delete(item.guildId);
      // Re-inserted so the map's order is least recently seen first.
      this.byGuild.set(item.guildId, list);
      list.push(item);
      if (list.length > TIMELINE_ITEMS_PER_GUILD) list.shift();
    }
    return items;
  }

  /** One guild's timeline (oldest first), or every guild's. */
  get(guildId?: string): TimelineItem[] {
    if (guildId !== undefined) return [...(this.byGuild.get(guildId) ?? [])];
    return [...this.byGuild.values()].flat().sort((a, b) => a.at - b.at);
  }
}
