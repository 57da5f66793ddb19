import type { SeededRandom } from "../../base/random.js";
import { NETWORK_TYPES, type ResolvedFault } from "./resolve.js";
import type {
  Fault,
  FaultMark,
  SlowNodeFaultSpec,
  TrackExceptionFaultSpec,
  TrackStuckFaultSpec,
  VoiceCloseFaultSpec,
} from "./types.js";

/** One frame or REST exchange a fault decision is taken on. */
export interface TrafficUnit {
  channel: "ws" | "rest";
  direction: "upstream" | "downstream";
  sessionId?: string | undefined;
  /** REST only. */
  method?: string;
  path?: string;
  status?: number;
  /** WebSocket frames: `op`, and the event type of `event` frames. */
  op?: string;
  eventType?: string | undefined;
  /**
   * The frame text or the request/answer body: its size for bandwidth, its content for the checks
   * of content faults (a playerUpdate of a connected player). Measured only when a fault needs it.
   */
  payload: string | undefined;
}

/** A registered fault and its own random stream (so one fault's draws never shift another's). */
export interface ArmedFault extends ResolvedFault {
  readonly random: SeededRandom;
}

/** What ends or replaces a connection or exchange; the first one hit wins. */
export type Terminal =
  | { kind: "reset"; mark: FaultMark }
  | { kind: "blackhole"; mark: FaultMark; destroyAfter: number }
  | { kind: "stall"; mark: FaultMark; after: number }
  | { kind: "close"; mark: FaultMark; code: number; reason: string };

/** Track faults scheduled from a TrackStartEvent. */
export type TrackFaultPlan =
  | { fault: Fault & TrackExceptionFaultSpec; afterMs: number; mark: FaultMark }
  | { fault: Fault & TrackStuckFaultSpec; afterMs: number; mark: FaultMark };

/** Everything the faults decided for one unit of traffic. */
export interface FaultPlan {
  delay: number;
  marks: FaultMark[];
  terminal?: Terminal;
  restError?: { status: number; message: string | undefined; mark: FaultMark };
  slowNode?: Fault & SlowNodeFaultSpec;
  voiceClose?: { fault: Fault & VoiceCloseFaultSpec; mark: FaultMark };
  trackFaults?: TrackFaultPlan[];
}

/**
 * The plan of traffic no fault hit, shared: with faults registered that do not apply (or have
 * toxicity 0), a frame costs no plan and no array. Frozen, since every caller gets this object.
 */
const UNTOUCHED: FaultPlan = Object.freeze({ delay: 0, marks: Object.freeze([]) as unknown as FaultMark[] });

/** Whether a fault is concerned by this unit at all (no random draw). */
export function applies(armed: ResolvedFault, unit: TrafficUnit): boolean {
  const { fault, route } = armed;
  if (fault.direction !== "both" && fault.direction !== unit.direction) return false;
  if (fault.scope !== "both" && fault.scope !== unit.channel) return false;
  if (fault.sessionId !== undefined && fault.sessionId !== unit.sessionId) return false;
  if (route !== undefined) {
    if (unit.channel !== "rest" || !route.matches(unit.method ?? "", unit.path ?? "")) return false;
  }
  if (NETWORK_TYPES.has(fault.type)) return true;
  const downstreamWs = unit.channel === "ws" && unit.direction === "downstream";
  switch (fault.type) {
    case "rest-error":
      return unit.channel === "rest";
    case "ws-close":
      return unit.channel === "ws";
    case "voice-close":
      return (
        downstreamWs && unit.op === "playerUpdate" && unit.payload?.includes('"connected":true') === true
      );
    case "track-exception":
    case "track-stuck":
      return downstreamWs && unit.op === "event" && unit.eventType === "TrackStartEvent";
    case "slow-node":
      return (
        unit.direction === "downstream" &&
        (unit.channel === "ws"
          ? unit.op === "stats"
          : unit.method === "GET" && unit.path === "/v4/stats" && unit.status === 200)
      );
    default:
      return false;
  }
}

/**
 * Takes every fault's decision for one unit of traffic, in the order the faults were added. Each
 * concerned fault with toxicity > 0 draws from its own stream whether or not an earlier fault hit,
 * so its decisions depend only on the seed and the traffic it sees.
 */
