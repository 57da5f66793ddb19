import type { FaultMark } from "./faults/types.js";
import { truncateLogBody } from "./log-body.js";
import { playerUpdateFrame } from "./player-update-frame.js";

/** One recorded WebSocket frame or REST exchange (or, later, a fault decision). */
export interface SimulatorLogEntry {
  /** Clock time (epoch ms on the simulator's clock). */
  at: number;
  /** `in`: from the client; `out`: from the simulator. */
  direction: "in" | "out";
  /** `ws`: a WebSocket frame (or handshake/close); `rest`: an HTTP exchange. */
  kind: "ws" | "rest";
  sessionId?: string;
  /** The `op` of a WebSocket frame (`ready`, `playerUpdate`, `stats`, `event`, or `handshake`/`close`). */
  op?: string;
  /** For `event` frames: the event type. */
  type?: string;
  guildId?: string;
  method?: string;
  path?: string;
  status?: number;
  /**
   * The frame text or the request/response body (raw text, not parsed, to keep recording cheap).
   * Bodies longer than the log's `bodyLimit` keep their start and a marker saying how many bytes
   * were dropped.
   */
  body?: string;
  /** Free-form note: "queued" when a frame was held for a resumable session, fault decisions, … */
  note?: string;
  /** Fault decisions that hit this frame or exchange (absent when the traffic passed untouched). */
  faults?: FaultMark[];
}

/** Entries the log keeps by default. */
export const DEFAULT_LOG_CAPACITY = 10_000;
/** Estimated bytes the log may hold by default (16 MiB); the oldest entries go beyond it. */
export const DEFAULT_LOG_MAX_BYTES = 16 * 1024 * 1024;
/** Characters of a body an entry keeps by default (4 KiB); the rest is replaced by a marker. */
export const DEFAULT_LOG_BODY_LIMIT = 4096;
/**
 * What an entry costs besides its body, in the log's byte estimate: the object, its short
 * strings and the slot that holds it. An estimate, so that many tiny entries also count.
 */
const ENTRY_OVERHEAD_BYTES = 256;

/** Marks a buffer slot whose entry is a sent playerUpdate stored as numbers (see `recordPlayerUpdate`). */
const PLAYER_UPDATE = 0;

/** Bounds of a {@link SimulatorLog}; every field is optional. */
export interface SimulatorLogLimits {
  /** Entries kept; older ones are dropped (default 10,000). */
  capacity?: number;
  /** Estimated bytes kept; older entries are dropped beyond it (default 16 MiB). */
  maxBytes?: number;
  /** Characters of a body an entry keeps (default 4,096); longer bodies are cut with a marker. */
  bodyLimit?: number;
}

/**
 * A bounded record of what crossed the wire. Tests read it to assert on the simulator's truth; it
 * drops the oldest entries beyond `capacity` entries or `maxBytes` estimated bytes, cuts long
 * bodies to `bodyLimit` characters, and can be switched off for benchmarks. The bounds live here,
 * in the log's own append, so no caller can forget them: a simulator left running under a flood
 * of large requests holds at most `maxBytes` of them.
 */
export class SimulatorLog {
  /** Record nothing while false. */
  enabled: boolean;
  /** Estimated bytes the log may hold; the oldest entries are dropped beyond it. */
  readonly maxBytes: number;
  /** Characters of a body an entry keeps. */
  readonly bodyLimit: number;
  /** Entries, oldest first, from index `head` on (the slots before it are already dropped). */
  private buffer: (SimulatorLogEntry | typeof PLAYER_UPDATE | undefined)[] = [];
  private costs: number[] = [];
  /**
   * The fields of the playerUpdate entries, parallel to `buffer` (other slots hold zeros). A node
   * with 100,000 players sends 20,000 of them a second: kept as numbers and shared strings they
   * allocate nothing that outlives the frame, where an entry object and its frame text would all
   * survive into the old generation and make V8 mark the whole heap again and again.
   */
  private puAt: number[] = [];
  private puTime: number[] = [];
  private puPosition: number[] = [];
  private puPing: number[] = [];
  private puConnected: boolean[] = [];
  private puSession: string[] = [];
  private puGuild: string[] = [];
  private head = 0;
  private bytes = 0;
  /** Who hears of each entry as it is recorded (the control API's streams); usually nobody. */
  private readonly listeners = new Set<(entry: SimulatorLogEntry) => void>();

  constructor(
    /** Entries kept; older ones are dropped. */
    readonly capacity = DEFAULT_LOG_CAPACITY,
    enabled = true,
    limits: Omit<SimulatorLogLimits, "capacity"> = {},
  ) {
    this.enabled = enabled;
    this.maxBytes = limits.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
    this.bodyLimit = limits.bodyLimit ?? DEFAULT_LOG_BODY_LIMIT;
  }

  /** Adds an entry (no-op when disabled); its body is cut to `bodyLimit` characters first. */
  record(entry: SimulatorLogEntry): void {
    if (!this.enabled) return;
    const body = entry.body;
    if (body !== undefined && body.length > this.bodyLimit) {
      entry.body = truncateLogBody(body, this.bodyLimit);
    }
    this.append(entry, ENTRY_OVERHEAD_BYTES + (entry.body?.length ?? 0), 0, 0, 0, 0, false, "", "");
    if (this.listeners.size > 0) for (const listener of this.listeners) listener(entry);
  }

