import type { ExceptionSeverity } from "../../../protocol/index.js";
import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";
import { exceptionOf, isTrackStart, onTrackLater } from "../player-faults.js";

/** The playing track fails; decided per `TrackStartEvent`, fires `afterMs` later (default drawn 1–30 s). */
export interface TrackExceptionFaultSpec extends FaultCommon {
  type: "track-exception";
  message?: string;
  severity?: ExceptionSeverity;
  cause?: string;
  afterMs?: number;
}

/** `track-exception`: the track that started fails `afterMs` later (TrackExceptionEvent, TrackEndEvent). */
export const trackException: FaultTypeModule<TrackExceptionFaultSpec> = {
  type: "track-exception",
  attributes: { message: "string", severity: "string", cause: "string", afterMs: "number" },
  fixedScope: "ws",
  validate(spec, check) {
    check.number("afterMs", spec.afterMs, 0);
    if (spec.severity !== undefined && !["common", "suspicious", "fault"].includes(spec.severity)) {
      check.fail(`severity must be "common", "suspicious" or "fault", got ${String(spec.severity)}`);
    }
  },
  applies: isTrackStart,
  hit(fault, { random }) {
    const afterMs = fault.afterMs ?? random.int(1_000, 30_000);
    return {
      kind: "followUp",
      effect: `track exception in ${afterMs}ms`,
      run: (context) =>
        onTrackLater(context, afterMs, (player) => player.injectException(exceptionOf(fault))),
    };
  },
};
