import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

/** An abrupt connection reset: the socket is destroyed (no close frame, no HTTP answer). */
export interface ResetFaultSpec extends FaultCommon {
  type: "reset";
}

/** `reset`: the socket is destroyed at once, like a crashed peer (the `connectionDrop` knob). */
export const reset: FaultTypeModule<ResetFaultSpec> = {
  type: "reset",
  attributes: {},
  validate() {},
  hit(_fault, { rest }) {
    return { kind: "end", end: { afterMs: 0 }, effect: rest ? "connection reset" : "dropped connection" };
  },
};
