import {
  type Colour,
  type DemoSummary,
  eventLine,
  type NowPlaying,
  nowPlayingLine,
  summaryLines,
  useColour,
} from "./render.js";

/** Where the demo writes: `process.stdout`, or anything with `write` (tests capture it). */
export interface DemoOutput {
  write(chunk: string): unknown;
  /** True on a terminal: the now-playing line is redrawn in place and colours are allowed. */
  isTTY?: boolean;
  /** Terminal width in columns (default 100). */
  columns?: number;
}

/** Default percentage step of the progress lines printed when the output is not a terminal. */
export const DEFAULT_PROGRESS_EVERY = 25;

/**
 * The demo's screen. On a terminal, one now-playing line is redrawn in place (`\r`) under the
 * event lines; elsewhere (CI logs, pipes) a plain progress line is printed each time playback
 * crosses another `progressEvery` % of the track, and no control characters are written at all.
 */
export class DemoView {
  readonly coloured: boolean;
  private readonly tty: boolean;
  private readonly columns: number;
  /** What the in-place line currently shows ("" = nothing drawn). */
  private drawn = "";
  /** Per track: the last progress bucket printed (non-TTY). */
  private bucketTrack: string | null = null;
  private bucket = 0;

  constructor(
    private readonly out: DemoOutput,
    env: Readonly<Record<string, string | undefined>>,
    private readonly progressEvery = DEFAULT_PROGRESS_EVERY,
  ) {
    this.tty = out.isTTY === true;
    this.coloured = useColour(out.isTTY, env);
    // A narrow terminal is honoured as it is: assuming 100 columns there wraps the line.
    this.columns = out.columns !== undefined && out.columns >= 1 ? Math.floor(out.columns) : 100;
  }

  /** A plain line (headers, notes). */
  line(text: string): void {
    this.clear();
    this.out.write(`${text}\n`);
  }

  /** One event line, timestamped with simulated time. */
  event(elapsedMs: number, kind: string, text: string, colour: Colour): void {
    this.line(eventLine(elapsedMs, kind, text, colour, this.coloured));
  }

  /**
   * Shows the playing track (`key` identifies it, so progress steps restart with each track);
   * null when nothing plays.
   */
  nowPlaying(key: string | null, np: NowPlaying | null): void {
    if (key === null || np === null) {
      this.clear();
      return;
    }
    const text = nowPlayingLine(np, this.columns);
    if (this.tty) {
      if (text === this.drawn) return;
      this.out.write(`\r${text}\u001b[K`);
      this.drawn = text;
      return;
    }
    if (key !== this.bucketTrack) {
      this.bucketTrack = key;
      this.bucket = 0;
    }
    if (!(np.length > 0) || np.length >= Number.MAX_SAFE_INTEGER) return;
    const bucket = Math.floor(((np.position / np.length) * 100) / this.progressEvery);
    if (bucket > this.bucket && bucket * this.progressEvery < 100) {
      this.bucket = bucket;
      this.out.write(`  ${text}\n`);
    }
  }

  /** The closing summary. */
  summary(s: DemoSummary): void {
    this.line("");
    for (const l of summaryLines(s, this.coloured)) this.line(l);
  }

  /** Removes the in-place line so the next line starts at column 0. */
  clear(): void {
    if (this.drawn === "") return;
    this.out.write("\r\u001b[K");
    this.drawn = "";
  }
}
