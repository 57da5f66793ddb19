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
  /**
   * Hits at most this many frames or exchanges (a whole number ≥ 1), then does nothing more: msw's
   * `once` is `times: 1`. A spent fault stays listed until removed. Default: no limit.
   */
  times?: number;
}

/** A spec of one fault type as registered: every common default filled in. */
export type Registered<S extends FaultCommon> = S & {
  readonly id: string;
  readonly toxicity: number;
  readonly direction: FaultDirection;
  readonly scope: FaultScope;
};
