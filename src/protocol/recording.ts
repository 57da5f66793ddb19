/**
 * The recording format shared by the client's recorder and the simulator's replay: one JSON object
 * per line (JSON Lines). The first line is a {@link RecordingHeader}; every other line is a
 * {@link RecordingEntry} of one node, in the order the client saw them, stamped with the client's
 * clock. Secrets never reach the file: no header is recorded (so no `Authorization`), voice tokens
 * and Discord voice session ids are replaced by {@link REDACTED}, and Lavalink session ids by
 * stable pseudonyms (the first session of a recording is `redacted00000001`, and so on).
 */

/** Version of the recording format this build writes and reads. */
export const RECORDING_VERSION = 1;

/** What replaces a secret in a recording. */
export const REDACTED = "<redacted>";

/** The first line of a recording. */
export interface RecordingHeader {
  /** Always `"sonora-recording"`. */
  format: "sonora-recording";
  /** Version of the format (this build writes and reads 1). */
  version: number;
  /** The recording client's name and version (`Client-Name`). */
  client: string;
  /** Wall-clock start, ISO 8601 (for people; replay uses `t`). */
  startedAt: string;
  /** The client clock's reading when the recording started; every `t` is relative to it. */
  clockStart: number;
}

/** The fields every entry has. */
interface EntryBase {
  /** Milliseconds since the recording started, on the client's clock. */
  t: number;
  /** The client's name of the node. */
  node: string;
}

/** The node accepted a WebSocket (the handshake succeeded). */
export interface OpenEntry extends EntryBase {
  kind: "open";
  /** True when the client asked to resume a session (sent `Session-Id`). */
  resume: boolean;
}

/** A text frame from the node, as received (a `ready` frame's session id is pseudonymised). */
export interface FrameEntry extends EntryBase {
  kind: "frame";
  /** The frame's JSON value (a frame that was not JSON is kept as a string). */
  frame: unknown;
}

/** The node's socket closed (not by the client closing it). */
export interface CloseEntry extends EntryBase {
  kind: "close";
  code: number;
  reason: string;
}

/** A REST request as sent (one per attempt). */
export interface RequestEntry extends EntryBase {
  kind: "request";
  /** Pairs the request with its {@link ResponseEntry} or {@link FailureEntry}. */
  id: number;
  method: string;
  /** Path and query, with session ids pseudonymised. */
  path: string;
  /** The JSON body, voice secrets redacted; absent without a body. */
  body?: unknown;
}

/** The answer to a {@link RequestEntry}. */
export interface ResponseEntry extends EntryBase {
  kind: "response";
  id: number;
  status: number;
  /** The JSON answer, voice secrets redacted; absent for an empty answer. */
  body?: unknown;
}

/** A REST attempt that got no answer. */
export interface FailureEntry extends EntryBase {
  kind: "failure";
  id: number;
  /** `timeout`, or `error` (connection refused, reset, …). */
  error: "timeout" | "error";
}

/** Lines the recorder had to leave out because the file could not keep up. */
export interface DroppedEntry extends EntryBase {
  kind: "dropped";
  /** Number of entries left out just before this one. */
  count: number;
}

/** One line of a recording after the header. */
export type RecordingEntry =
  | OpenEntry
  | FrameEntry
  | CloseEntry
  | RequestEntry
  | ResponseEntry
  | FailureEntry
  | DroppedEntry;

/**
 * A copy of a REST body (request or answer) with voice secrets replaced: the `token` and
 * `sessionId` of every `voice` object at the top level or in an array of players. Other values are
 * returned as they are (not copied).
 */
export function redactBody(body: unknown): unknown {
  if (Array.isArray(body)) return body.some(hasVoiceSecret) ? body.map(redactVoice) : body;
  return hasVoiceSecret(body) ? redactVoice(body) : body;
}

function hasVoiceSecret(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const voice = (value as { voice?: unknown }).voice;
  if (typeof voice !== "object" || voice === null) return false;
  return "token" in voice || "sessionId" in voice;
}

function redactVoice(value: unknown): unknown {
  if (!hasVoiceSecret(value)) return value;
  const object = value as { voice: Record<string, unknown> };
  const voice = { ...object.voice };
  if ("token" in voice) voice.token = REDACTED;
  if ("sessionId" in voice) voice.sessionId = REDACTED;
  return { ...object, voice };
}

/** The pseudonym of the `n`-th (from 1) Lavalink session of a recording: 16 characters, like Lavalink's. */
export function sessionPseudonym(n: number): string {
  return `redacted${String(n).padStart(8, "0")}`;
}

/**
 * JSON with object keys sorted, so that two bodies equal as values compare equal as strings
 * whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
