import type { LoadResult, Track } from "../../protocol/index.js";
import type { LavalinkProfile } from "../profiles.js";
import { jsonBody, type RestRequest, type RestResult } from "./context.js";
import { HttpError } from "./http-error.js";
import { decodeForPlay } from "./players.js";

export function loadTracks(req: RestRequest): RestResult {
  const identifier = req.query.get("identifier");
  if (identifier === null) {
    throw new HttpError(
      400,
      "Required request parameter 'identifier' for method parameter type String is not present",
      "org.springframework.web.bind.MissingServletRequestParameterException",
    );
  }
  const result = req.env.catalog.load(identifier, { lavaSrc: req.env.plugins.has("lavasrc") });
  return { status: 200, json: asServed(result, req.env.profile) };
}

/**
 * The load result as Lavalink's serializer writes it: `NoMatches` has a nullable `data` without a
 * default, so an empty result carries `"data": null` (the docs show `{}`; the source wins), and 4.0's
 * Exception has no `causeStackTrace`.
 */
function asServed(result: LoadResult, profile: LavalinkProfile): unknown {
  if (result.loadType === "empty") return { loadType: "empty", data: null };
  if (result.loadType === "error" && !profile.causeStackTrace) {
    const { causeStackTrace: _dropped, ...data } = result.data;
    return { loadType: "error", data };
  }
  return result;
}

function decoded(encoded: string): Track {
  const t = decodeForPlay(encoded);
  return { encoded, info: t.info, pluginInfo: {}, userData: {} };
}

export function decodeOne(req: RestRequest): RestResult {
  const encoded = req.query.get("encodedTrack") ?? req.query.get("track");
  if (encoded === null) throw new HttpError(400, "No track to decode provided");
  return { status: 200, json: decoded(encoded) };
}

export function decodeMany(req: RestRequest): RestResult {
  const body = jsonBody(req);
  if (!Array.isArray(body) || body.some((t) => typeof t !== "string")) {
    throw new HttpError(
      400,
      "Failed to read request",
      "org.springframework.http.converter.HttpMessageNotReadableException",
    );
  }
  if (body.length === 0) throw new HttpError(400, "No tracks to decode provided");
  return { status: 200, json: (body as string[]).map(decoded) };
}
