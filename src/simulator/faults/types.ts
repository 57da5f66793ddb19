import type { ExceptionSeverity } from "../../protocol/index.js";

/** Which way the traffic a fault hits travels: client → node, node → client, or both ways. */
export type FaultDirection = "upstream" | "downstream" | "both";

/** What a fault hits: WebSocket frames, REST exchanges, or both. */
export type FaultScope = "ws" | "rest" | "both";

/** Attributes every fault shares (modelled on toxiproxy's toxics). */
export interface FaultCommon {
  /** Stable id; default `fault-1`, `fault-2`, … in the order faults are added. */
  id?: string;
  /**
   * Probability (0..1) that the fault hits one frame or exchange it applies to. Default 1.
   * 0 is an exact no-op: no random number is drawn and nothing happens.
   */
  toxicity?: number;
  /** Default `"downstream"` (node → client), except `rest-error` which defaults to `"upstream"`. */
  direction?: FaultDirection;
  /** Default `"both"` for network faults; content faults have a fixed scope. */
  scope?: FaultScope;
  /** Only traffic of this Lavalink session (default: every session and sessionless REST calls). */
  sessionId?: string;
  /**
   * Only REST exchanges whose `METHOD /path` matches, `*` standing for one path segment, e.g.
   * `"PATCH /v4/sessions/*\/players/*"`. The method may be omitted or `*`. Implies scope `rest`.
   */
  route?: string;
}

/** Fixed delay plus uniform jitter (`latency ± jitter` ms) on every hit frame or exchange. */
export interface LatencyFaultSpec extends FaultCommon {
  type: "latency";
  latency: number;
  jitter?: number;
}

/** A latency spike: `baseLatency` (default 10 ms) × a factor drawn from [minFactor, maxFactor] (5..20). */
export interface LatencySpikeFaultSpec extends FaultCommon {
  type: "latency-spike";
  baseLatency?: number;
  minFactor?: number;
  maxFactor?: number;
}

/** A bandwidth limit: each hit frame or body takes `size / rate` seconds. */
export interface BandwidthFaultSpec extends FaultCommon {
  type: "bandwidth";
  /** Bytes per second. */
  rate: number;
}

/**
 * TCP segment loss. `toxicity` is the loss probability of a segment and of each retransmission;
 * a loss costs one retransmission timeout (`rto`, default 200 ms, doubling while losses repeat)
 * and holds back everything behind it. After `stallAfter` (default 6) losses in a row the
 * connection is declared dead and torn down, as a TCP retransmission timeout would.
 */
export interface PacketLossFaultSpec extends FaultCommon {
  type: "packet-loss";
  rto?: number;
  stallAfter?: number;
}

/** An abrupt connection reset: the socket is destroyed (no close frame, no HTTP answer). */
export interface ResetFaultSpec extends FaultCommon {
  type: "reset";
}

/**
 * A black hole: the node stops sending (WS: no more frames; REST: no answer). With `timeout` > 0
 * the connection is destroyed after that many ms; with 0 (default) it is held until the client gives up.
 */
export interface TimeoutFaultSpec extends FaultCommon {
  type: "timeout";
  timeout?: number;
}

/** A REST answer replaced by a 5xx (default 503) with Lavalink's error body. */
export interface RestErrorFaultSpec extends FaultCommon {
  type: "rest-error";
  status?: number;
  message?: string;
}

/** A WebSocket closed by the node with a close frame (default 1011 "Internal server error"). */
export interface WsCloseFaultSpec extends FaultCommon {
  type: "ws-close";
  code?: number;
  reason?: string;
}

/** Discord closes a player's voice connection; decided per `playerUpdate` of a connected player. */
export interface VoiceCloseFaultSpec extends FaultCommon {
  type: "voice-close";
  code?: number;
  reason?: string;
  byRemote?: boolean;
}

/** The playing track fails; decided per `TrackStartEvent`, fires `afterMs` later (default drawn 1–30 s). */
export interface TrackExceptionFaultSpec extends FaultCommon {
  type: "track-exception";
  message?: string;
  severity?: ExceptionSeverity;
  cause?: string;
  afterMs?: number;
}

/** The playing track gets stuck; decided per `TrackStartEvent`, freezes `afterMs` later. */
export interface TrackStuckFaultSpec extends FaultCommon {
  type: "track-stuck";
  thresholdMs?: number;
  afterMs?: number;
}

/** An overloaded node: stats report this CPU load and frame deficit (per playing player). */
export interface SlowNodeFaultSpec extends FaultCommon {
  type: "slow-node";
  cpuLoad?: number;
  frameDeficit?: number;
  nulled?: number;
}

/** Any fault {@link FaultController.add} accepts. */
export type FaultSpec =
  | LatencyFaultSpec
  | LatencySpikeFaultSpec
  | BandwidthFaultSpec
  | PacketLossFaultSpec
  | ResetFaultSpec
  | TimeoutFaultSpec
  | RestErrorFaultSpec
  | WsCloseFaultSpec
  | VoiceCloseFaultSpec
  | TrackExceptionFaultSpec
  | TrackStuckFaultSpec
  | SlowNodeFaultSpec;

/** Every fault type name. */
export type FaultType = FaultSpec["type"];

/** A fault as registered: every default filled in. */
export type Fault = FaultSpec & {
  readonly id: string;
  readonly toxicity: number;
  readonly direction: FaultDirection;
  readonly scope: FaultScope;
};

/** One fault decision that changed traffic, as recorded next to the frame or request it hit. */
export interface FaultMark {
  /** The fault's id. */
  id: string;
  type: FaultType;
  /** What happened: `"delayed 120ms"`, `"dropped connection"`, `"503"`, … */
  effect: string;
}

/** A fault decision with its context, as kept in {@link FaultController.decisions}. */
export interface FaultDecision extends FaultMark {
  /** Clock time of the decision. */
  at: number;
  channel: "ws" | "rest";
  direction: "upstream" | "downstream";
  sessionId?: string;
  /** `op` (and event type) of a frame, or `METHOD /path` of a REST exchange. */
  target: string;
}

/** The seed's three knobs, each a probability 0..1 (see {@link FaultController.enable}). */
export interface FaultKnobs {
  /** TCP segment loss per frame/answer: retransmission delays, at worst a stalled connection. */
  packetLoss?: number;
  /** Share of frames/answers delayed by 5–20× the baseline latency. */
  latencySpike?: number;
  /** Per-frame probability that the WebSocket is cut abruptly (no close frame). */
  connectionDrop?: number;
}
