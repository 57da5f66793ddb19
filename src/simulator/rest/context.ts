import type { Clock } from "../../base/clock/index.js";
import type { NodeInfo, RoutePlannerStatus, Stats } from "../../protocol/index.js";
import type { Catalog } from "../deps.js";
import type { SimPluginRuntime } from "../plugins/runtime.js";
import type { LavalinkProfile } from "../profiles.js";
import type { Session } from "../session.js";
import { HttpError } from "./http-error.js";
import { jsonDepth, MAX_JSON_DEPTH } from "./json-depth.js";

/** What REST handlers may touch on the simulator. */
export interface RestEnvironment {
  readonly clock: Clock;
  readonly catalog: Catalog;
  readonly version: string;
  /** The Lavalink release line the node behaves as. */
  readonly profile: LavalinkProfile;
  /** Refuse what Lavalink accepts and fails on later (opt-in lint). */
  readonly lint: boolean;
  /** Filters disabled in the node's config. */
  readonly disabledFilters: readonly string[];
  /** Sessions with an open WebSocket (Lavalink's `sessions`; ones waiting to resume are not in it). */
  connectedSession(id: string): Session | undefined;
  info(): NodeInfo;
  stats(): Stats;
  routePlanner: RoutePlannerStatus | null;
  /** The plugins the node runs. */
  readonly plugins: SimPluginRuntime;
  /** Filter extensions the plugins register: `pluginFilters` under other names are dropped. */
  readonly filterExtensions: ReadonlySet<string>;
}

/** One request, already read, routed and authorised. */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** The request's `Content-Type`, when it has one. */
  readonly contentType?: string | undefined;
  /** The request's `Accept`, when it has one. */
  readonly accept?: string | undefined;
  readonly env: RestEnvironment;
}

/** A handler's answer: JSON-serialisable data, plain text, or nothing (204). */
export type RestResult =
  | { status: number; json: unknown }
  | { status: number; text: string }
  | { status: 204 }
  /** A `void` Spring handler: 200 with an empty body. */
  | { status: 200; empty: true };

/**
 * Parses the JSON body as Spring's message converter would, with its 400 answers. A document
 * nested deeper than Jackson's limit ({@link MAX_JSON_DEPTH}) is refused like a malformed one.
 */
export function jsonBody(req: RestRequest): unknown {
  // Only the JSON converters read objects: any other Content-Type (none counts as
  // application/octet-stream) is a 415 — unless there is no body at all, which is "missing".
  const type = req.contentType?.trim();
  if (!isJsonType(type) && (type !== undefined || req.rawBody !== "")) {
    throw new HttpError(
      415,
      `Content-Type '${type ?? "application/octet-stream"}' is not supported`,
      "org.springframework.web.HttpMediaTypeNotSupportedException",
    );
  }
  if (req.rawBody.trim() === "") throw new HttpError(400, "Required request body is missing");
  if (jsonDepth(req.rawBody) > MAX_JSON_DEPTH) {
    throw new HttpError(
      400,
      "Failed to read request",
      "org.springframework.http.converter.HttpMessageNotReadableException",
    );
  }
  try {
    return JSON.parse(req.rawBody);
  } catch {
    throw new HttpError(
      400,
      "Failed to read request",
      "org.springframework.http.converter.HttpMessageNotReadableException",
    );
  }
}

/** `socketContext()` of Lavalink's util.kt. */
export function sessionOf(req: RestRequest): Session {
  const id = req.params.sessionId ?? "";
  const session = req.env.connectedSession(id);
  if (session === undefined) throw new HttpError(404, "Session not found");
  return session;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Path variables typed `Long` in Lavalink; normalised as Java would print them back. */
export function longParam(req: RestRequest, name: string): string {
  const raw = req.params[name] ?? "";
  if (/^[+-]?\d+$/.test(raw)) {
    const n = BigInt(raw);
    if (n >= LONG_MIN && n <= LONG_MAX) return n.toString();
  }
  throw new HttpError(
    400,
    `Method parameter '${name}': Failed to convert value of type 'java.lang.String' to required type 'long'; For input string: "${raw}"`,
    "org.springframework.web.method.annotation.MethodArgumentTypeMismatchException",
  );
}

/** Spring's String→Boolean conversion for request parameters. */
export function booleanParam(req: RestRequest, name: string): boolean {
  const raw = req.query.get(name);
  if (raw === null || raw === "") return false;
  const v = raw.toLowerCase();
  if (["true", "on", "yes", "1"].includes(v)) return true;
  if (["false", "off", "no", "0"].includes(v)) return false;
  throw new HttpError(
    400,
    `Method parameter '${name}': Failed to convert value of type 'java.lang.String' to required type 'boolean'; Invalid boolean value [${raw}]`,
    "org.springframework.web.method.annotation.MethodArgumentTypeMismatchException",
  );
}

/** `application/json` or any `application/*+json`, parameters allowed (what Spring's JSON converters read). */
function isJsonType(type: string | undefined): boolean {
  if (type === undefined) return false;
  const media = (type.split(";")[0] ?? "").trim().toLowerCase();
  return media === "application/json" || /^application\/[^/]+\+json$/.test(media);
}
