import {
  type Filters,
  type JsonObject,
  type LavalinkPlayer,
  ProtocolValidationError,
  type UpdatePlayerRequest,
  type VoiceState,
  validateUpdatePlayerRequest,
  validateUpdateSessionRequest,
} from "../../protocol/index.js";
import { decodeTrack } from "../deps.js";
import { EQUALIZER_BANDS } from "../filters/dsp.js";
import { echoFilters } from "../filters/echo.js";
import type { PlayableTrack, SimPlayer } from "../player.js";
import type { LavalinkProfile } from "../profiles.js";
import {
  booleanParam,
  jsonBody,
  longParam,
  type RestEnvironment,
  type RestRequest,
  type RestResult,
  sessionOf,
} from "./context.js";
import { HttpError } from "./http-error.js";
import { isObject } from "./is-object.js";

/** The player object of the REST API, as the profile's Lavalink serialises it. */
export function playerJson(player: SimPlayer, now: number, profile: LavalinkProfile): LavalinkPlayer {
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
      // 4.2's VoiceState has a nullable channelId without default: always written, null when unknown.
      ...(profile.voiceChannelId ? { channelId: voice?.channelId ?? null } : {}),
    },
    filters: echoFilters(player.filters, profile.filterDefaults),
  };
}

export function getPlayers(req: RestRequest): RestResult {
  const session = sessionOf(req);
  const now = req.env.clock.now();
  return { status: 200, json: [...session.players.values()].map((p) => playerJson(p, now, req.env.profile)) };
}

// Spring converts every handler argument (body, `Long` path variables, query flags) before the
// handler runs, so those 400s win over the handler's own 404 "Session not found".

