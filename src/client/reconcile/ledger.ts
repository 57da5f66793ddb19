import type { Track as LavalinkTrack } from "../../protocol/index.js";
import type { Track } from "../track.js";

/** Same track on the wire: Lavalink re-encodes a track with its position, so compare its source. */
export function sameTrack(a: { info: LavalinkTrack["info"] }, b: { info: LavalinkTrack["info"] }): boolean {
  return a.info.identifier === b.info.identifier && a.info.sourceName === b.info.sourceName;
}

/**
 * What one player told its listeners about the track playing now, so that an event the client
 * already reported from the node's truth (reconciliation) is not reported a second time when the
 * node's own frame turns up late: a replayed `TrackEndEvent` must not advance the queue again, a
 * delayed `TrackStartEvent` must not start the track twice in the listeners' eyes.
 *
 * Frames of one session arrive in the order the node sent them, so a late end of track A always
 * comes before the start of whatever followed A: the first real start clears the ends waiting
 * for their late copy.
 */
export class PlaybackLedger {
  /** The track the client last sent to play (a new playback), until the next one. */
  private playback: Track | null = null;
  /** Whether `trackStart` was emitted for that playback (by the node's frame or by reconciliation). */
  private startReported = false;
  /** A start reconciliation reported whose frame has not come (the frame is dropped when it does). */
  private adoptedStart: Track | null = null;
  /** Tracks whose end reconciliation reported; their own TrackEndEvent, should it come, is dropped. */
  private readonly reportedEnds: Track[] = [];

  /** The client is about to send `track` to play from its start: a new playback. */
  begin(track: Track): void {
    this.playback = track;
    this.startReported = false;
  }

  /** True when `track` is the playback the client sent and no `trackStart` was emitted for it yet. */
  awaitsStart(track: Track): boolean {
    return this.playback === track && !this.startReported;
  }

  /** True when `trackStart` was emitted for the current playback and it is `track`. */
  startReportedFor(track: { info: LavalinkTrack["info"] }): boolean {
    return this.startReported && this.playback !== null && sameTrack(this.playback, track);
  }

  /** Reconciliation found `track` playing on the node and reports its start. */
  adoptStart(track: Track): void {
    this.startReported = true;
    this.adoptedStart = track;
  }

  /** `trackStart` was already emitted for `track` (the node's own frame was reported). */
  noteStarted(track: Track): void {
    this.playback = track;
    this.startReported = true;
  }

  /**
   * The node's TrackStartEvent for `track` arrived. Returns false when it is the late copy of a
   * start reconciliation already reported (emit nothing then).
   */
  takeStart(track: Track): boolean {
    this.reportedEnds.length = 0;
    const duplicate = this.adoptedStart !== null && sameTrack(this.adoptedStart, track);
    this.adoptedStart = null;
    if (this.playback === track) this.startReported = true;
    return !duplicate;
  }

  /** Reconciliation reports the end of `track` (its TrackEndEvent was lost, or is late). */
  reportEnd(track: Track): void {
    this.reportedEnds.push(track);
    if (this.adoptedStart === track) this.adoptedStart = null;
  }

  /**
   * The node's TrackEndEvent for `track` arrived. Returns false when its end was already reported
   * (emit nothing and do not advance the queue).
   */
  takeEnd(track: { info: LavalinkTrack["info"] }): boolean {
    const index = this.reportedEnds.findIndex((t) => sameTrack(t, track));
    if (index === -1) return true;
    this.reportedEnds.splice(index, 1);
    return false;
  }
}
