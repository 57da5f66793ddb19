import type { Clock } from "../../base/clock/index.js";

/** Reports at most this far behind the last estimate are network jitter, not a seek. */
const JITTER_MS = 1_500;
/** How old a report's node timestamp may be before it is distrusted (clock skew or a stalled socket). */
const MAX_REPORT_AGE_MS = 10_000;

/**
 * Estimates a player's position between the node's `playerUpdate` reports.
 *
 * Anchored to the last reported position at the node's `state.time`, clamped (when read) into
 * [now − 10 s, now] on the client clock: a report delivered late still counts from when it was
 * true, while a node clock running ahead of ours (or far behind) cannot push the estimate past
 * what the client has seen happen. Clamping when reading rather than when receiving keeps a clock
 * read off the per-frame hot path; since a playing player gets a report every 5 s, the two agree.
 *
 * Speed is the timescale filter's speed × rate, since Lavalink reports positions in track time.
 */
export class PositionTracker {
  private anchorPosition = 0;
  private anchorTime: number;
  /** Highest value returned since the last seek, so a playing position never goes backwards. */
  private floor = 0;
  /**
   * Node timestamp of the newest report or answer applied. A report stamped earlier was sent before
   * it (a playerUpdate overtaken by a seek's REST answer: separate connections) and is stale.
   * −∞ after a reset on the client's own clock, whose timestamps cannot be compared with the node's.
   */
  private newest = Number.NEGATIVE_INFINITY;
  /** Client clock when the anchor was set (a report's arrival, or a reset). */
  private anchoredAt: number;
  /** Track time per wall millisecond. */
  speed = 1;

  constructor(private readonly clock: Clock) {
    this.anchorTime = clock.now();
    this.anchoredAt = this.anchorTime;
  }

  /**
   * Where playback stands by now if it went on since the last report: the reported position plus
   * all the time elapsed since (scaled by speed), counted from the later of the report's node time
   * and its arrival, so a node clock far behind ours cannot inflate it. Unlike {@link read}, a
   * report older than 10 s is not distrusted: after a drop the client hears nothing for a while,
   * and this is the estimate of how far the node got meanwhile (failover, reconciliation).
   * With `at` (a client clock time), where playback stood then.
   */
  project(moving: boolean, limit: number, at?: number): number {
    if (at !== undefined) return this.projectAt(moving, limit, at);
    const now = this.clock.now();
    return Math.max(this.read(moving, limit, now), this.projectAt(moving, limit, now));
  }

  /** {@link project} by client clock time `now`, read once by the caller (the per-frame path). */
  projectNow(moving: boolean, limit: number, now: number): number {
    return Math.max(this.read(moving, limit, now), this.projectAt(moving, limit, now));
  }

  private projectAt(moving: boolean, limit: number, now: number): number {
    let position = this.anchorPosition;
    if (moving) {
      const from = Math.min(now, Math.max(this.anchorTime, this.anchoredAt - MAX_REPORT_AGE_MS));
      position += (now - from) * this.speed;
    }
    return Math.min(Math.max(0, Math.floor(position)), limit);
  }

  /** Current estimate; `moving` is false while paused or idle; `limit` caps it (track length). */
  read(moving: boolean, limit: number, at?: number): number {
    let position = this.anchorPosition;
    if (moving) {
      const now = at ?? this.clock.now();
      const anchor = Math.min(now, Math.max(now - MAX_REPORT_AGE_MS, this.anchorTime));
      position += (now - anchor) * this.speed;
    }
    position = Math.min(Math.max(0, Math.floor(position)), limit);
    if (moving) {
      if (position < this.floor) return this.floor;
      this.floor = position;
    }
    return position;
  }

  /**
   * A report from the node (`time`: the node's timestamp of it). Re-anchors, keeping the floor
   * unless the report is far behind it (a seek made elsewhere).
   */
  sync(position: number, time?: number, now = this.clock.now()): void {
    if (time !== undefined) {
      if (time < this.newest) return;
      this.newest = time;
    }
    this.anchorTime = time ?? now;
    this.anchoredAt = now;
    this.anchorPosition = position;
    if (position < this.floor - JITTER_MS) this.floor = position;
  }

  /** A known jump (seek, new track, move): re-anchor and forget the floor. */
  reset(position: number, time?: number): void {
    this.newest = time ?? Number.NEGATIVE_INFINITY;
    this.anchorTime = time ?? this.clock.now();
    this.anchoredAt = this.clock.now();
    this.anchorPosition = position;
    this.floor = position;
  }
}
