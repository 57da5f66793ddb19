import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

/** A bandwidth limit: each hit frame or body takes `size / rate` seconds. */
export interface BandwidthFaultSpec extends FaultCommon {
  type: "bandwidth";
  /** Bytes per second. */
  rate: number;
}

/** `bandwidth`: a delay of the payload's UTF-8 size over `rate`. */
export const bandwidth: FaultTypeModule<BandwidthFaultSpec> = {
  type: "bandwidth",
  attributes: { rate: "number" },
  validate(spec, check) {
    if (spec.rate === undefined) check.fail("rate (bytes per second) is required");
    check.number("rate", spec.rate, Number.MIN_VALUE);
  },
  hit(fault, { unit }) {
    // Measured only on a hit: traffic the fault lets through costs no byte count.
    const bytes = unit.payload === undefined ? 0 : Buffer.byteLength(unit.payload);
    const ms = Math.ceil((bytes / fault.rate) * 1000);
    return { kind: "delay", ms, effect: `delayed ${ms}ms (${bytes} bytes at ${fault.rate} B/s)` };
  },
};
