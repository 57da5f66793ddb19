import type { LavalinkPlayer, TrackEndReason } from "../../protocol/index.js";
import type { Track } from "../track.js";
import { sameTrack } from "./ledger.js";

/** What the client believes of one guild's player when it compares it with the node's truth. */
export interface MirrorView {
  /** The track the client mirrors as loaded on the node, or null. */
  readonly track: Track | null;
  /** The client's estimate says that track played to its end by now. */
  readonly reachedEnd: boolean;
  /** `trackStart` was not emitted yet for the playback the client sent. */
  readonly awaitsStart: boolean;
  /** An auto-advance failed without an answer: the node may or may not play the next track. */
  readonly owesAdvance: boolean;
  /** The first upcoming track of the queue (the one an owed advance would play), or null. */
  readonly nextQueued: Track | null;
}

/** How reconciliation converges one guild on its node's truth. */
export type Convergence =
  /** Mirror and node agree: only re-anchor the position (and report a start that was missed). */
  | { kind: "agree"; reportStart: boolean }
  /** The mirrored track ended on the node and its TrackEndEvent never came: report it, advance once. */
  | { kind: "ended"; track: Track; reason: TrackEndReason }
  /** The node lost the player while a track was mid-way: re-create it where playback stands. */
  | { kind: "recreate" }
  /** A failed auto-advance never reached the node: advance now. */
  | { kind: "advance" }
  /** A failed auto-advance did reach the node (its answer was lost): take the node's track as current. */
  | { kind: "adoptNext"; reportStart: boolean }
  /** The node plays a track the client does not mirror: the node is the truth, mirror it. */
  | { kind: "adoptOther"; reportStart: boolean }
  /** Nothing to do. */
  | { kind: "none" };

/**
 * Compares what the client believes with what the node reports for one guild (`truth`: the node's
 * player, or undefined when the node has none) and says how to converge. Pure; the player acts.
 *
 * A mirrored track the node no longer plays ended there: `finished` when the client's estimate
 * says it reached its end, otherwise `loadFailed` (a track that stops early on its own is one
 * that failed, which is how Lavaplayer ends it too); both let the queue advance, so no track is
 * skipped and none is played twice. A node that lost the player entirely gets it back where
 * playback stands, unless the track had reached its end (then it ended, as above).
 */
export function decideConvergence(view: MirrorView, truth: LavalinkPlayer | undefined): Convergence {
  const playing = truth?.track ?? null;
  const mirrored = view.track;
  if (playing === null) {
    if (mirrored !== null) {
      if (truth === undefined && !view.reachedEnd) return { kind: "recreate" };
      return { kind: "ended", track: mirrored, reason: view.reachedEnd ? "finished" : "loadFailed" };
    }
    return view.owesAdvance ? { kind: "advance" } : { kind: "none" };
  }
  if (mirrored !== null && sameTrack(mirrored, playing)) {
    if (view.owesAdvance && view.nextQueued !== null && sameTrack(view.nextQueued, playing)) {
      // The node's TrackStartEvent already made it the mirrored track; the queue still lags.
      return { kind: "adoptNext", reportStart: false };
    }
    return { kind: "agree", reportStart: view.awaitsStart };
  }
  if (view.owesAdvance && view.nextQueued !== null && sameTrack(view.nextQueued, playing)) {
    return { kind: "adoptNext", reportStart: true };
  }
  return { kind: "adoptOther", reportStart: true };
}
