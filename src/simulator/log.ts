import type { FaultMark } from "./faults/types.js";

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
  /** The frame text or the request/response body (raw text, not parsed, to keep recording cheap). */
  body?: string;
  /** Free-form note: "queued" when a frame was held for a resumable session, fault decisions, … */
  note?: string;
  /** Fault decisions that hit this frame or exchange (absent when the traffic passed untouched). */
  faults?: FaultMark[];
}

/**
 * A bounded record of what crossed the wire. Tests read it to assert on the simulator's truth; it
 * drops the oldest entries beyond `capacity` and can be switched off for benchmarks.
 */
export class SimulatorLog {
  /** Record nothing while false. */
  enabled: boolean;
  private buffer: SimulatorLogEntry[] = [];
  private start = 0;

  constructor(
    /** Entries kept; older ones are dropped. */
    readonly capacity = 10_000,
    enabled = true,
  ) {
    this.enabled = enabled;
  }

  /** Adds an entry (no-op when disabled). */
  record(entry: SimulatorLogEntry): void {
    if (!this.enabled || this.capacity <= 0) return;
    if (this.buffer.length < this.capacity) {
      this.buffer.push(entry);
      return;
    }
    this.buffer[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Every kept entry, oldest first. */
  entries(): SimulatorLogEntry[] {
    return [...this.buffer.slice(this.start), ...this.buffer.slice(0, this.start)];
  }

  /** Kept entries matching every given field. */
  filter(match: Partial<SimulatorLogEntry>): SimulatorLogEntry[] {
    const keys = Object.keys(match) as (keyof SimulatorLogEntry)[];
    return this.entries().filter((e) => keys.every((k) => e[k] === match[k]));
  }

  /** Number of entries kept right now (at most `capacity`). */
  get size(): number {
    return this.buffer.length;
  }

  /** Forgets every entry (recording goes on if `enabled`). */
  clear(): void {
    this.buffer = [];
    this.start = 0;
  }
}
