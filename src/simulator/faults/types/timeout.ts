import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

/**
 * A black hole: the node stops sending (WS: no more frames; REST: no answer). With `timeout` > 0
 * the connection is destroyed after that many ms; with 0 (default) it is held until the client gives up.
 */
export interface TimeoutFaultSpec extends FaultCommon {
  type: "timeout";
  timeout?: number;
}

/** `timeout`: a black hole, destroyed after `timeout` ms or held. */
export const timeout: FaultTypeModule<TimeoutFaultSpec> = {
  type: "timeout",
  attributes: { timeout: "number" },
  validate(spec, check) {
    check.number("timeout", spec.timeout, 0);
  },
  hit(fault) {
    const after = fault.timeout ?? 0;
    return {
      kind: "end",
      end: { afterMs: after > 0 ? after : null },
      effect: after > 0 ? `blackholed, connection destroyed after ${after}ms` : "blackholed",
    };
  },
};
