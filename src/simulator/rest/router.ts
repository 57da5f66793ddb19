import type { SimPluginId } from "../plugins/plugin-set.js";
import type { RestRequest, RestResult } from "./context.js";
import { javaLyricsSearch, javaPlayerLyrics, javaVideoLyrics } from "./java-lyrics.js";
import { freeAddress, freeAll, getInfo, getStats, getVersion, routePlannerStatus } from "./node.js";
import { deletePlayer, getPlayer, getPlayers, patchPlayer, patchSession } from "./players.js";
import {
  currentTrackLyrics,
  deleteSponsorBlockCategories,
  getSponsorBlockCategories,
  loadSearch,
  putSponsorBlockCategories,
  subscribeLyrics,
  trackLyrics,
  unsubscribeLyrics,
} from "./plugins.js";
import { decodeMany, decodeOne, loadTracks } from "./tracks.js";

export type Handler = (req: RestRequest) => RestResult;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly keys: readonly string[];
  readonly handler: Handler;
  /** The plugin that adds this route; the route exists only when the node runs it. */
  readonly plugin?: SimPluginId;
}

function route(method: string, template: string, handler: Handler, plugin?: SimPluginId): Route {
  const keys: string[] = [];
  const source = template
    .split("/")
    .map((part) => {
      if (!part.startsWith(":")) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      keys.push(part.slice(1));
      return "([^/]+)";
    })
    .join("/");
  const base = { method, pattern: new RegExp(`^${source}$`), keys, handler };
  return plugin === undefined ? base : { ...base, plugin };
}

/** Every route of the Lavalink v4 REST API (plus the unversioned `/version`). */
const ROUTES: readonly Route[] = [
  route("GET", "/version", getVersion),
  route("GET", "/v4/info", getInfo),
  route("GET", "/v4/stats", getStats),
  route("GET", "/v4/loadtracks", loadTracks),
  route("GET", "/v4/decodetrack", decodeOne),
  route("POST", "/v4/decodetracks", decodeMany),
  route("PATCH", "/v4/sessions/:sessionId", patchSession),
  route("GET", "/v4/sessions/:sessionId/players", getPlayers),
  route("GET", "/v4/sessions/:sessionId/players/:guildId", getPlayer),
  route("PATCH", "/v4/sessions/:sessionId/players/:guildId", patchPlayer),
  route("DELETE", "/v4/sessions/:sessionId/players/:guildId", deletePlayer),
  route("GET", "/v4/routeplanner/status", routePlannerStatus),
  route("POST", "/v4/routeplanner/free/address", freeAddress),
  route("POST", "/v4/routeplanner/free/all", freeAll),
  // Plugins' routes (LavaSearch, LavaLyrics, SponsorBlock).
  route("GET", "/v4/loadsearch", loadSearch, "lavasearch"),
  route("GET", "/v4/lyrics", trackLyrics, "lyrics"),
  // java-lyrics-plugin: Spring prefers the literal `/search` over the `{videoId}` pattern.
  route("GET", "/v4/lyrics/search", javaLyricsSearch, "java-lyrics"),
  route("GET", "/v4/lyrics/:videoId", javaVideoLyrics, "java-lyrics"),
  route("GET", "/v4/sessions/:sessionId/players/:guildId/lyrics", javaPlayerLyrics, "java-lyrics"),
  route("GET", "/v4/sessions/:sessionId/players/:guildId/track/lyrics", currentTrackLyrics, "lyrics"),
  route("POST", "/v4/sessions/:sessionId/players/:guildId/lyrics/subscribe", subscribeLyrics, "lyrics"),
  route("DELETE", "/v4/sessions/:sessionId/players/:guildId/lyrics/subscribe", unsubscribeLyrics, "lyrics"),
  route(
    "GET",
    "/v4/sessions/:sessionId/players/:guildId/sponsorblock/categories",
    getSponsorBlockCategories,
    "sponsorblock",
  ),
  route(
    "PUT",
    "/v4/sessions/:sessionId/players/:guildId/sponsorblock/categories",
    putSponsorBlockCategories,
    "sponsorblock",
  ),
  route(
    "DELETE",
    "/v4/sessions/:sessionId/players/:guildId/sponsorblock/categories",
    deleteSponsorBlockCategories,
    "sponsorblock",
  ),
];

export type RouteMatch =
  | { kind: "found"; handler: Handler; params: Record<string, string> }
  | { kind: "wrongMethod"; allowed: string[] }
  | { kind: "none" };

/**
 * Finds the handler; distinguishes "no such path" (404) from "path exists, other method" (405).
 * A plugin's routes exist only when `plugins` holds it (all of them when `plugins` is omitted).
 */
export function matchRoute(method: string, path: string, plugins?: ReadonlySet<SimPluginId>): RouteMatch {
  const allowed: string[] = [];
  for (const r of ROUTES) {
    if (r.plugin !== undefined && plugins !== undefined && !plugins.has(r.plugin)) continue;
    const m = r.pattern.exec(path);
    if (m === null) continue;
    if (r.method !== method) {
      allowed.push(r.method);
      continue;
    }
    const params: Record<string, string> = {};
    r.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(m[i + 1] ?? "");
    });
    return { kind: "found", handler: r.handler, params };
  }
  return allowed.length > 0 ? { kind: "wrongMethod", allowed } : { kind: "none" };
}
