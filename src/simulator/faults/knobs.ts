import { FaultError } from "./errors.js";
import type { FaultSpec } from "./registry.js";
import type { FaultKnobs } from "./types.js";

/** Ids the knobs' faults are registered under (so `enable` can replace them and `disable` remove them). */
export const KNOB_IDS = {
  packetLoss: "knob:packetLoss",
  latencySpike: "knob:latencySpike",
  connectionDrop: "knob:connectionDrop",
} as const;

/** Options of the seed's knobs beyond the three probabilities. */
export interface KnobOptions {
  /** The simulated baseline latency a spike multiplies (default 10 ms). */
  baseLatency?: number;
}

function probability(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new FaultError("FAULT_INVALID", `${name} must be a probability from 0 to 1, got ${String(value)}`);
  }
  return value;
}

/**
 * Maps the three knobs onto faults: `packetLoss` → `packet-loss` (WS and REST), `latencySpike` →
 * `latency-spike` of 5–20× the baseline (WS and REST), `connectionDrop` → `reset` on WS frames.
 * A knob that is absent or 0 adds nothing.
 */
export function knobFaults(knobs: FaultKnobs & KnobOptions): FaultSpec[] {
  if (typeof knobs !== "object" || knobs === null) {
    throw new FaultError(
      "FAULT_INVALID",
      `expected { packetLoss, latencySpike, connectionDrop }, got ${String(knobs)}`,
    );
  }
  for (const key of Object.keys(knobs)) {
    if (!["packetLoss", "latencySpike", "connectionDrop", "baseLatency"].includes(key)) {
      throw new FaultError(
        "FAULT_INVALID",
        `unknown knob ${JSON.stringify(key)}; use packetLoss, latencySpike, connectionDrop (and baseLatency)`,
      );
    }
  }
  const specs: FaultSpec[] = [];
  if (knobs.packetLoss !== undefined && probability("packetLoss", knobs.packetLoss) > 0) {
    specs.push({ id: KNOB_IDS.packetLoss, type: "packet-loss", toxicity: knobs.packetLoss });
  }
  if (knobs.latencySpike !== undefined && probability("latencySpike", knobs.latencySpike) > 0) {
    specs.push({
      id: KNOB_IDS.latencySpike,
      type: "latency-spike",
      toxicity: knobs.latencySpike,
      ...(knobs.baseLatency === undefined ? {} : { baseLatency: knobs.baseLatency }),
    });
  }
  if (knobs.connectionDrop !== undefined && probability("connectionDrop", knobs.connectionDrop) > 0) {
    specs.push({ id: KNOB_IDS.connectionDrop, type: "reset", scope: "ws", toxicity: knobs.connectionDrop });
  }
  return specs;
}
