/**
 * Pure text rendering for `sonora demo`: times, the progress bar, the now-playing line, event lines
 * and the summary. No I/O here, so every function is unit-tested on its exact output.
 *
 * Widths are terminal columns, not characters: a CJK character or an emoji takes two columns, a
 * combining mark none. Counting characters made a CJK title overflow a narrow terminal, and each
 * redraw of the wrapped line left a stale copy above it.
 */
import stringWidth from "string-width";

/** Lavalink reports live streams with this length (2^63, beyond a safe integer). */
const STREAM_THRESHOLD = Number.MAX_SAFE_INTEGER;

/**
 * Formats milliseconds as `m:ss` (or `h:mm:ss` from one hour on). Negative or non-finite values
 * count as 0; lengths of live streams (Lavalink's 2^63) render as `LIVE`.
 */
export function formatTime(ms: number): string {
  if (ms >= STREAM_THRESHOLD) return "LIVE";
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/**
 * A bar of `width` cells (at least 1) filled in proportion to position / length, clamped to
 * [0, width]: `[██████░░░░]`. A live stream (or unknown length ≤ 0) has no proportion and shows
 * `LIVE` centred in the bar instead.
 */
export function progressBar(position: number, length: number, width = 20): string {
  const cells = Math.max(1, Math.floor(Number.isFinite(width) ? width : 1));
  if (!(length > 0) || length >= STREAM_THRESHOLD) {
    const label = cells >= 4 ? "LIVE" : "";
    const left = Math.floor((cells - label.length) / 2);
    return `[${"─".repeat(left)}${label}${"─".repeat(cells - left - label.length)}]`;
  }
  const ratio = Number.isFinite(position) ? position / length : 0;
  const filled = Math.min(cells, Math.max(0, Math.round(ratio * cells)));
  return `[${"█".repeat(filled)}${"░".repeat(cells - filled)}]`;
}

/** How many terminal columns `text` takes (wide CJK and emoji count 2, zero-width marks 0). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Splits text into what a reader sees as characters, so a cut never splits an emoji or an accent. */
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Shortens `text` to at most `max` terminal columns, ending in `…` (one column) when cut. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  if (max <= 0) return "";
  let kept = "";
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment);
    if (width + w > max - 1) break;
    kept += segment;
    width += w;
  }
  return `${kept}…`;
}

/** What the now-playing line shows. */
export interface NowPlaying {
  title: string;
  author: string;
  position: number;
  length: number;
  paused: boolean;
  /** Playback speed (timescale speed × rate); shown when not 1. */
  speed: number;
}

/**
 * `▶ Title — Artist  [██████░░░░] 1:23 / 3:45`, with `⏸` when paused, `×1.25` when the speed is not
 * 1 and `LIVE` for streams. Never wider than `columns - 1` terminal columns (the title and artist
 * are shortened), so it never wraps and a terminal can redraw it in place with `\r`.
 */
export function nowPlayingLine(np: NowPlaying, columns = 100, barWidth = 20): string {
  const live = np.length >= STREAM_THRESHOLD;
  const time = live
    ? `${formatTime(np.position)} LIVE`
    : `${formatTime(np.position)} / ${formatTime(np.length)}`;
  const speed = np.speed !== 1 ? `  ×${Number(np.speed.toFixed(2))}` : "";
  const tail = `  ${progressBar(np.position, np.length, barWidth)} ${time}${speed}`;
  // string-width counts ▶ and ⏸ as emoji (2 columns); many terminals draw them in 1. Measuring the
  // prefix rather than assuming its width errs on the safe side: at worst one column stays empty.
  const prefix = `${np.paused ? "⏸" : "▶"} `;
  const room = Math.max(0, columns - 1 - displayWidth(tail) - displayWidth(prefix));
  const label = truncate(`${np.title} — ${np.author}`, room);
  return truncate(`${prefix}${label}${tail}`, Math.max(1, columns - 1));
}

/** The terminal colours the demo uses. */
export type Colour = "green" | "yellow" | "cyan" | "magenta" | "red" | "dim" | "bold";

const CODES: Readonly<Record<Colour, string>> = {
  green: "32",
  yellow: "33",
  cyan: "36",
  magenta: "35",
  red: "31",
  dim: "2",
  bold: "1",
};

/** Wraps `text` in an ANSI colour when `enabled`; returns it unchanged otherwise. */
export function paint(text: string, colour: Colour, enabled: boolean): string {
  return enabled ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

/**
 * Whether to colour output. `FORCE_COLOR` decides when set, as in Node and most CLIs: `0` or
 * `false` means never, anything else (`1`, `2`, `3`, `true`, empty) means always, even into a pipe.
 * Otherwise: only on a terminal, and never when `NO_COLOR` is set to anything non-empty
 * (https://no-color.org).
 */
export function useColour(
  isTTY: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  return isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "");
}

/**
 * One event line: `[ 1:23] trackStart      Title — Artist`. The time is simulated time since the
 * demo started (the clock the node and the client share), so it reads the same at any speed.
 */
export function eventLine(
  elapsedMs: number,
  kind: string,
  text: string,
  colour: Colour,
  coloured: boolean,
): string {
  const stamp = paint(`[${formatTime(elapsedMs).padStart(5)}]`, "dim", coloured);
  return `${stamp} ${paint(kind.padEnd(17), colour, coloured)}${text}`;
}

/** What `sonora demo` reports at the end (also returned by `runDemo`). */
export interface DemoSummary {
  /** TrackStart events seen. */
  tracksPlayed: number;
  /** Tracks autoplay chose. */
  autoplayPicks: number;
  /** Client events seen, by name. */
  events: Record<string, number>;
  /** Reconnect attempts. */
  reconnects: number;
  /** Whether the node resumed the session after the dropped connection. */
  resumed: boolean;
  /** Simulated time the demo covered, ms. */
  simulatedMs: number;
  /** Wall time the demo took, ms. */
  elapsedMs: number;
}

/** The closing summary, one fact per line. */
export function summaryLines(s: DemoSummary, coloured: boolean): string[] {
  const events = Object.entries(s.events)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return [
    paint("Summary", "bold", coloured),
    `  tracks played   ${s.tracksPlayed} (${s.autoplayPicks} chosen by autoplay)`,
    `  events          ${events}`,
    `  reconnects      ${s.reconnects}`,
    `  resumed         ${s.resumed ? "yes" : "no"}`,
    `  elapsed         ${seconds(s.elapsedMs)} (${formatTime(s.simulatedMs)} of simulated playback time)`,
  ];
}
