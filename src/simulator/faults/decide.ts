import type { SeededRandom } from "../../base/random.js";
import type { ConnectionEnd, FaultEffect, FollowUp, TrafficUnit } from "./fault-type.js";
import type { ResolvedFault } from "./resolve.js";
import type { Fault, FaultMark } from "./types.js";

export type { TrafficUnit } from "./fault-type.js";

/** A registered fault and its own random stream (so one fault's draws never shift another's). */
export interface ArmedFault extends ResolvedFault {
  readonly random: SeededRandom;
  /** How many units it hit so far (kept across updates), for `times`. */
  readonly hits: { count: number };
}

/** Everything the faults decided for one unit of traffic. */
export interface FaultPlan {
  /** Every fault's delay, added up. */
  delay: number;
  /** What acted, in the order the faults were added. */
  marks: FaultMark[];
  /** The first fault that ends the connection or exchange. */
  end?: ConnectionEnd & { mark: FaultMark };
  /** The first REST answer a fault puts in place of the node's. */
  answer?: { status: number; message: string | undefined };
  /** The first rewrite of the content (a slow node's stats). */
  rewrite?: (text: string) => string;
  /** What the frame sets off once sent (voice and track faults), in order. */
  followUps?: ((context: FollowUp) => void)[];
  /** Follow-up slots taken (each at most once per unit). */
  slots?: Set<string>;
}

/**
 * The plan of traffic no fault hit, shared: with faults registered that do not apply (or have
 * toxicity 0), a frame costs no plan and no array. Frozen, since every caller gets this object.
 */
const UNTOUCHED: FaultPlan = Object.freeze({ delay: 0, marks: Object.freeze([]) as unknown as FaultMark[] });

/** Whether a fault is concerned by this unit at all (no random draw). */
export function applies(armed: ResolvedFault, unit: TrafficUnit): boolean {
  const { fault, route, type } = armed;
  if (fault.direction !== "both" && fault.direction !== unit.direction) return false;
  if (fault.scope !== "both" && fault.scope !== unit.channel) return false;
  if (fault.sessionId !== undefined && fault.sessionId !== unit.sessionId) return false;
  if (route !== undefined) {
    if (unit.channel !== "rest" || !route.matches(unit.method ?? "", unit.path ?? "")) return false;
  }
  return type.applies === undefined || type.applies(unit);
}

/**
 * Takes every fault's decision for one unit of traffic, in the order the faults were added. Each
 * concerned fault with toxicity > 0 draws from its own stream whether or not an earlier fault hit,
 * so its decisions depend only on the seed and the traffic it sees.
 */
export function decide(faults: readonly ArmedFault[], unit: TrafficUnit, rest: boolean): FaultPlan {
  let plan: FaultPlan | undefined;
  for (const armed of faults) {
    const { fault, random, type } = armed;
    if (!(fault.toxicity > 0) || !applies(armed, unit)) continue;
    // A spent fault draws nothing: it is as if it were gone.
    if (fault.times !== undefined && armed.hits.count >= fault.times) continue;
    if (!random.chance(fault.toxicity)) continue;
    armed.hits.count++;
    plan ??= { delay: 0, marks: [] };
    combine(plan, fault, type.hit(fault, { unit, random, rest }));
  }
  return plan ?? UNTOUCHED;
}

/** Adds one fault's effect to the plan; an effect that loses to an earlier one leaves no mark. */
function combine(plan: FaultPlan, fault: Fault, effect: FaultEffect): void {
  const mark: FaultMark = { id: fault.id, type: fault.type, effect: effect.effect };
  switch (effect.kind) {
    case "delay":
      plan.delay += effect.ms;
      break;
    case "end":
      if (plan.end !== undefined) return;
      plan.end = { ...effect.end, mark };
      break;
    case "answer":
      if (plan.answer !== undefined) return;
      plan.answer = { status: effect.status, message: effect.message };
      break;
    case "rewrite":
      if (plan.rewrite !== undefined) return;
      plan.rewrite = effect.rewrite;
      break;
    case "followUp":
      if (effect.slot !== undefined) {
        plan.slots ??= new Set();
        if (plan.slots.has(effect.slot)) return;
        plan.slots.add(effect.slot);
      }
      plan.followUps ??= [];
      plan.followUps.push(effect.run);
      break;
  }
  plan.marks.push(mark);
}