  /**
   * @internal Records a `playerUpdate` frame written to a session's socket, as the entry
   * `{ at, direction: "out", kind: "ws", sessionId, op: "playerUpdate", guildId, body }` whose body
   * is {@link playerUpdateFrame} of these values; it is built when read, not now.
   */
  recordPlayerUpdate(
    at: number,
    sessionId: string,
    guildId: string,
    time: number,
    position: number,
    connected: boolean,
    ping: number,
    length: number,
  ): void {
    if (!this.enabled) return;
    if (length > this.bodyLimit) {
      // Only with a tiny bodyLimit: the cut body is stored as text.
      this.record(this.playerUpdateEntry(at, sessionId, guildId, time, position, connected, ping));
      return;
    }
    this.append(
      PLAYER_UPDATE,
      ENTRY_OVERHEAD_BYTES + length,
      at,
      time,
      position,
      ping,
      connected,
      sessionId,
      guildId,
    );
    if (this.listeners.size > 0) {
      const entry = this.playerUpdateEntry(at, sessionId, guildId, time, position, connected, ping);
      for (const listener of this.listeners) listener(entry);
    }
  }

  private append(
    slot: SimulatorLogEntry | typeof PLAYER_UPDATE,
    cost: number,
    at: number,
    time: number,
    position: number,
    ping: number,
    connected: boolean,
    sessionId: string,
    guildId: string,
  ): void {
    // A log that keeps nothing still tells its listeners (the test kit's wire counts, the streams).
    if (this.capacity <= 0) return;
    this.buffer.push(slot);
    this.costs.push(cost);
    this.puAt.push(at);
    this.puTime.push(time);
    this.puPosition.push(position);
    this.puPing.push(ping);
    this.puConnected.push(connected);
    this.puSession.push(sessionId);
    this.puGuild.push(guildId);
    this.bytes += cost;
    while (this.size > this.capacity || (this.bytes > this.maxBytes && this.size > 1)) this.dropOldest();
  }

  private playerUpdateEntry(
    at: number,
    sessionId: string,
    guildId: string,
    time: number,
    position: number,
    connected: boolean,
    ping: number,
  ): SimulatorLogEntry {
    return {
      at,
      direction: "out",
      kind: "ws",
      sessionId,
      op: "playerUpdate",
      guildId,
      body: playerUpdateFrame(guildId, time, position, connected, ping),
    };
  }

  /** The entry in buffer slot `i` (built for a playerUpdate slot). */
  private entryAt(i: number): SimulatorLogEntry {
    const slot = this.buffer[i]!;
    if (slot !== PLAYER_UPDATE) return slot;
    return this.playerUpdateEntry(
      this.puAt[i]!,
      this.puSession[i]!,
      this.puGuild[i]!,
      this.puTime[i]!,
      this.puPosition[i]!,
      this.puConnected[i]!,
      this.puPing[i]!,
    );
  }

  /**
   * @internal Calls `listener` with each entry as it is recorded; returns the unsubscriber. A
   * listener must not throw (the control API's streams only queue the entry for their clients).
   */
  onRecord(listener: (entry: SimulatorLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Every kept entry, oldest first. */
  entries(): SimulatorLogEntry[] {
    const out: SimulatorLogEntry[] = [];
    for (let i = this.head; i < this.buffer.length; i++) out.push(this.entryAt(i));
    return out;
  }

  /** Kept entries matching every given field. */
  filter(match: Partial<SimulatorLogEntry>): SimulatorLogEntry[] {
    const keys = Object.keys(match) as (keyof SimulatorLogEntry)[];
    return this.entries().filter((e) => keys.every((k) => e[k] === match[k]));
  }

  /** Number of entries kept right now (at most `capacity`). */
  get size(): number {
    return this.buffer.length - this.head;
  }

  /** Estimated bytes held right now (at most `maxBytes`, unless one entry alone is larger). */
  get byteSize(): number {
    return this.bytes;
  }

  /** Forgets every entry (recording goes on if `enabled`). */
  clear(): void {
    this.buffer = [];
    this.costs = [];
    this.clearPlayerUpdates();
    this.head = 0;
    this.bytes = 0;
  }

  private dropOldest(): void {
    this.bytes -= this.costs[this.head] ?? 0;
    // Clear the slots so the dropped entries can be collected before the next compaction.
    this.buffer[this.head] = undefined;
    this.puSession[this.head] = "";
    this.puGuild[this.head] = "";
    this.head++;
    // Compact once the dropped prefix is the larger half: amortised O(1) per entry.
    if (this.head > 1024 && this.head * 2 > this.buffer.length) {
      const from = this.head;
      this.buffer = this.buffer.slice(from);
      this.costs = this.costs.slice(from);
      this.puAt = this.puAt.slice(from);
      this.puTime = this.puTime.slice(from);
      this.puPosition = this.puPosition.slice(from);
      this.puPing = this.puPing.slice(from);
      this.puConnected = this.puConnected.slice(from);
      this.puSession = this.puSession.slice(from);
      this.puGuild = this.puGuild.slice(from);
      this.head = 0;
    }
  }

  private clearPlayerUpdates(): void {
    this.puAt = [];
    this.puTime = [];
    this.puPosition = [];
    this.puPing = [];
    this.puConnected = [];
    this.puSession = [];
    this.puGuild = [];
  }
}
