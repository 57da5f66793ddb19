import type { Clock } from "../../base/clock/index.js";
import type { SeededRandom } from "../../base/random.js";
import type { SimPlayer } from "../player.js";

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
