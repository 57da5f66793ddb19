import {
  type LavalinkPlayer,
  type Track as LavalinkTrack,
  type LoadResult,
  type NodeInfo,
  ProtocolValidationError,
  Routes,
  type SessionInfo,
  type Stats,
  type UpdatePlayerRequest,
  validateLoadResult,
  validateNodeInfo,
  validatePlayer,
  validateSessionInfo,
  validateStats,
  validateTrack,
} from "../../protocol/index.js";
import { NodeUnavailableError } from "../errors/node-unavailable-error.js";
import type { RestClient } from "./rest.js";

/**
 * The REST calls of a node: one method per Lavalink route the client uses. Every answer is
 * validated against the protocol before it reaches the caller, so a node (or proxy) answering the
 * wrong shape surfaces as a `ProtocolValidationError` naming the field, never as an empty list or
 * a half-typed object that breaks later. A {@link Node} holds one and offers these calls as its own.
 * @internal
 */
export class NodeRequests {
  /** Session id of the current (or last) session; null before the first `ready`. */
  sessionId: string | null = null;
  /** Last `GET /v4/info` answer, when {@link fetchInfo} was called. */
  info: NodeInfo | null = null;

  constructor(
    /** Node name, for error messages. */
    private readonly name: string,
    /** The HTTP client the calls go through. */
    private readonly rest: RestClient,
  ) {}

  private requireSession(what: string): string {
    if (this.sessionId === null) {
      throw new NodeUnavailableError(this.name, `cannot ${what}: no session yet (the node never sent ready)`);
    }
    return this.sessionId;
  }

  /**
   * `PATCH /v4/sessions/{id}/players/{guildId}`. Retried on failure only when the body merely assigns
   * state (no track, position or end time): replaying a track change after a timeout could restart it.
   */
  async updatePlayer(
    guildId: string,
    body: UpdatePlayerRequest,
    noReplace?: boolean,
  ): Promise<LavalinkPlayer> {
    const session = this.requireSession("update a player");
    const idempotent =
      body.track === undefined &&
      body.encodedTrack === undefined &&
      body.identifier === undefined &&
      body.position === undefined &&
      body.endTime === undefined;
    const answer = await this.rest.request<unknown>("PATCH", Routes.player(session, guildId, noReplace), {
      body,
      idempotent,
    });
    return validatePlayer(answer);
  }

  /** `DELETE /v4/sessions/{id}/players/{guildId}`. */
  async destroyPlayer(guildId: string): Promise<void> {
    const session = this.requireSession("destroy a player");
    await this.rest.request("DELETE", Routes.player(session, guildId));
  }

  /** `GET /v4/sessions/{id}/players`. */
  async fetchPlayers(): Promise<LavalinkPlayer[]> {
    const session = this.requireSession("list players");
    const answer = await this.rest.request<unknown>("GET", Routes.players(session));
    return validateArray(answer, "an array of players").map((p, i) => validatePlayer(p, `[${i}]`));
  }

  /** `PATCH /v4/sessions/{id}`: assignments only, so it is retried like a PUT. */
  async updateSession(body: { resuming?: boolean; timeout?: number }): Promise<SessionInfo> {
    const session = this.requireSession("update the session");
    const answer = await this.rest.request<unknown>("PATCH", Routes.session(session), {
      body,
      idempotent: true,
    });
    return validateSessionInfo(answer);
  }

  /** `GET /v4/loadtracks`. */
  async loadTracks(identifier: string): Promise<LoadResult> {
    return validateLoadResult(await this.rest.request<unknown>("GET", Routes.loadTracks(identifier)));
  }

  /** `POST /v4/decodetracks` (decoding is pure, so this POST is retried). */
  async decodeTracks(encoded: string[]): Promise<LavalinkTrack[]> {
    const answer = await this.rest.request<unknown>("POST", Routes.decodeTracks(), {
      body: encoded,
      idempotent: true,
    });
    return validateArray(answer, "an array of tracks").map((t, i) => validateTrack(t, `[${i}]`));
  }

  /** `GET /v4/info`, cached in {@link info}. */
  async fetchInfo(): Promise<NodeInfo> {
    this.info = validateNodeInfo(await this.rest.request<unknown>("GET", Routes.info()));
    return this.info;
  }

  /** `GET /v4/stats`. */
  async fetchStats(): Promise<Stats> {
    return validateStats(await this.rest.request<unknown>("GET", Routes.stats()));
  }
}

function validateArray(value: unknown, expected: string): unknown[] {
  if (!Array.isArray(value)) throw new ProtocolValidationError("", value, expected);
  return value;
}
