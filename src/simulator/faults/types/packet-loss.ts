import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

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

/** `packet-loss`: retransmission delays, at worst a stalled connection (the `packetLoss` knob). */
export const packetLoss: FaultTypeModule<PacketLossFaultSpec> = {
  type: "packet-loss",
  attributes: { rto: "number", stallAfter: "number" },
  validate(spec, check) {
    check.number("rto", spec.rto, 1);
    check.number("stallAfter", spec.stallAfter, 1);
    if (spec.stallAfter !== undefined && !Number.isInteger(spec.stallAfter)) {
      check.fail(`stallAfter must be an integer, got ${spec.stallAfter}`);
    }
  },
  hit(fault, { random }) {
    // The hit was the first loss; every retransmission is lost again with the same probability.
    const stallAfter = fault.stallAfter ?? 6;
    let rto = fault.rto ?? 200;
    let wait = rto;
    let losses = 1;
    while (losses < stallAfter && random.chance(fault.toxicity)) {
      losses++;
      rto *= 2;
      wait += rto;
    }
    if (losses >= stallAfter) {
      return {
        kind: "end",
        end: { afterMs: wait },
        effect: `stalled: ${losses} losses in a row, connection torn down after ${wait}ms`,
      };
    }
    return {
      kind: "delay",
      ms: wait,
      effect: `delayed ${wait}ms (${losses} retransmission${losses === 1 ? "" : "s"})`,
    };
  },
};
