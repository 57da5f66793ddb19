import { createWriteStream, type WriteStream } from "node:fs";
import type { Clock } from "../../base/clock/index.js";
import {
  RECORDING_VERSION,
  type RecordingEntry,
  type RecordingHeader,
  redactBody,
  sessionPseudonym,
} from "../../protocol/recording.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import { CLIENT_NAME } from "../version.js";

/** The client's `record` option: where a session's frames and REST exchanges are written. */
export interface RecordOptions {
  /** File to write the recording to (JSON Lines; replaced if it exists). */
  path: string;
  /**
   * Most bytes waiting to be written before entries are left out (default 8 MiB): a disk that
   * cannot keep up costs lines (counted in a `dropped` entry), never unbounded memory.
   */
  maxBufferedBytes?: number;
}

/** Default of {@link RecordOptions.maxBufferedBytes}. */
export const DEFAULT_RECORD_BUFFER_BYTES = 8 * 1024 * 1024;

/**
 * The `record` option, or `SONORA_RECORD=path` when it is unset (`false` turns both off).
 * @internal
 */
export function resolveRecordOption(
  option: unknown,
  env: string | undefined,
): Required<RecordOptions> | null {
  if (option === false) return null;
  if (option === undefined) {
    return env === undefined || env === ""
      ? null
      : { path: env, maxBufferedBytes: DEFAULT_RECORD_BUFFER_BYTES };
  }
  if (typeof option !== "object" || option === null) {
    throw new InvalidOptionError("record", option, "false or { path, maxBufferedBytes? }");
  }
  const { path, maxBufferedBytes = DEFAULT_RECORD_BUFFER_BYTES } = option as Partial<RecordOptions>;
  if (typeof path !== "string" || path.length === 0) {
    throw new InvalidOptionError("record.path", path, "a file path");
  }
  if (
    typeof maxBufferedBytes !== "number" ||
    !Number.isSafeInteger(maxBufferedBytes) ||
    maxBufferedBytes < 1
  ) {
    throw new InvalidOptionError("record.maxBufferedBytes", maxBufferedBytes, "a whole number of bytes ≥ 1");
  }
  return { path, maxBufferedBytes };
}

/**
 * Writes one client's session to a JSON Lines file (format: src/protocol/recording.ts). Lines go
 * to an append stream, which writes in the background; when more than `maxBufferedBytes` wait,
 * lines are left out and counted instead, so a slow disk never holds the frame path. Not exported
 * by an entry point.
 */
export class SessionRecorder {
  private readonly stream: WriteStream;
  private readonly clockStart: number;
  private dropped = 0;
  private nextId = 1;
  private closed = false;
  /** Real Lavalink session id → pseudonym, across all nodes. */
  private readonly sessions = new Map<string, string>();

  constructor(
    private readonly options: Required<RecordOptions>,
    private readonly clock: Clock,
  ) {
    this.clockStart = clock.now();
    this.stream = createWriteStream(options.path, { flags: "w" });
    // A failed file (bad directory, disk full) must not crash the bot: recording just stops.
    this.stream.on("error", (error) => {
      if (this.closed) return;
      this.closed = true;
      process.emitWarning(`sonora: recording to ${options.path} stopped: ${error.message}`, {
        code: "SONORA_RECORD",
      });
    });
    const header: RecordingHeader = {
      format: "sonora-recording",
      version: RECORDING_VERSION,
      client: CLIENT_NAME,
      startedAt: new Date().toISOString(),
      clockStart: this.clockStart,
    };
    this.stream.write(`${JSON.stringify(header)}\n`);
  }

  /** The recorder of one node. */
  forNode(name: string): NodeRecorder {
    return new NodeRecorder(name, this);
  }

  /** Bytes written but not yet on disk. */
  get pendingBytes(): number {
    return this.stream.writableLength;
  }

  /** Milliseconds since the recording started. */
  now(): number {
    return this.clock.now() - this.clockStart;
  }

  /** A new request id. */
  nextRequestId(): number {
    return this.nextId++;
  }

  /** The pseudonym of a Lavalink session id (a new one for an id not seen before). */
  pseudonym(sessionId: string): string {
    let name = this.sessions.get(sessionId);
    if (name === undefined) {
      name = sessionPseudonym(this.sessions.size + 1);
      this.sessions.set(sessionId, name);
    }
    return name;
  }

  /** `path` with every session id replaced by its pseudonym. */
  redactPath(path: string): string {
    return path.replace(/\/sessions\/([^/?]+)/, (_match, id: string) => `/sessions/${this.pseudonym(id)}`);
  }

  /** Appends one entry (or counts it as dropped when the file is behind). */
  write(entry: RecordingEntry): void {
    if (this.closed) return;
    if (this.stream.writableLength > this.options.maxBufferedBytes) {
      this.dropped++;
      return;
    }
    if (this.dropped > 0) {
      const count = this.dropped;
      this.dropped = 0;
      this.stream.write(`${JSON.stringify({ t: entry.t, node: entry.node, kind: "dropped", count })}\n`);
    }
    this.stream.write(`${JSON.stringify(entry)}\n`);
  }

  /** Flushes what is buffered and closes the file. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => {
      this.stream.end(() => resolve());
      this.stream.once("error", () => resolve());
    });
  }
}

/** What a node records (not exported by an entry point). */
export class NodeRecorder {
  constructor(
    private readonly node: string,
    private readonly session: SessionRecorder,
  ) {}

  /** The node accepted the WebSocket. */
  open(resume: boolean): void {
    this.session.write({ t: this.session.now(), node: this.node, kind: "open", resume });
  }

  /** A text frame from the node. Parsed again here: the cost is paid only while recording. */
  frame(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      frame = text;
    }
    if (isReady(frame)) frame = { ...frame, sessionId: this.session.pseudonym(frame.sessionId) };
    this.session.write({ t: this.session.now(), node: this.node, kind: "frame", frame });
  }

  /** The node's socket closed. */
  close(code: number, reason: string): void {
    this.session.write({ t: this.session.now(), node: this.node, kind: "close", code, reason });
  }

  /** A REST attempt goes out; returns the id its outcome is recorded under. */
  request(method: string, path: string, payload: string | undefined): number {
    const id = this.session.nextRequestId();
    const t = this.session.now();
    const redacted = this.session.redactPath(path);
    const base = { t, node: this.node, kind: "request" as const, id, method, path: redacted };
    this.session.write(payload === undefined ? base : { ...base, body: redactBody(parseOrKeep(payload)) });
    return id;
  }

  /** The answer to request `id`. */
  response(id: number, status: number, body: unknown): void {
    const base = { t: this.session.now(), node: this.node, kind: "response" as const, id, status };
    this.session.write(body === undefined ? base : { ...base, body: redactBody(body) });
  }

  /** Request `id` got no answer. */
  failure(id: number, error: "timeout" | "error"): void {
    this.session.write({ t: this.session.now(), node: this.node, kind: "failure", id, error });
  }
}

function isReady(value: unknown): value is { op: "ready"; sessionId: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { op?: unknown }).op === "ready" &&
    typeof (value as { sessionId?: unknown }).sessionId === "string"
  );
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
