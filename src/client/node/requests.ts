import type { Clock } from "../../base/clock/index.js";
import {
  decodeTrack,
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
import { LavalinkRestError } from "../errors/lavalink-rest-error.js";
import { NodeUnavailableError } from "../errors/node-unavailable-error.js";
import { SessionUnavailableError } from "../errors/session-unavailable-error.js";
import { sameTrack } from "../reconcile/ledger.js";
import type { RestClient } from "./rest.js";
import type { SessionGate } from "./session-gate.js";
import type { NodeState } from "./state.js";

/** How far past the update's own start a confirmed track may be (the node's position is sampled). */
const CONFIRM_POSITION_SLACK_MS = 1_000;

/**
 * Whether the node's track is the one `encoded` names, by source and identifier (Lavalink encodes a
 * playing track with its position, so the node's `encoded` changes as it plays).
 */
function isTrack(encoded: string, track: LavalinkTrack): boolean {
  if (track.encoded === encoded) return true;
  try {
    return sameTrack(decodeTrack(encoded), track);
  } catch {
    return false; // not ours to read: only an identical string could have matched
  }
}

/** The track an update starts: its encoded form or the identifier it loads; null when it starts none. */
function requestedTrack(body: UpdatePlayerRequest): { encoded?: string; identifier?: string } | null {
  const encoded = body.track?.encoded ?? body.encodedTrack;
  if (typeof encoded === "string") return { encoded };
  const identifier = body.track?.identifier ?? body.identifier;
  if (typeof identifier === "string") return { identifier };
  return null;
}

/** What the requests need to know of the node's session lifecycle. */
export interface SessionAccess {
  readonly clock: Clock;
  /** Opens at each handled `ready`; fails when the node is lost or destroyed. */
  readonly gate: SessionGate;
  /** The node's connection state now. */
  readonly state: NodeState;
  /** True when the node's sessions are resumable (resuming is not disabled). */
  readonly resumable: boolean;
  /** Milliseconds a request waits for the session before it fails. */
  readonly waitLimit: number;
}

/**
 * The REST calls of a node: one method per Lavalink route the client uses. Every answer is
 * validated against the protocol before it reaches the caller, so a node (or proxy) answering the
 * wrong shape surfaces as a `ProtocolValidationError` naming the field, never as an empty list or
 * a half-typed object that breaks later. A {@link Node} holds one and offers these calls as its own.
 *
 * Requests on the session (players, session config) never go to a session that is not there:
 * while the node reconnects with a resumable session they wait for its next `ready` (a node in its
 * resume window answers 404 "Session not found", and the old session may be gone by the time the
 * socket is back); a "Session not found" answer waits for the next `ready` and is sent once more.
 * Either way they fail with {@link SessionUnavailableError} when no session comes in time. Such a
 * 404 means the node applied nothing, so sending the request again cannot apply it twice.
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
    /** The node's session lifecycle (session-scoped requests wait on it). */
    private readonly access: SessionAccess,
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
    const idempotent =
      body.track === undefined &&
      body.encodedTrack === undefined &&
      body.identifier === undefined &&
      body.position === undefined &&
      body.endTime === undefined;
    const answer = await this.onSession("update a player", (session) => {
      const sentAt = this.access.clock.now();
      const confirm = idempotent ? undefined : () => this.confirmTrackChange(session, guildId, body, sentAt);
      return this.rest.request<unknown>("PATCH", Routes.player(session, guildId, noReplace), {
        body,
        idempotent,
        confirm,
      });
    });
    return validatePlayer(answer);
  }

  /**
   * After a reset that may have hit the update on its way back: the node's player, when it shows
   * the update's track started by it, else undefined (the update is then sent again). A body
   * without a new track is not confirmed: sending a seek, stop or end time again does no harm.
   */
  private async confirmTrackChange(
    session: string,
    guildId: string,
    body: UpdatePlayerRequest,
    sentAt: number,
  ): Promise<unknown> {
    const wanted = requestedTrack(body);
    if (wanted === null) return undefined;
    let answer: unknown;
    try {
      answer = await this.rest.request<unknown>("GET", Routes.player(session, guildId));
    } catch (error) {
      // "Session not found" says nothing of the update: the session is away (its socket dropped, the
      // node keeps it for a resume) or gone. Unknown, so not sent again: reconciliation asks later.
      if (isSessionNotFound(error)) throw error;
      // No such player on a live session: the update never created it, so it was not applied.
      if (error instanceof LavalinkRestError && error.status === 404) return undefined;
      throw error;
    }
    const truth = validatePlayer(answer);
    const track = truth.track;
    if (track === null || track === undefined) return undefined;
    const same =
      wanted.encoded !== undefined
        ? isTrack(wanted.encoded, track)
        : track.info.identifier === wanted.identifier || track.info.uri === wanted.identifier;
    if (!same) return undefined;
    // The same track may have been playing before (a replay from the start): only a position no
    // further than the update could have carried it since it was sent says it is this update's.
    const elapsed = Math.max(0, this.access.clock.now() - sentAt);
    const start = body.position ?? 0;
    return truth.state.position <= start + elapsed + CONFIRM_POSITION_SLACK_MS ? answer : undefined;
  }

  /** `DELETE /v4/sessions/{id}/players/{guildId}`. */
  async destroyPlayer(guildId: string): Promise<void> {
    await this.onSession("destroy a player", (session) =>
      this.rest.request("DELETE", Routes.player(session, guildId)),
    );
  }

  /** `GET /v4/sessions/{id}/players`. */
  async fetchPlayers(): Promise<LavalinkPlayer[]> {
    const answer = await this.onSession("list players", (session) =>
      this.rest.request<unknown>("GET", Routes.players(session)),
    );
    return validateArray(answer, "an array of players").map((p, i) => validatePlayer(p, `[${i}]`));
  }

  /** `PATCH /v4/sessions/{id}`: assignments only, so it is retried like a PUT. */
  async updateSession(body: { resuming?: boolean; timeout?: number }): Promise<SessionInfo> {
    return this.onSession("update the session", (session) => this.sendSessionUpdate(session, body));
  }

  /**
   * Enables resuming on the session the node just announced in `ready`. Sent at once, never
   * waiting: the ready handling that waiting requests wait for is what sends it.
   */
  async enableResume(timeout: number): Promise<SessionInfo> {
    return this.sendSessionUpdate(this.requireSession("update the session"), { resuming: true, timeout });
  }

  private async sendSessionUpdate(
    session: string,
    body: { resuming?: boolean; timeout?: number },
  ): Promise<SessionInfo> {
    const answer = await this.rest.request<unknown>("PATCH", Routes.session(session), {
      body,
      idempotent: true,
    });
    return validateSessionInfo(answer);
  }

  /**
   * Sends a request on the node's session: after waiting for the session while the node
   * reconnects, and once more after the node's next `ready` when the answer is "Session not found".
   * @internal
   */
  async onSession<T>(what: string, send: (session: string) => Promise<T>): Promise<T> {
    // No await unless waiting: a request must not yield (and fall behind a later one) on its way out.
    if (this.mustWait()) await this.awaitSession(what);
    const generation = this.access.gate.generation;
    try {
      return await send(this.requireSession(what));
    } catch (error) {
      if (!isSessionNotFound(error)) throw error;
      const { gate, waitLimit } = this.access;
      await gate.next(
        generation,
        waitLimit,
        () =>
          new SessionUnavailableError(
            this.name,
            `cannot ${what}: the node answered "Session not found" and had no new session within ${waitLimit} ms`,
            { cause: error },
          ),
      );
    }
    if (this.mustWait()) await this.awaitSession(what);
    try {
      return await send(this.requireSession(what));
    } catch (error) {
      if (!isSessionNotFound(error)) throw error;
      throw new SessionUnavailableError(
        this.name,
        `cannot ${what}: the node answered "Session not found" again after its next ready`,
        { cause: error },
      );
    }
  }

  /** Waits, up to the limit, while the node is away with a session it may resume. */
  private async awaitSession(what: string): Promise<void> {
    const { clock, gate, waitLimit } = this.access;
    const deadline = clock.now() + waitLimit;
    while (this.mustWait()) {
      await gate.next(
        gate.generation,
        Math.max(0, deadline - clock.now()),
        () =>
          new SessionUnavailableError(
            this.name,
            `cannot ${what}: the node was reconnecting and its session did not come back within ${waitLimit} ms`,
          ),
      );
    }
  }

  /**
   * True while the node is away from a session it served and may resume. A session id set by hand
   * on a node that never sent `ready` (the first `connecting`) is used as is: nothing will wake it.
   */
  private mustWait(): boolean {
    const { state, resumable, gate } = this.access;
    const away = state === "reconnecting" || (state === "connecting" && gate.generation > 0);
    return resumable && away && this.sessionId !== null;
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

/** Lavalink's answer for a session id it does not know (or no longer knows). */
function isSessionNotFound(error: unknown): boolean {
  return (
    error instanceof LavalinkRestError && error.status === 404 && error.body?.message === "Session not found"
  );
}

function validateArray(value: unknown, expected: string): unknown[] {
  if (!Array.isArray(value)) throw new ProtocolValidationError("", value, expected);
  return value;
}