export function getPlayer(req: RestRequest): RestResult {
  const guildId = longParam(req, "guildId");
  const session = sessionOf(req);
  const player = session.players.get(guildId);
  if (player === undefined) throw new HttpError(404, "Player not found");
  return { status: 200, json: playerJson(player, req.env.clock.now(), req.env.profile) };
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
function checkCombinations(raw: unknown, env: RestEnvironment): void {
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
  if (isObject(raw.filters) && env.disabledFilters.length > 0) {
    const used = Object.keys(raw.filters).filter((k) => k !== "pluginFilters");
    const plugin = isObject(raw.filters.pluginFilters) ? Object.keys(raw.filters.pluginFilters) : [];
    const disabled = [...used, ...plugin].filter((name) => env.disabledFilters.includes(name));
    if (disabled.length > 0) {
      throw new HttpError(400, `Following filters are disabled in the config: ${disabled.join(", ")}`);
    }
  }
  if (isObject(raw.voice)) checkVoice(raw.voice, env.profile);
  if (typeof raw.endTime === "number" && raw.endTime <= 0) {
    throw new HttpError(400, "End time must be greater than 0");
  }
}

/** The voice-state rule of the profile's line (see {@link LavalinkProfile.voiceRule}). */
function checkVoice(v: Record<string, unknown>, profile: LavalinkProfile): void {
  const { token, endpoint, sessionId } = v;
  // Missing or mistyped fields fail Lavalink's deserializer first; the type check answers those.
  if (typeof token !== "string" || typeof endpoint !== "string" || typeof sessionId !== "string") return;
  if (profile.voiceRule === "partial") {
    if (endpoint === "" || token === "" || sessionId === "") {
      // Kotlin's data-class toString of the VoiceState the node read.
      throw new HttpError(
        400,
        `Partial Lavalink voice state: VoiceState(token=${token}, endpoint=${endpoint}, sessionId=${sessionId})`,
      );
    }
    return;
  }
  const channelId = v.channelId;
  const blank = (x: string): boolean => x.trim() === "";
  if (
    blank(token) ||
    blank(endpoint) ||
    blank(sessionId) ||
    channelId === undefined ||
    channelId === null ||
    (typeof channelId === "string" && blank(channelId))
  ) {
    throw new HttpError(400, "token, endpoint, sessionId and channelId must be provided in voice state");
  }
}

/** `PATCH /v4/sessions/{sessionId}/players/{guildId}`, step for step as PlayerRestHandler does it. */
export function patchPlayer(req: RestRequest): RestResult {
  const raw = jsonBody(req);
  const guildId = longParam(req, "guildId");
  const noReplace = booleanParam(req, "noReplace");
  const session = sessionOf(req);
  checkCombinations(raw, req.env);
  const update: UpdatePlayerRequest = validated(() =>
    validateUpdatePlayerRequest(raw, "", {
      volume: "clamp",
      // Lavalink checks filter types only; the opt-in lint refuses what its DSP would throw on.
      filters: req.env.lint ? "strict" : "lavalink",
    }),
  );

  const encoded = update.track !== undefined ? update.track.encoded : update.encodedTrack;
  const identifier = update.track !== undefined ? update.track.identifier : update.identifier;
  const userData = update.track?.userData;
  const newTrack = encoded !== undefined || identifier !== undefined;

  const player = session.getOrCreatePlayer(guildId);
  const now = (): number => req.env.clock.now();

  if (update.voice !== undefined) {
    const old = player.voice;
    // Before 4.2 Lavalink's VoiceState has no channelId: it is neither read nor compared.
    const v = req.env.profile.voiceChannelId ? update.voice : withoutChannel(update.voice);
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
    checkEqualizerBands(update.filters);
    player.setFilters(withKnownPluginFilters(update.filters, req.env.filterExtensions));
    session.sendPlayerUpdate(player);
  }

  if (newTrack) {
    if (noReplace && player.hasTrack)
      return { status: 200, json: playerJson(player, now(), req.env.profile) };
    player.setPaused(update.paused ?? false);
    let playable: PlayableTrack | null = null;
    if (encoded !== undefined && encoded !== null) {
      playable = decodeForPlay(encoded);
    } else if (identifier !== undefined) {
      const resolved = req.env.catalog.resolveSingle(identifier, { lavaSrc: req.env.plugins.has("lavasrc") });
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
  return { status: 200, json: playerJson(player, now(), req.env.profile) };
}

/**
 * The `pluginInfo` and `userData` of a track that has none: one frozen object for every such
 * track (a node holds one track per player; they are replaced, never mutated).
 */
const NO_DATA: JsonObject = Object.freeze({});

/** Decodes a client's track; Lavalink lets the decoder's exception through as a 500. */
export function decodeForPlay(encoded: string): PlayableTrack {
  try {
    const decoded = decodeTrack(encoded);
    return {
      encoded,
      info: decoded.info,
      sourceData: decoded.sourceData,
      pluginInfo: NO_DATA,
      userData: NO_DATA,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new HttpError(500, message, "java.lang.IllegalStateException");
  }
}

function withoutChannel(voice: VoiceState): VoiceState {
  const { channelId: _ignored, ...rest } = voice;
  return rest;
}

/**
 * Lavalink's EqualizerConfig writes each gain into a 15-slot array by band: a band outside 0–14
 * throws while the chain is parsed, after the earlier parts of the update were applied — a 500.
 */
function checkEqualizerBands(filters: Filters): void {
  for (const { band } of filters.equalizer ?? []) {
    if (band < 0 || band >= EQUALIZER_BANDS) {
      throw new HttpError(
        500,
        `Index ${band} out of bounds for length ${EQUALIZER_BANDS}`,
        "java.lang.ArrayIndexOutOfBoundsException",
      );
    }
  }
}

/**
 * Lavalink's `FilterChain.parsePluginConfigs`: only `pluginFilters` entries named after a filter
 * extension a plugin registered are kept, in the order of the extensions (not of the request); the
 * rest are dropped without an error. Nothing kept is an empty map, which Lavalink's serialiser
 * (`encodeDefaults = false`) leaves out of the player JSON: the key goes.
 */
function withKnownPluginFilters(filters: Filters, extensions: ReadonlySet<string>): Filters {
  if (filters.pluginFilters === undefined) return filters;
  const given = filters.pluginFilters;
  const kept = [...extensions]
    .filter((name) => Object.hasOwn(given, name))
    .map((name) => [name, given[name]]);
  const { pluginFilters: _dropped, ...rest } = filters;
  return kept.length === 0 ? rest : { ...rest, pluginFilters: Object.fromEntries(kept) };
}
