import type { SonoraClient } from "../client/index.js";
import type { SimulatorLog, SimulatorLogEntry } from "../simulator/index.js";

/** One turn of the event loop with a poll phase, so socket data written so far can be read. */
export const ioTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

/** Consecutive idle turns after which the wire counts as quiet. */
const QUIET_TURNS = 3;
/** Turns without any traffic after which an unbalanced wire counts as held (by the clock) or lost. */
const STUCK_TURNS = 40;
/** Turns after which {@link WireMonitor.settle} gives up waiting in any case. */
const MAX_TURNS = 500;

/** Options of {@link WireMonitor}. */
export interface WireMonitorOptions {
  /**
   * Work the wire counts cannot see (a dispatch being handled, a handshake on its way): while it
   * returns true the wire is neither quiet nor stuck, so {@link WireMonitor.settle} keeps waiting
   * (up to its turn limit).
   */
  busy?: () => boolean;
}

/**
 * Counts what crossed the loopback wire between one simulator and one client: WebSocket frames the
 * simulator wrote per session versus frames the client received, and REST requests versus answers.
 * `settle()` waits until both sides balance (and stay balanced for a few turns), so that after each
 * virtual-clock step the client has acted on everything the simulator said — which keeps
 * clock-driven tests deterministic on a loaded machine without sleeping for a guessed time.
 */
export class WireMonitor {
  private readonly sent = new Map<string, number>();
  private readonly received = new Map<string, number>();
  private restRequests = 0;
  private restAnswers = 0;
  private readonly restore: () => void;
  private readonly busy: () => boolean;

  constructor(log: SimulatorLog, client: SonoraClient, options: WireMonitorOptions = {}) {
    this.busy = options.busy ?? (() => false);
    // Every recorded entry, including the playerUpdates the log keeps as numbers (they never pass
    // through `record`), reaches its listeners.
    const unhook = log.onRecord((entry) => this.count(entry));
    const onRaw: Parameters<typeof client.on<"raw">>[1] = (node, message) => {
      const session = message.op === "ready" ? message.sessionId : node.sessionId;
      if (session !== null) this.received.set(session, (this.received.get(session) ?? 0) + 1);
    };
    // Frames not received when a socket closes never will be: stop waiting for them.
    const onDisconnect: Parameters<typeof client.on<"nodeDisconnect">>[1] = (node) => {
      const session = node.sessionId;
      if (session !== null) this.sent.set(session, this.received.get(session) ?? 0);
    };
    client.on("raw", onRaw);
    client.on("nodeDisconnect", onDisconnect);
    this.restore = () => {
      unhook();
      client.off("raw", onRaw);
      client.off("nodeDisconnect", onDisconnect);
    };
  }

  /** True when the client has received every frame sent to it and every request was answered. */
  get balanced(): boolean {
    if (this.restRequests > this.restAnswers) return false;
    // Only this client's sessions: other clients may share the simulator. A session is known
    // from its first frame (`ready`) on.
    for (const [session, received] of this.received) {
      if (received < (this.sent.get(session) ?? 0)) return false;
    }
    return true;
  }

  /**
   * Waits until the wire is quiet: balanced for a few turns, or unbalanced without any progress for
   * {@link STUCK_TURNS} turns — frames held back on the virtual clock (injected latency) or lost
   * with a dropped socket, which no amount of waiting brings. Bounded; never rejects.
   */
  async settle(): Promise<void> {
    let quiet = 0;
    let stuck = 0;
    let last = this.progress;
    for (let turn = 0; turn < MAX_TURNS; turn++) {
      await ioTurn();
      if (this.busy()) {
        quiet = 0;
        stuck = 0;
        continue;
      }
      const progress = this.progress;
      stuck = progress === last ? stuck + 1 : 0;
      last = progress;
      quiet = this.balanced ? quiet + 1 : 0;
      if (quiet >= QUIET_TURNS || stuck >= STUCK_TURNS) return;
    }
  }

  /** Changes whenever anything crosses the wire. */
  private get progress(): number {
    let total = this.restRequests + this.restAnswers;
    for (const n of this.sent.values()) total += n;
    for (const n of this.received.values()) total += n;
    return total;
  }

  /** Stops counting and unhooks from the log and the client. */
  dispose(): void {
    this.restore();
  }

  private count(entry: SimulatorLogEntry): void {
    if (entry.kind === "rest") {
      if (entry.direction === "in") this.restRequests++;
      else this.restAnswers++;
      return;
    }
    // Frames written to a socket: outgoing, not a queued/dropped note, not the handshake record.
    if (entry.direction !== "out" || entry.note !== undefined || entry.sessionId === undefined) return;
    // Fault injection records frames it discarded or that ended the connection; those never arrive.
    const marks = (entry as { faults?: readonly { effect?: string }[] }).faults;
    if (marks?.some((m) => /^(discarded|dropped|stalled|blackholed)/.test(m.effect ?? ""))) return;
    this.sent.set(entry.sessionId, (this.sent.get(entry.sessionId) ?? 0) + 1);
  }
}
