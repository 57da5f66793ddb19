import { type ControlResult, invalid } from "./reply.js";
import { registerFailure, registerSearch, registerTrack } from "./routes/catalog.js";
import type { ControlRequest } from "./routes/context.js";
import { trackException, trackStuck, voiceClose } from "./routes/events.js";
import { addFault, clearFaults, listFaults, removeFault, setKnobs, updateFault } from "./routes/faults.js";
import { getLog } from "./routes/log.js";
import { advanceClock, getClock, killNode, restartNode } from "./routes/node.js";
import { closeSession, dropSession, getPlayers, getSessions, getState, getTimeline } from "./routes/state.js";

/** A control route's handler. */
export type ControlHandler = (request: ControlRequest) => ControlResult | Promise<ControlResult>;

interface ControlRoute {
  readonly method: string;
  readonly pattern: RegExp;
  readonly keys: readonly string[];
  readonly handler: ControlHandler;
}

function route(method: string, template: string, handler: ControlHandler): ControlRoute {
  const keys: string[] = [];
  const source = template
    .split("/")
    .map((part) => {
      if (!part.startsWith(":")) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      keys.push(part.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { method, pattern: new RegExp(`^${source}$`), keys, handler };
}

/** Every JSON route of the control API, below `/_sonora` (the streams and the page are served apart). */
const ROUTES: readonly ControlRoute[] = [
  route("GET", "/state", getState),
  route("GET", "/sessions", getSessions),
  route("GET", "/players", getPlayers),
  route("POST", "/sessions/:sessionId/drop", dropSession),
  route("POST", "/sessions/:sessionId/close", closeSession),
  route("GET", "/log", getLog),
  route("GET", "/timeline", getTimeline),
  route("GET", "/faults", listFaults),
  route("POST", "/faults", addFault),
  route("DELETE", "/faults", clearFaults),
  route("PUT", "/faults/knobs", setKnobs),
  route("PATCH", "/faults/:id", updateFault),
  route("DELETE", "/faults/:id", removeFault),
  route("POST", "/players/:guildId/voice-close", voiceClose),
  route("POST", "/players/:guildId/track-exception", trackException),
  route("POST", "/players/:guildId/track-stuck", trackStuck),
  route("POST", "/node/kill", killNode),
  route("POST", "/node/restart", restartNode),
  route("GET", "/clock", getClock),
  route("POST", "/clock/advance", advanceClock),
  route("POST", "/catalog/tracks", registerTrack),
  route("POST", "/catalog/searches", registerSearch),
  route("POST", "/catalog/failures", registerFailure),
];

/** The route for `method` `path` (below the prefix), a 405 with the allowed methods, or nothing. */
export function matchControlRoute(
  method: string,
  path: string,
):
  | { kind: "found"; handler: ControlHandler; params: Record<string, string> }
  | { kind: "wrongMethod"; allowed: string[] }
  | { kind: "none" } {
  const allowed: string[] = [];
  for (const r of ROUTES) {
    const m = r.pattern.exec(path);
    if (m === null) continue;
    if (r.method !== method) {
      allowed.push(r.method);
      continue;
    }
    const params: Record<string, string> = {};
    r.keys.forEach((key, i) => {
      try {
        params[key] = decodeURIComponent(m[i + 1] ?? "");
      } catch {
        throw invalid(`invalid percent-encoding in ${JSON.stringify(m[i + 1])}`);
      }
    });
    return { kind: "found", handler: r.handler, params };
  }
  return allowed.length > 0 ? { kind: "wrongMethod", allowed } : { kind: "none" };
}
