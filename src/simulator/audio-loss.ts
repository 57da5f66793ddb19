/** lavaplayer's frame count per minute (20 ms packets); `EXPECTED_FRAMES_PER_MINUTE` in the protocol. */
const ACCEPTABLE_TRACK_SWITCH_MS = 100;
const NEVER = Number.MAX_SAFE_INTEGER;

/**
 * When a player's frame counts may enter `frameStats`, as Lavalink's AudioLossCounter decides it: a
 * player counts only once it has played without a gap (beyond a 100 ms track switch) since before
 * the start of the last full clock minute — so not during its first full minute.
 */
export class AudioLossWindow {
  private playingSince = NEVER;
  private lastStarted = NEVER / 2;
  private lastEnded = NEVER;

  /** TrackStartEvent or PlayerResumeEvent. */
  started(now: number): void {
    this.lastStarted = now;
    if (this.lastStarted - this.lastEnded > ACCEPTABLE_TRACK_SWITCH_MS || this.playingSince === NEVER) {
      this.playingSince = now;
      this.lastEnded = NEVER;
    }
  }

  /** TrackEndEvent or PlayerPauseEvent. */
  ended(now: number): void {
    this.lastEnded = now;
  }

  /** AudioLossCounter.isDataUsable at `now`. */
  usable(now: number): boolean {
    if (this.lastStarted - this.lastEnded > ACCEPTABLE_TRACK_SWITCH_MS && this.lastEnded !== NEVER)
      return false;
    const lastMinute = Math.floor(now / 60_000) - 1;
    return this.playingSince < lastMinute * 60_000;
  }
}
