import type { ServerResponse } from "node:http";
import type { WebSocket } from "ws";
import type { Clock } from "../../base/clock/index.js";
import type { SeededRandom } from "../../base/random.js";
import type { SimPlayer } from "../player.js";
import type { FrameOwner, RestReply } from "../transport/transport.js";
import type { FaultMark } from "./types.js";

/** An outgoing WebSocket frame as the transport hands it over. */
export interface OutgoingFrame {
  owner: FrameOwner;
  ws: WebSocket;
  text: string;
  op: string;
  type: string | undefined;
  guildId: string | undefined;
}

/**
 * What the {@link Transport} needs from fault injection: it asks before each frame and REST
 * exchange, and the hook then records (with its decisions), delays, rewrites or drops the traffic.
 */
export interface FaultHook {
  /** False when no fault is registered and nothing is held back: the transport then takes its fast path. */
  readonly engaged: boolean;
  outgoingFrame(frame: OutgoingFrame, record: (sent: string, marks?: FaultMark[]) => void): void;
  incomingFrame(
    frame: { owner: FrameOwner; ws: WebSocket; body: string },
    record: (marks?: FaultMark[]) => void,
  ): void;
  incomingRequest(
    res: ServerResponse,
    request: { method: string; path: string; body: string },
    record: (marks?: FaultMark[]) => void,
    handle: () => void,
    answer: (reply: RestReply) => void,
  ): void;
  outgoingReply(
    res: ServerResponse,
    reply: RestReply,
    record: (sent: RestReply, marks?: FaultMark[]) => void,
    write: (sent: RestReply) => void,
  ): void;
}

/** What fault injection needs from the simulator that owns it. */
export interface FaultHost {
  readonly clock: Clock;
  /** The simulator's `faults` stream; each fault forks its own sub-stream from it. */
  readonly random: SeededRandom;
  /** The player of a guild (first session holding it without a session id); throws when absent. */
  requirePlayer(sessionId: string | undefined, guildId: string): { sessionId: string; player: SimPlayer };
  /** Sends WebSocketClosedEvent for a player, as Discord closing its voice connection. */
  closeVoice(
    sessionId: string | undefined,
    guildId: string,
    close: { code?: number; reason?: string; byRemote?: boolean },
  ): void;
}