export function decide(faults: readonly ArmedFault[], unit: TrafficUnit, rest: boolean): FaultPlan {
  let hit: FaultPlan | undefined;
  for (const armed of faults) {
    const { fault, random } = armed;
    if (!(fault.toxicity > 0) || !applies(armed, unit)) continue;
    if (!random.chance(fault.toxicity)) continue;
    hit ??= { delay: 0, marks: [] };
    const plan = hit;
    const mark = (effect: string): FaultMark => ({ id: fault.id, type: fault.type, effect });
    const setTerminal = (terminal: Terminal): void => {
      if (plan.terminal !== undefined) return;
      plan.terminal = terminal;
      plan.marks.push(terminal.mark);
    };
    switch (fault.type) {
      case "latency": {
        const jitter = fault.jitter ?? 0;
        const ms = Math.max(0, Math.round(fault.latency + (jitter > 0 ? random.float(-jitter, jitter) : 0)));
        plan.delay += ms;
        plan.marks.push(mark(`delayed ${ms}ms`));
        break;
      }
      case "latency-spike": {
        const base = fault.baseLatency ?? 10;
        const factor = random.float(fault.minFactor ?? 5, fault.maxFactor ?? 20);
        const ms = Math.round(base * factor);
        plan.delay += ms;
        plan.marks.push(mark(`delayed ${ms}ms (spike x${factor.toFixed(1)})`));
        break;
      }
      case "bandwidth": {
        const bytes = unit.payload === undefined ? 0 : Buffer.byteLength(unit.payload);
        const ms = Math.ceil((bytes / fault.rate) * 1000);
        plan.delay += ms;
        plan.marks.push(mark(`delayed ${ms}ms (${bytes} bytes at ${fault.rate} B/s)`));
        break;
      }
      case "packet-loss": {
        // The hit was the first loss; every retransmission is lost again with the same probability.
        const stallAfter = fault.stallAfter ?? 6;
        let rto = fault.rto ?? 200;
        let wait = rto;
        let losses = 1;
        while (losses < stallAfter && random.chance(fault.toxicity)) {
          losses++;
          rto *= 2;
          wait += rto;
        }
        if (losses >= stallAfter) {
          setTerminal({
            kind: "stall",
            after: wait,
            mark: mark(`stalled: ${losses} losses in a row, connection torn down after ${wait}ms`),
          });
        } else {
          plan.delay += wait;
          plan.marks.push(mark(`delayed ${wait}ms (${losses} retransmission${losses === 1 ? "" : "s"})`));
        }
        break;
      }
      case "reset":
        setTerminal({ kind: "reset", mark: mark(rest ? "connection reset" : "dropped connection") });
        break;
      case "timeout": {
        const after = fault.timeout ?? 0;
        setTerminal({
          kind: "blackhole",
          destroyAfter: after,
          mark: mark(after > 0 ? `blackholed, connection destroyed after ${after}ms` : "blackholed"),
        });
        break;
      }
      case "ws-close": {
        const code = fault.code ?? 1011;
        setTerminal({
          kind: "close",
          code,
          reason: fault.reason ?? "Internal server error",
          mark: mark(`closed ${code}`),
        });
        break;
      }
      case "rest-error": {
        if (plan.restError !== undefined) break;
        const status = fault.status ?? 503;
        plan.restError = { status, message: fault.message, mark: mark(String(status)) };
        plan.marks.push(plan.restError.mark);
        break;
      }
      case "voice-close": {
        if (plan.voiceClose !== undefined) break;
        plan.voiceClose = { fault, mark: mark(`voice closed ${fault.code ?? 4006}`) };
        plan.marks.push(plan.voiceClose.mark);
        break;
      }
      case "track-exception":
      case "track-stuck": {
        const afterMs = fault.afterMs ?? random.int(1_000, 30_000);
        const what = fault.type === "track-exception" ? "track exception" : "track stuck";
        const m = mark(`${what} in ${afterMs}ms`);
        plan.trackFaults ??= [];
        plan.trackFaults.push({ fault, afterMs, mark: m } as TrackFaultPlan);
        plan.marks.push(m);
        break;
      }
      case "slow-node": {
        if (plan.slowNode !== undefined) break;
        plan.slowNode = fault;
        plan.marks.push(mark(`cpu ${fault.cpuLoad ?? 0.95}, deficit ${fault.frameDeficit ?? 1500}`));
        break;
      }
    }
  }
  return hit ?? UNTOUCHED;
}
