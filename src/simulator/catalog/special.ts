import type { LavalinkException } from "../../protocol/index.js";

/** Prefix of the catalog's special identifiers (see docs/catalog.md). */
export const SPECIAL_PREFIX = "sonora:";
/** `sourceName` of the tracks special identifiers load: the simulator's own virtual source. */
export const SPECIAL_SOURCE = "sonora";
/** lavaplayer's default `trackStuckThresholdMs` (Lavalink's `lavalink.server.trackStuckThresholdMs`). */
export const DEFAULT_STUCK_THRESHOLD_MS = 10_000;
/** Length of exception/stuck/loadfail test tracks when the identifier names none. */
export const DEFAULT_SPECIAL_LENGTH_MS = 180_000;

/** A parsed `sonora:` identifier. `length` is undefined when the identifier leaves it to the seed. */
export type SpecialSpec =
  | { kind: "track"; length: number | undefined }
  | { kind: "stream" }
  | { kind: "loadfail"; length: number | undefined }
  | { kind: "exception"; atMs: number; length: number | undefined }
  | { kind: "stuck"; atMs: number; thresholdMs: number | undefined; length: number | undefined }
  | { kind: "error"; message: string }
  | { kind: "empty" }
  | { kind: "playlist"; count: number }
  | { kind: "search"; count: number };

const MAX_COUNT = 10_000;
/** kind, optional @at[/threshold], optional :number; an optional #label makes otherwise equal ids distinct. */
const GRAMMAR = /^sonora:([a-z]+)(?:@(\d{1,15})(?:\/(\d{1,15}))?)?(?::(\d{1,15}))?(?:#.*)?$/s;

/**
 * Parses a special identifier; `undefined` when `identifier` is not one (or is malformed, which the
 * catalog answers with an `error` load result naming the problem — see {@link specialSyntaxError}).
 */
export function parseSpecial(identifier: string): SpecialSpec | undefined {
  if (!identifier.startsWith(SPECIAL_PREFIX)) return undefined;
  if (identifier.startsWith(`${SPECIAL_PREFIX}error`)) {
    const rest = identifier.slice(`${SPECIAL_PREFIX}error`.length);
    if (rest === "") return { kind: "error", message: "Simulated load failure" };
    if (rest.startsWith(":")) return { kind: "error", message: rest.slice(1) || "Simulated load failure" };
    return undefined;
  }
  const match = GRAMMAR.exec(identifier);
  if (match === null) return undefined;
  const [, kind, at, threshold, number] = match;
  const atMs = at === undefined ? undefined : Number(at);
  const num = number === undefined ? undefined : Number(number);
  switch (kind) {
    case "track":
      return atMs === undefined ? { kind, length: num } : undefined;
    case "stream":
    case "empty":
      return atMs === undefined && num === undefined ? { kind } : undefined;
    case "loadfail":
      return atMs === undefined ? { kind, length: num } : undefined;
    case "exception":
      return atMs !== undefined && threshold === undefined ? { kind, atMs, length: num } : undefined;
    case "stuck":
      return atMs === undefined
        ? undefined
        : {
            kind,
            atMs,
            // Without one, the node's own `trackStuckThresholdMs` applies (a server setting in Lavalink).
            thresholdMs: threshold === undefined ? undefined : Number(threshold),
            length: num,
          };
    case "playlist":
    case "search":
      if (atMs !== undefined || (num !== undefined && num > MAX_COUNT)) return undefined;
      return { kind, count: num ?? 10 };
    default:
      return undefined;
  }
}

/** The message of the `error` load result a malformed `sonora:` identifier gets. */
export function specialSyntaxError(identifier: string): string {
  return (
    `Unknown special identifier ${JSON.stringify(identifier)}: expected sonora:track[:<lengthMs>], ` +
    "sonora:stream, sonora:loadfail, sonora:exception@<atMs>, sonora:stuck@<atMs>[/<thresholdMs>], " +
    "sonora:error[:<message>], sonora:empty, sonora:playlist[:<count>] or sonora:search[:<count>] " +
    "(see docs/catalog.md)"
  );
}

/** Length of a special track: the given one, else the default stretched to outlast the event time. */
export function specialLength(spec: SpecialSpec, drawn: number): number {
  switch (spec.kind) {
    case "track":
      return spec.length ?? drawn;
    case "loadfail":
      return spec.length ?? DEFAULT_SPECIAL_LENGTH_MS;
    case "exception":
    case "stuck":
      return spec.length ?? Math.max(DEFAULT_SPECIAL_LENGTH_MS, spec.atMs + 60_000);
    default:
      return drawn;
  }
}

/** A readable title so event logs show which behaviour a test track carries. */
export function specialTitle(spec: SpecialSpec): string {
  switch (spec.kind) {
    case "track":
      return "Sonora test track";
    case "stream":
      return "Sonora test stream";
    case "loadfail":
      return "Sonora test track (fails to load)";
    case "exception":
      return `Sonora test track (exception at ${spec.atMs} ms)`;
    case "stuck":
      return `Sonora test track (stuck at ${spec.atMs} ms)`;
    default:
      return "Sonora test track";
  }
}

/**
 * The exception a failing special track raises: lavaplayer wraps playback failures in a
 * FriendlyException with this message and severity `fault`; the cause names the identifier.
 */
export function playbackException(identifier: string, atStart: boolean): LavalinkException {
  const cause = atStart
    ? `java.io.IOException: Simulated failure before the first frame (${identifier})`
    : `java.lang.IllegalStateException: Simulated failure during playback (${identifier})`;
  return {
    message: "Something broke when playing the track.",
    severity: "fault",
    cause,
    causeStackTrace: `${cause}\n\tat dev.sonora.simulator.Playback.provide(Playback.kt:1)\n`,
  };
}
