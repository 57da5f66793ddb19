import type { TypedEmitter } from "./emitter.js";
import type { ClientEvents } from "./events.js";
import type { NodeEvents } from "./node/events.js";
import type { Node } from "./node/node.js";
import type { Player, PlayerEvents } from "./player/player.js";

/**
 * The one place a player's events reach the client: re-emitted under the same name with the
 * player first (`autoplay` as is: its event object carries the player already).
 */
export function relayPlayerEvent<K extends keyof PlayerEvents>(
  client: TypedEmitter<ClientEvents>,
  player: Player,
  event: K,
  args: PlayerEvents[K],
): void {
  if (event === "autoplay") client.emit("autoplay", ...(args as PlayerEvents["autoplay"]));
  else client.emit(event, ...([player, ...args] as unknown as ClientEvents[K]));
}

/** The one place a node's events reach the client: the same name, with the node first. */
export function relayNodeEvent<K extends keyof NodeEvents>(
  client: TypedEmitter<ClientEvents>,
  node: Node,
  event: K,
  args: NodeEvents[K],
): void {
  client.emit(event, ...([node, ...args] as unknown as ClientEvents[K]));
}
