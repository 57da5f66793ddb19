import type { FaultDirection, FaultScope } from "./common.js";
import type { FaultSpec, FaultType } from "./registry.js";

export type { FaultCommon, FaultDirection, FaultScope } from "./common.js";

/** A fault as registered: every default filled in. */
export type Fault = FaultSpec & {
  readonly id: string;
  readonly toxicity: number;
  readonly direction: FaultDirection;
  readonly scope: FaultScope;
};

/**
 * What {@link FaultController.update} may change on a registered fault: any attribute of its
 * type and the common ones, but not its `id` or its `type`. An attribute set to `undefined` goes
 * back to its default.
 */
export type FaultChanges = {
  [T in FaultType]: {
    [K in keyof Omit<Extract<FaultSpec, { type: T }>, "id" | "type">]?:
      | Extract<FaultSpec, { type: T }>[K]
      | undefined;
  };
}[FaultType];

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
