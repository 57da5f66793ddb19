import {
  type Filters,
  type LavalinkPlayer,
  ProtocolValidationError,
  type UpdatePlayerRequest,
  validateUpdatePlayerRequest,
  validateUpdateSessionRequest,
} from "../../protocol/index.js";
import { decodeTrack } from "../deps.js";
import type { PlayableTrack, SimPlayer } from "../player.js";
import {
  booleanParam,
  jsonBody,
  longParam,
  type RestRequest,
  type RestResult,
  sessionOf,
} from "./context.js";
import { HttpError } from "./http-error.js";
import { isObject } from "./is-object.js";

/** The player object of the REST API. */
export function playerJson(player: SimPlayer, now: number): LavalinkPlayer {
  const voice = player.voice;
  return {
    guildId: player.guildId,
    track: player.track(now),
    volume: player.volume,
    paused: player.paused,
    state: { time: now, position: player.position(now), connected: player.connected, ping: player.ping },
    voice: {
      token: voice?.token ?? "",
      endpoint: voice?.endpoint ?? "",
      sessionId: voice?.sessionId ?? "",
      ...(voice?.channelId ? { channelId: voice.channelId } : {}),
    },
    filters: player.filters,
  };
}

export function getPlayers(req: RestRequest): RestResult {
  const session = sessionOf(req);
  const now = req.env.clock.now();
  return { status: 200, json: [...session.players.values()].map((p) => playerJson(p, now)) };
}

// Spring converts every handler argument (body, `Long` path variables, query flags) before the
// handler runs, so those 400s win over the handler's own 404 "Session not found".

export function getPlayer(req: RestRequest): RestResult {
  const guildId = longParam(req, "guildId");
  const session = sessionOf(req);
  const player = session.players.get(guildId);
  if (player === undefined) throw new HttpError(404, "Player not found");
  return { status: 200, json: playerJson(player, req.env.clock.now()) };
}

export function deletePlayer(req: RestRequest): RestResult {
  const guildId = longParam(req, "guildId");
  sessionOf(req).destroyPlayer(guildId);
  return { status: 204 };
}

export function patchSession(req: RestRequest): RestResult {
  const raw = jsonBody(req);
  const session = sessionOf(req);
  const update = validated(() => validateUpdateSessionRequest(raw));
  if (update.resuming !== undefined) session.resuming = update.resuming;
  if (update.timeout !== undefined) session.setResumeTimeout(update.timeout);
  return { status: 200, json: { resuming: session.resuming, timeout: session.timeout } };
}

function validated<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ProtocolValidationError) throw new HttpError(400, error.message);
    throw error;
  }
}

/** Lavalink's own 400 messages for the combinations it refuses, checked before type validation. */
function checkCombinations(raw: unknown): void {
  if (!isObject(raw)) return;
  const legacy = raw.encodedTrack !== undefined || raw.identifier !== undefined;
  if (raw.track !== undefined && legacy) {
    throw new HttpError(400, "Cannot specify both track and encodedTrack/identifier");
  }
  const track = isObject(raw.track) ? raw.track : raw;
  const encodedKey = track === raw ? "encodedTrack" : "encoded";
  if (track[encodedKey] !== undefined && track.identifier !== undefined) {
    throw new HttpError(400, "Cannot specify both encodedTrack and identifier");
  }
  if (typeof raw.endTime === "number" && raw.endTime <= 0) {
    throw new HttpError(400, "End time must be greater than 0");
  }
  if (isObject(raw.voice)) {
    const v = raw.voice;
    const blank = (x: unknown): boolean => typeof x !== "string" || x.trim() === "";
    if (blank(v.token) || blank(v.endpoint) || blank(v.sessionId) || blank(v.channelId)) {
      throw new HttpError(400, "token, endpoint, sessionId and channelId must be provided in voice state");
    }
  }
}

