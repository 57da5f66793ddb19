import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";

/** A REST answer replaced by a 5xx (default 503) with Lavalink's error body. */
export interface RestErrorFaultSpec extends FaultCommon {
  type: "rest-error";
  status?: number;
  message?: string;
}

/**
 * `rest-error`: upstream, the node answers with the error instead of handling the request;
 * downstream, the node handled it but the client gets the error.
 */
export const restError: FaultTypeModule<RestErrorFaultSpec> = {
  type: "rest-error",
  attributes: { status: "number", message: "string" },
  defaultDirection: "upstream",
  fixedScope: "rest",
  validate(spec, check) {
    check.number("status", spec.status, 400, 599);
    if (spec.status !== undefined && !Number.isInteger(spec.status)) {
      check.fail(`status must be an integer HTTP status, got ${spec.status}`);
    }
  },
  applies: (unit) => unit.channel === "rest",
  hit(fault) {
    const status = fault.status ?? 503;
    return { kind: "answer", status, message: fault.message, effect: String(status) };
  },
};
