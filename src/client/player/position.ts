import type { Clock } from "../../clock/index.js";

/** Reports at most this far behind the last estimate are network jitter, not a seek. */
const JITTER_MS = 1_500;

/**
 * Estimates a player's position between the node's `playerUpdate` reports. Anchored to the last
 * known position and the client clock's time when it was learnt (not the node's `state.time`:
 * that would need the two machines' clocks to agree). Speed is the timescale filter's
 * speed × rate, since Lavalink reports positions in track time.
 */
export class PositionTracker {
  private anchorPosition = 0;
  private anchorTime = 0;
  /** Highest value returned since the last seek, so a playing position never goes backwards. */
  private floor = 0;
  /** Track time per wall millisecond. */
  speed = 1;

  constructor(private readonly clock: Clock) {}

  /** Current estimate; `moving` is false while paused or idle; `limit` caps it (track length). */
  read(moving: boolean, limit: number): number {
    let position = this.anchorPosition;
    if (moving) position += (this.clock.now() - this.anchorTime) * this.speed;
    position = Math.min(Math.max(0, Math.floor(position)), limit);
    if (moving) {
      if (position < this.floor) return this.floor;
      this.floor = position;
    }
    return position;
  }

  /** A report from the node: re-anchor, unless it is a little behind what we already showed. */
  sync(position: number): void {
    this.anchorTime = this.clock.now();
    this.anchorPosition = position;
    // A report far behind the floor is a seek made elsewhere: accept it and let the floor go.
    if (position < this.floor - JITTER_MS) this.floor = position;
  }

  /** A known jump (seek, new track, move): re-anchor and forget the floor. */
  reset(position: number): void {
    this.anchorTime = this.clock.now();
    this.anchorPosition = position;
    this.floor = position;
  }

  /** Freezes the estimate at its current value (pausing), or restarts it from there (resuming). */
  rebase(moving: boolean, limit: number): void {
    const position = this.read(moving, limit);
    this.anchorTime = this.clock.now();
    this.anchorPosition = position;
  }
}
