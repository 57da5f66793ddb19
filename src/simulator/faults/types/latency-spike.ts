import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

/** A latency spike: `baseLatency` (default 10 ms) × a factor drawn from [minFactor, maxFactor] (5..20). */
export interface LatencySpikeFaultSpec extends FaultCommon {
  type: "latency-spike";
  baseLatency?: number;
  minFactor?: number;
  maxFactor?: number;
}

/** `latency-spike`: a delay of the baseline × a drawn factor (the seed's `latencySpike` knob). */
export const latencySpike: FaultTypeModule<LatencySpikeFaultSpec> = {
  type: "latency-spike",
  attributes: { baseLatency: "number", minFactor: "number", maxFactor: "number" },
  validate(spec, check) {
    check.number("baseLatency", spec.baseLatency, 0);
    check.number("minFactor", spec.minFactor, 0);
    check.number("maxFactor", spec.maxFactor, spec.minFactor ?? 0);
    if (spec.maxFactor === undefined && (spec.minFactor ?? 5) > 20) {
      check.fail(`minFactor ${spec.minFactor} exceeds the default maxFactor 20; set maxFactor too`);
    }
  },
  hit(fault, { random }) {
    const base = fault.baseLatency ?? 10;
    const factor = random.float(fault.minFactor ?? 5, fault.maxFactor ?? 20);
    const ms = Math.round(base * factor);
    return { kind: "delay", ms, effect: `delayed ${ms}ms (spike x${factor.toFixed(1)})` };
  },
};
