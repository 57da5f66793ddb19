import type { ServerResponse } from "node:http";
import type { FaultMark } from "../faults/types.js";
import type { IncomingFrame, IncomingRequest, OutgoingFrame, RestReply } from "./wire.js";

/**
 * What fault injection decided for one frame or exchange. The transport logs `sent` with `marks`
 * first, then calls {@link carryOut} once: the log always lists traffic before what it caused.
 */
export interface Verdict<T, R = void> {
  /** What goes out: the traffic itself, or as a fault rewrote it (a slow node's stats, a 5xx). */
  readonly sent: T;
  /** The faults that acted on it (empty: none). */
  readonly marks: FaultMark[];
  /** Delays, drops, rewrites or ends the traffic as decided, and starts what it sets off. */
  carryOut(): R;
}

/** What becomes of a REST request once the faults acting on it upstream are through. */
export type InboundDecision =
  /** Route it and answer it. */
  | { readonly kind: "route" }
  /** Answer this instead, without handling the request (an upstream `rest-error`). */
  | { readonly kind: "answer"; readonly reply: RestReply }
  /** Nothing to answer: the exchange was reset, is held, or went away while delayed. */
  | { readonly kind: "drop" };

/**
 * What the {@link Transport} needs from fault injection. It asks before each frame and REST
 * exchange; every call goes from the transport to the hook, which answers with a {@link Verdict}.
 */
export interface FaultHook {
  /** False when no fault is registered and nothing is held back: the transport then takes its fast path. */
  readonly engaged: boolean;
  outgoingFrame(frame: OutgoingFrame): Verdict<string>;
  incomingFrame(frame: IncomingFrame): Verdict<string>;
  /** The decision comes at once, or later when a fault delays the request. */
  incomingRequest(
    res: ServerResponse,
    request: IncomingRequest,
  ): Verdict<IncomingRequest, InboundDecision | Promise<InboundDecision>>;
  outgoingReply(res: ServerResponse, reply: RestReply): Verdict<RestReply>;
}
