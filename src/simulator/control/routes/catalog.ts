import type { TrackInfoOverrides } from "../../../mock/overrides.js";
import type { LavalinkException } from "../../../protocol/index.js";
import type { PlaybackScript } from "../../catalog/catalog.js";
import {
  objectBody,
  onlyKeys,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredString,
} from "../input.js";
import { type ControlResult, invalid } from "../reply.js";
import type { ControlRequest } from "./context.js";

const SEVERITIES = ["common", "suspicious", "fault"];

/** An exception as JSON gives it: `message` required, `severity` and `cause` optional. */
function exceptionOf(input: Record<string, unknown>, what: string): LavalinkException & { message: string } {
  onlyKeys(input, ["message", "severity", "cause"]);
  const message = requiredString(input, "message");
  const severity = optionalString(input, "severity") ?? "common";
  if (!SEVERITIES.includes(severity))
    throw invalid(`${what}.severity must be one of ${SEVERITIES.join(", ")}`);
  return {
    message,
    severity: severity as LavalinkException["severity"],
    cause: optionalString(input, "cause") ?? `java.lang.RuntimeException: ${message}`,
  };
}

/** A playback script from JSON (see `PlaybackScript`): normal, loadFailed, exception or stuck. */
function scriptOf(input: Record<string, unknown>): PlaybackScript {
  switch (input.kind) {
    case "normal":
      onlyKeys(input, ["kind"]);
      return { kind: "normal" };
    case "loadFailed":
      onlyKeys(input, ["kind", "exception"]);
      return {
        kind: "loadFailed",
        exception: exceptionOf(
          optionalObject(input, "exception") ?? { message: "Failed to load" },
          "script.exception",
        ),
      };
    case "exception":
      onlyKeys(input, ["kind", "atMs", "exception"]);
      return {
        kind: "exception",
        atMs: optionalNumber(input, "atMs", 0) ?? 0,
        exception: exceptionOf(
          optionalObject(input, "exception") ?? { message: "Something broke when playing the track." },
          "script.exception",
        ),
      };
    case "stuck":
      onlyKeys(input, ["kind", "atMs", "thresholdMs"]);
      return {
        kind: "stuck",
        atMs: optionalNumber(input, "atMs", 0) ?? 0,
        thresholdMs: optionalNumber(input, "thresholdMs", 0) ?? 10_000,
      };
    default:
      throw invalid(
        `script.kind must be "normal", "loadFailed", "exception" or "stuck", got ${JSON.stringify(input.kind)}`,
      );
  }
}

/**
 * `POST /_sonora/catalog/tracks` `{ track?, identifier?, script? }`: `track` holds mock-track
 * overrides (title, author, length, uri, source, …); loading `identifier` (default: the track's
 * uri and identifier) then answers with it, and it plays as `script` says.
 */
export function registerTrack({ target, body }: ControlRequest): ControlResult {
  const input = objectBody(body);
  onlyKeys(input, ["track", "identifier", "script"]);
  const overrides = (optionalObject(input, "track") ?? {}) as TrackInfoOverrides;
  const identifier = optionalString(input, "identifier");
  const script = optionalObject(input, "script");
  const track = target.catalog.registerTrack(overrides, {
    ...(identifier === undefined ? {} : { identifier }),
    ...(script === undefined ? {} : { script: scriptOf(script) }),
  });
  return { status: 201, json: track };
}

/** `POST /_sonora/catalog/searches` `{ query, tracks: [overrides…] }`: `load(query)` answers with these hits. */
export function registerSearch({ target, body }: ControlRequest): ControlResult {
  const input = objectBody(body);
  onlyKeys(input, ["query", "tracks"]);
  const query = requiredString(input, "query");
  const list = input.tracks;
  if (!Array.isArray(list) || list.length === 0)
    throw invalid("tracks must be a non-empty array of track overrides");
  const tracks = list.map((overrides, i) => {
    if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
      throw invalid(`tracks[${i}] must be an object of track overrides`);
    }
    return target.catalog.registerTrack(overrides as TrackInfoOverrides);
  });
  target.catalog.registerSearch(query, tracks);
  return { status: 201, json: tracks };
}

/** `POST /_sonora/catalog/failures` `{ identifier, message, severity?, cause? }`: `load(identifier)` fails. */
export function registerFailure({ target, body }: ControlRequest): ControlResult {
  const input = objectBody(body);
  const identifier = requiredString(input, "identifier");
  const { identifier: _, ...rest } = input;
  const exception = exceptionOf(rest, "failure");
  target.catalog.registerFailure(identifier, exception);
  return { status: 201, json: { identifier, exception } };
}
