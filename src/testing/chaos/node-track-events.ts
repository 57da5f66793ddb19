import type { TrackEndReason } from "../../protocol/index.js";
import type { SimulatorLogEntry } from "../../simulator/index.js";

/** A track start or end as a node generated it (its own timeline), read from the simulator's log. */
export interface NodeTrackEvent {
  /** Name of the node (as the soak or the caller labelled the simulator). */
  node: string;
  /** Lavalink session the event belonged to. */
  sessionId: string | undefined;
  /** Clock time the node generated the event. */
  at: number;
  guildId: string;
  /** `info.identifier` of the track. */
  identifier: string;
  kind: "start" | "end";
  /** For a start: the position the node started at (0 = from the beginning). For an end: where it stopped. */
  position: number;
  /** For an end: Lavalink's reason. */
  reason?: TrackEndReason;
}

interface TrackEventBody {
  type?: unknown;
  guildId?: unknown;
  reason?: unknown;
  track?: { info?: { identifier?: unknown; position?: unknown } };
}

function parse(body: string | undefined): TrackEventBody | null {
  if (body === undefined || !body.includes("Track")) return null;
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null ? (value as TrackEventBody) : null;
  } catch {
    return null;
  }
}

/**
 * The track starts and ends a node generated, from its `sim.log` entries (oldest first). Counts what
 * the node *played*, not what reached the client: a frame the fault layer delayed or discarded, a
 * frame held for a resumable session (`note: "queued for resume"`) and one produced while the
 * session was ending all count once, and the replay of a held frame on resume does not count again
 * (it is recognised as the same text, on the same session, after it was held).
 */
export function readNodeTrackEvents(node: string, entries: readonly SimulatorLogEntry[]): NodeTrackEvent[] {
  const events: NodeTrackEvent[] = [];
  /** Held frame texts per session, waiting for their replay. */
  const held = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    if (entry.kind !== "ws" || entry.direction !== "out" || entry.op !== "event") continue;
    const body = parse(entry.body);
    if (body === null) continue;
    const type = body.type;
    if (type !== "TrackStartEvent" && type !== "TrackEndEvent") continue;
    const session = entry.sessionId ?? "";
    const text = entry.body ?? "";
    if (entry.note === undefined) {
      const pending = held.get(session);
      const count = pending?.get(text) ?? 0;
      if (pending !== undefined && count > 0) {
        // A replay of a frame the node generated while the client was away: delivery, not a new play.
        pending.set(text, count - 1);
        continue;
      }
    } else if (/queued/.test(entry.note)) {
      const pending = held.get(session) ?? new Map<string, number>();
      pending.set(text, (pending.get(text) ?? 0) + 1);
      held.set(session, pending);
    }
    const identifier = body.track?.info?.identifier;
    const guildId = body.guildId;
    if (typeof identifier !== "string" || typeof guildId !== "string") continue;
    const position = body.track?.info?.position;
    events.push({
      node,
      sessionId: entry.sessionId,
      at: entry.at,
      guildId,
      identifier,
      kind: type === "TrackStartEvent" ? "start" : "end",
      position: typeof position === "number" ? position : 0,
      ...(type === "TrackEndEvent" && typeof body.reason === "string"
        ? { reason: body.reason as TrackEndReason }
        : {}),
    });
  }
  return events;
}
