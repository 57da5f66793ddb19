import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

/** A WebSocket closed by the node with a close frame (default 1011 "Internal server error"). */
export interface WsCloseFaultSpec extends FaultCommon {
  type: "ws-close";
  code?: number;
  reason?: string;
}

function validCloseCode(code: number): boolean {
  // What the ws library (and RFC 6455) lets an endpoint send in a close frame.
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999)
  );
}

/** `ws-close`: the node closes the WebSocket with a proper close frame. */
export const wsClose: FaultTypeModule<WsCloseFaultSpec> = {
  type: "ws-close",
  attributes: { code: "number", reason: "string" },
  fixedScope: "ws",
  validate(spec, check) {
    if (spec.code !== undefined && (!Number.isInteger(spec.code) || !validCloseCode(spec.code))) {
      check.fail(`code ${String(spec.code)} cannot be sent in a close frame; use 1000-1014 or 3000-4999`);
    }
    if (spec.reason !== undefined && Buffer.byteLength(spec.reason) > 123) {
      check.fail("reason must fit in 123 bytes (a close frame's payload limit)");
    }
  },
  applies: (unit) => unit.channel === "ws",
  hit(fault) {
    const code = fault.code ?? 1011;
    return {
      kind: "end",
      end: { afterMs: 0, closeFrame: { code, reason: fault.reason ?? "Internal server error" } },
      effect: `closed ${code}`,
    };
  },
};
