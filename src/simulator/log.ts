import type { FaultMark } from "./faults/types.js";
import { truncateLogBody } from "./log-body.js";

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
  private buffer: SimulatorLogEntry[] = [];
  private costs: number[] = [];
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
    if (!this.enabled || this.capacity <= 0) return;
    const body = entry.body;
    if (body !== undefined && body.length > this.bodyLimit) {
      entry.body = truncateLogBody(body, this.bodyLimit);
    }
    const cost = ENTRY_OVERHEAD_BYTES + (entry.body?.length ?? 0);
    this.buffer.push(entry);
    this.costs.push(cost);
    this.bytes += cost;
    while (this.size > this.capacity || (this.bytes > this.maxBytes && this.size > 1)) this.dropOldest();
    if (this.listeners.size > 0) for (const listener of this.listeners) listener(entry);
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
    return this.buffer.slice(this.head);
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
    this.head = 0;
    this.bytes = 0;
  }

  private dropOldest(): void {
    this.bytes -= this.costs[this.head] ?? 0;
    // Clear the slots so the dropped entries can be collected before the next compaction.
    (this.buffer as (SimulatorLogEntry | undefined)[])[this.head] = undefined;
    this.head++;
    // Compact once the dropped prefix is the larger half: amortised O(1) per entry.
    if (this.head > 1024 && this.head * 2 > this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.costs = this.costs.slice(this.head);
      this.head = 0;
    }
  }
}
