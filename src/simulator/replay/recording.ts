import {
  type CloseEntry,
  type FailureEntry,
  type FrameEntry,
  RECORDING_VERSION,
  type RecordingEntry,
  type RecordingHeader,
  type RequestEntry,
  type ResponseEntry,
} from "../../protocol/recording.js";
import { SimulatorError } from "../errors.js";

/** Something the replay does at a fixed offset after its anchor. */
export interface ReplayStep {
  /** Milliseconds after the anchor (the handshake or the request). */
  offset: number;
  entry: FrameEntry | CloseEntry | ResponseEntry | FailureEntry;
}

/**
 * A client action of the recording (a WebSocket handshake or a REST request) with what followed it
 * until the next action: the answer and the frames, at their offsets from the action.
 */
export interface ReplayAnchor {
  kind: "open" | "request";
  /** The recorded request (for `kind: "request"`). */
  request?: RequestEntry;
  /** Canonical text of the request's body, for matching (for `kind: "request"`). */
  bodyKey?: string;
  steps: ReplayStep[];
  /** Set once a replayed client action consumed this anchor. */
  used: boolean;
}

/** One node's part of a recording, ready to replay. */
export interface ReplayScript {
  node: string;
  anchors: ReplayAnchor[];
}

/** Parses a recording's text into its header and entries; SIM_INVALID_RECORDING when it is not one. */
export function parseRecording(
  text: string,
  source: string,
): { header: RecordingHeader; entries: RecordingEntry[] } {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const parsed = lines.map((line, index) => {
    try {
      return JSON.parse(line) as unknown;
    } catch (error) {
      throw invalid(source, `line ${index + 1} is not JSON`, error);
    }
  });
  const header = parsed[0] as Partial<RecordingHeader> | undefined;
  if (header?.format !== "sonora-recording") {
    throw invalid(source, 'the first line is not a recording header ({"format":"sonora-recording",…})');
  }
  if (header.version !== RECORDING_VERSION) {
    throw invalid(source, `recording version ${String(header.version)} is not ${RECORDING_VERSION}`);
  }
  const entries = parsed.slice(1).map((value, index) => {
    const entry = value as Partial<RecordingEntry> | null;
    if (
      typeof entry !== "object" ||
      entry === null ||
      typeof entry.t !== "number" ||
      typeof entry.node !== "string" ||
      typeof entry.kind !== "string"
    ) {
      throw invalid(source, `line ${index + 2} is not an entry { t, node, kind, … }`);
    }
    return entry as RecordingEntry;
  });
  return { header: header as RecordingHeader, entries };
}

/** The names of the nodes a recording holds, in order of first appearance. */
export function recordedNodes(entries: readonly RecordingEntry[]): string[] {
  return [...new Set(entries.map((e) => e.node))];
}

/**
 * Groups one node's entries under the client action before them: each frame or close is anchored
 * to the latest handshake or request, each answer to its request.
 */
export function buildScript(
  entries: readonly RecordingEntry[],
  node: string,
  canonical: (body: unknown) => string,
): ReplayScript {
  const anchors: ReplayAnchor[] = [];
  const requests = new Map<number, { anchor: ReplayAnchor; t: number }>();
  let current: { anchor: ReplayAnchor; t: number } | null = null;
  for (const entry of entries) {
    if (entry.node !== node) continue;
    switch (entry.kind) {
      case "open": {
        current = { anchor: { kind: "open", steps: [], used: false }, t: entry.t };
        anchors.push(current.anchor);
        break;
      }
      case "request": {
        const anchor: ReplayAnchor = {
          kind: "request",
          request: entry,
          bodyKey: entry.body === undefined ? "" : canonical(entry.body),
          steps: [],
          used: false,
        };
        current = { anchor, t: entry.t };
        anchors.push(anchor);
        requests.set(entry.id, current);
        break;
      }
      case "response":
      case "failure": {
        const owner = requests.get(entry.id);
        if (owner !== undefined) owner.anchor.steps.push({ offset: entry.t - owner.t, entry });
        break;
      }
      case "frame":
      case "close":
        if (current !== null) current.anchor.steps.push({ offset: entry.t - current.t, entry });
        break;
      default:
        break; // `dropped` and kinds of later versions: nothing to replay
    }
  }
  return { node, anchors };
}

function invalid(source: string, what: string, cause?: unknown): SimulatorError {
  return new SimulatorError(
    "SIM_INVALID_RECORDING",
    `${source} is not a Sonora recording: ${what}`,
    cause === undefined ? undefined : { cause },
  );
}
