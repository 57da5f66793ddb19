import type { SeededRandom } from "../../base/random.js";
import type { FaultCommon, FaultDirection, Registered } from "./common.js";
import type { FaultHost } from "./host.js";
import type { SpecChecks } from "./spec-checks.js";

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

/** How a `--fault` flag writes an attribute's value. */
export type AttributeKind = "number" | "string" | "boolean";

/** The kind of a spec attribute, from its TypeScript type. */
type KindOf<T> = T extends number
  ? "number"
  : T extends boolean
    ? "boolean"
    : T extends string
      ? "string"
      : never;

/** The attributes every fault shares, with their kind. */
export type CommonAttributes = {
  readonly [K in keyof FaultCommon]-?: KindOf<NonNullable<FaultCommon[K]>>;
};

/** Every attribute a type adds to the common ones, with its kind (the compiler checks the list is complete). */
export type AttributesOf<S> = {
  readonly [K in Exclude<keyof S, keyof FaultCommon | "type">]-?: KindOf<NonNullable<S[K]>>;
};

/**
 * How a connection or exchange ends: destroyed `afterMs` after the delays (0: at once, `null`:
 * never, it is held), or on WebSocket closed with a close frame instead.
 */
export interface ConnectionEnd {
  readonly afterMs: number | null;
  readonly closeFrame?: { readonly code: number; readonly reason: string };
}

/** What a frame the fault hit sets off once it is sent (voice and track faults). */
export interface FollowUp {
  readonly host: FaultHost;
  readonly sessionId: string;
  readonly guildId: string;
  /** Runs `run` `ms` later on the simulator's clock (cancelled when the node stops). */
  later(ms: number, run: () => void): void;
}

/**
 * What one fault does to the frame or exchange it hit; `effect` is what the log says it did. The
 * effects of every fault that hit one unit are combined: delays add up; the first fault that ends
 * the connection, replaces the answer or rewrites the content wins (the later ones leave no mark);
 * follow-ups run in order, except that one `slot` is taken once.
 */
export type FaultEffect =
  | { readonly kind: "delay"; readonly ms: number; readonly effect: string }
  | { readonly kind: "end"; readonly end: ConnectionEnd; readonly effect: string }
  | {
      readonly kind: "answer";
      readonly status: number;
      readonly message: string | undefined;
      readonly effect: string;
    }
  | { readonly kind: "rewrite"; readonly rewrite: (text: string) => string; readonly effect: string }
  | {
      readonly kind: "followUp";
      readonly run: (context: FollowUp) => void;
      readonly slot?: string;
      readonly effect: string;
    };

/** What a fault type knows about the unit it hit. */
export interface Hit {
  readonly unit: TrafficUnit;
  /** The fault's own seeded stream, for what it draws (jitter, a spike's factor, retransmissions). */
  readonly random: SeededRandom;
  /** True for a REST exchange. */
  readonly rest: boolean;
}

/**
 * One fault type, as toxiproxy has one toxic per file: its attributes (and how a `--fault` flag
 * writes them), their validation, which traffic it is decided on, and what a hit does. Each type
 * lives in `faults/types/<type>.ts` and is listed once in `faults/registry.ts`.
 */
export interface FaultTypeModule<S extends FaultCommon & { type: string }> {
  /** The name users write in `type`. */
  readonly type: S["type"];
  /** The type's own attributes and how a `--fault` flag writes each value. */
  readonly attributes: AttributesOf<S>;
  /** Direction when the spec gives none (default `"downstream"`). */
  readonly defaultDirection?: FaultDirection;
  /** The only scope a content fault acts on, whatever the spec says. */
  readonly fixedScope?: "ws" | "rest";
  /** Checks the type's own attributes (the common ones are checked already). */
  validate(spec: S, check: SpecChecks): void;
  /**
   * Whether a unit that passed the common filters (direction, scope, session, route) concerns
   * the fault. Absent: every such unit does (network faults).
   */
  applies?(unit: TrafficUnit): boolean;
  /** What a hit does (called only when the fault's toxicity roll hit). */
  hit(fault: Registered<S>, hit: Hit): FaultEffect;
}
