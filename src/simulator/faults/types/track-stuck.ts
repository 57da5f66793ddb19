import type { FaultCommon } from "../common.js";
import type { FaultTypeModule } from "../fault-type.js";
import { isTrackStart, onTrackLater } from "../player-faults.js";

/** The playing track gets stuck; decided per `TrackStartEvent`, freezes `afterMs` later. */
export interface TrackStuckFaultSpec extends FaultCommon {
  type: "track-stuck";
  thresholdMs?: number;
  afterMs?: number;
}

/** `track-stuck`: the track that started freezes `afterMs` later; TrackStuckEvent `thresholdMs` after that. */
export const trackStuck: FaultTypeModule<TrackStuckFaultSpec> = {
  type: "track-stuck",
  attributes: { thresholdMs: "number", afterMs: "number" },
  fixedScope: "ws",
  validate(spec, check) {
    check.number("afterMs", spec.afterMs, 0);
    check.number("thresholdMs", spec.thresholdMs, 0);
  },
  applies: isTrackStart,
  hit(fault, { random }) {
    const afterMs = fault.afterMs ?? random.int(1_000, 30_000);
    return {
      kind: "followUp",
      effect: `track stuck in ${afterMs}ms`,
      run: (context) => onTrackLater(context, afterMs, (player) => player.injectStuck(fault.thresholdMs)),
    };
  },
};
