import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

/** Fixed delay plus uniform jitter (`latency ± jitter` ms) on every hit frame or exchange. */
export interface LatencyFaultSpec extends FaultCommon {
  type: "latency";
  latency: number;
  jitter?: number;
}

/** `latency`: every hit frame or answer arrives `latency ± jitter` ms later. */
export const latency: FaultTypeModule<LatencyFaultSpec> = {
  type: "latency",
  attributes: { latency: "number", jitter: "number" },
  validate(spec, check) {
    if (spec.latency === undefined) check.fail("latency (ms) is required");
    check.number("latency", spec.latency, 0);
    check.number("jitter", spec.jitter, 0);
  },
  hit(fault, { random }) {
    const jitter = fault.jitter ?? 0;
    const ms = Math.max(0, Math.round(fault.latency + (jitter > 0 ? random.float(-jitter, jitter) : 0)));
    return { kind: "delay", ms, effect: `delayed ${ms}ms` };
  },
};