/** `PATCH /v4/sessions/{sessionId}/players/{guildId}`, step for step as PlayerRestHandler does it. */
export function patchPlayer(req: RestRequest): RestResult {
  const raw = jsonBody(req);
  const guildId = longParam(req, "guildId");
  const noReplace = booleanParam(req, "noReplace");
  const session = sessionOf(req);
  checkCombinations(raw);
  const update: UpdatePlayerRequest = validated(() =>
    validateUpdatePlayerRequest(raw, "", { volume: "clamp" }),
  );

  const encoded = update.track !== undefined ? update.track.encoded : update.encodedTrack;
  const identifier = update.track !== undefined ? update.track.identifier : update.identifier;
  const userData = update.track?.userData;
  const newTrack = encoded !== undefined || identifier !== undefined;

  const player = session.getOrCreatePlayer(guildId);
  const now = (): number => req.env.clock.now();

  if (update.voice !== undefined) {
    const old = player.voice;
    const v = update.voice;
    if (
      !player.connected ||
      old === null ||
      old.endpoint !== v.endpoint ||
      old.token !== v.token ||
      old.sessionId !== v.sessionId ||
      old.channelId !== v.channelId
    ) {
      player.connectVoice(v);
      // Koe's gatewayReady makes Lavalink send a player update.
      session.sendPlayerUpdate(player);
    }
  }
  if (!newTrack && update.paused !== undefined) player.setPaused(update.paused);
  if (!newTrack && userData !== undefined) player.setUserData(userData);
  if (update.volume !== undefined) player.volume = update.volume;
  if (!newTrack && update.position !== undefined && player.hasTrack) {
    player.seek(update.position);
    session.sendPlayerUpdate(player);
  }
  if (!newTrack && update.endTime !== undefined) player.setEndTime(update.endTime);
  if (update.filters !== undefined) {
    player.setFilters(withKnownPluginFilters(update.filters, req.env.filterExtensions));
    session.sendPlayerUpdate(player);
  }

  if (newTrack) {
    if (noReplace && player.hasTrack) return { status: 200, json: playerJson(player, now()) };
    player.setPaused(update.paused ?? false);
    let playable: PlayableTrack | null = null;
    if (encoded !== undefined && encoded !== null) {
      playable = decodeForPlay(encoded);
    } else if (identifier !== undefined) {
      const resolved = req.env.catalog.resolveSingle(identifier);
      if ("error" in resolved) throw new HttpError(400, resolved.error);
      playable = { ...decodeForPlay(resolved.track.encoded), pluginInfo: resolved.track.pluginInfo };
    }
    if (playable === null) {
      player.stop();
    } else {
      if (userData !== undefined) playable.userData = userData;
      const script = req.env.catalog.scriptFor(playable.info);
      player.play(playable, script, update.position, update.endTime ?? null);
    }
  }
  return { status: 200, json: playerJson(player, now()) };
}

/** Decodes a client's track; Lavalink lets the decoder's exception through as a 500. */
export function decodeForPlay(encoded: string): PlayableTrack {
  try {
    const decoded = decodeTrack(encoded);
    return {
      encoded,
      info: decoded.info,
      sourceData: decoded.sourceData,
      pluginInfo: {},
      userData: {},
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new HttpError(500, message, "java.lang.IllegalStateException");
  }
}

/**
 * Lavalink's `FilterChain.parsePluginConfigs`: only `pluginFilters` entries named after a filter
 * extension a plugin registered are kept; the rest are dropped without an error.
 */
function withKnownPluginFilters(filters: Filters, extensions: ReadonlySet<string>): Filters {
  if (filters.pluginFilters === undefined) return filters;
  const kept = Object.entries(filters.pluginFilters).filter(([name]) => extensions.has(name));
  const { pluginFilters: _dropped, ...rest } = filters;
  return kept.length === 0 ? rest : { ...rest, pluginFilters: Object.fromEntries(kept) };
}
