import type { SeededRandom } from "../base/random.js";
import { SimulatorError } from "./errors.js";
import type { PlayerCounts } from "./node-info.js";
import type { SimPlayer } from "./player.js";
import type { Session } from "./session.js";
import type { PeerSocket } from "./transport/peer-socket.js";

const ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Every session a simulator knows, in the two states Lavalink distinguishes: connected (`live`)
 * and disconnected but waiting to be resumed (`resumable`), plus which socket belongs to which
 * session. Lookups that tests and fault injection need live here, so the simulator class only
 * wires things together.
 */
export class SessionRegistry {
  /** Sessions with a WebSocket attached. */
  readonly live = new Map<string, Session>();
  /** Sessions whose socket closed and that wait for a client to resume them. */
  readonly resumable = new Map<string, Session>();
  /** Open sockets and their sessions (a socket can outlive its session's claim on it). */
  readonly sockets = new Map<PeerSocket, Session>();

  constructor(private readonly idRandom: SeededRandom) {}

  /** Connected sessions first, then those waiting to be resumed. */
  all(): Session[] {
    return [...this.live.values(), ...this.resumable.values()];
  }

  /** A connected or resumable session by id. */
  get(sessionId: string): Session | undefined {
    return this.live.get(sessionId) ?? this.resumable.get(sessionId);
  }

  /** A fresh 16-character `[a-z0-9]` id drawn from the seed, unused by any known session. */
  newSessionId(): string {
    for (;;) {
      let id = "";
      for (let i = 0; i < 16; i++) id += ID_CHARS[this.idRandom.int(0, ID_CHARS.length - 1)];
      if (!this.live.has(id) && !this.resumable.has(id)) return id;
    }
  }

  /** The player of a guild; without a session id, in the first session that holds the guild. */
  findPlayer(
    sessionId: string | undefined,
    guildId: string,
  ): { session: Session; player: SimPlayer } | undefined {
    for (const session of this.all()) {
      if (sessionId !== undefined && session.id !== sessionId) continue;
      const player = session.players.get(guildId);
      if (player !== undefined) return { session, player };
    }
    return undefined;
  }

  /** Like {@link findPlayer}, but throws SIM_UNKNOWN_PLAYER when there is none. */
  requirePlayer(sessionId: string | undefined, guildId: string): { session: Session; player: SimPlayer } {
    const found = this.findPlayer(sessionId, guildId);
    if (found !== undefined) return found;
    throw new SimulatorError(
      "SIM_UNKNOWN_PLAYER",
      `no player for guild ${guildId}${sessionId === undefined ? "" : ` in session ${sessionId}`}; create it with PATCH first`,
    );
  }

  /** The socket of a connected session; throws SIM_UNKNOWN_SESSION otherwise. */
  requireSocket(sessionId: string): PeerSocket {
    const ws = this.live.get(sessionId)?.ws;
    if (ws === null || ws === undefined) {
      throw new SimulatorError(
        "SIM_UNKNOWN_SESSION",
        `no connected session ${JSON.stringify(sessionId)}; see sim.sessions`,
      );
    }
    return ws;
  }

  /** Players and playing players over the connected sessions, as Lavalink's StatsCollector counts. */
  countPlayers(): PlayerCounts {
    let players = 0;
    let playing = 0;
    for (const session of this.live.values()) {
      players += session.players.size;
      for (const p of session.players.values()) if (p.playing) playing++;
    }
    return { players, playing };
  }

  /** A session ended (resume timeout, or closed without resuming): forget it. */
  forget(session: Session): void {
    this.live.delete(session.id);
    this.resumable.delete(session.id);
  }

  /** Forgets everything (the node stopped or died). */
  clear(): void {
    this.sockets.clear();
    this.live.clear();
    this.resumable.clear();
  }
}
