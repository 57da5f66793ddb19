import type { SonoraClient } from "../../client/index.js";
import type { ProtocolSimulator } from "../../simulator/index.js";

/** A simulator and the name the client knows its node by. */
export interface LabelledSimulator {
  /** The node's `name` in the client's node options. */
  name: string;
  simulator: ProtocolSimulator;
}

/** Where one guild stands at the end of a run. */
export interface GuildEndState {
  guildId: string;
  /** Name of the node the client has the guild's player on (null: the client has no player). */
  node: string | null;
  /** That node's simulator is running and the client's connection to it is `ready`. */
  nodeLive: boolean;
  /** The client believes a track is playing (a track loaded, not paused). */
  clientPlaying: boolean;
  /** The node the client has the player on really plays a track for this guild, in the client's session. */
  nodePlaying: boolean;
  /** Tracks still waiting in the client's queue. */
  upcoming: number;
}

/**
 * The end state of every guild in `guildIds`, checked against the nodes' truth: the client's
 * player (its node, its `playing`) and the node's player in the client's session on that node.
 * Public APIs only: `client.players`, `player.node`, `sim.getPlayer`.
 */
export function inspectEndState(
  client: SonoraClient,
  nodes: readonly LabelledSimulator[],
  guildIds: readonly string[],
): GuildEndState[] {
  const byName = new Map(nodes.map((n) => [n.name, n.simulator]));
  return guildIds.map((guildId) => {
    const player = client.players.get(guildId);
    if (player === undefined) {
      return { guildId, node: null, nodeLive: false, clientPlaying: false, nodePlaying: false, upcoming: 0 };
    }
    const node = player.node;
    const simulator = byName.get(node.name);
    const nodeLive = simulator?.running === true && node.state === "ready";
    let nodePlaying = false;
    if (simulator?.running === true && node.sessionId !== null) {
      const truth = simulator.getPlayer(node.sessionId, guildId);
      nodePlaying = truth !== undefined && truth.track !== null && !truth.paused && truth.advancing;
    }
    return {
      guildId,
      node: node.name,
      nodeLive,
      clientPlaying: player.playing,
      nodePlaying,
      upcoming: player.queue.size,
    };
  });
}
