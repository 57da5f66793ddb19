/** Frames a resumable session holds by default while it waits (Lavalink's queue has no bound). */
export const DEFAULT_MAX_QUEUED_FRAMES = 10_000;
/** Characters of frames a resumable session holds by default (8 Mi). */
export const DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024;

/**
 * The frames a disconnected resumable session keeps for its client, oldest first, bounded by a
 * frame count and a size (in characters of frame text). Beyond either bound the oldest frames go:
 * a client that comes back after a long absence misses the start of what happened, which it
 * recovers from anyway by fetching the players, while the server's memory stays bounded.
 */
export class ResumeQueue {
  private frames: string[] = [];
  private head = 0;
  private chars = 0;

  constructor(
    private readonly maxFrames: number,
    private readonly maxBytes: number,
  ) {}

  /** Frames held right now. */
  get length(): number {
    return this.frames.length - this.head;
  }

  /** Adds a frame; returns the frames dropped to stay within the bounds (oldest first). */
  push(text: string): string[] {
    this.frames.push(text);
    this.chars += text.length;
    const dropped: string[] = [];
    while (this.length > 0 && (this.length > this.maxFrames || this.chars > this.maxBytes)) {
      const oldest = this.frames[this.head] as string;
      (this.frames as (string | undefined)[])[this.head] = undefined;
      this.head++;
      this.chars -= oldest.length;
      dropped.push(oldest);
    }
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
    return dropped;
  }

  /** Takes every frame out, oldest first. */
  drain(): string[] {
    const out = this.frames.slice(this.head);
    this.clear();
    return out;
  }

  clear(): void {
    this.frames = [];
    this.head = 0;
    this.chars = 0;
  }
}
