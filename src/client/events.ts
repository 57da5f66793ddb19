import type { DebugEvent } from "./debug.js";
import type { NodeEvents } from "./node/events.js";
import type { Node } from "./node/node.js";
import type { Player, PlayerDestroyReason, PlayerEvents } from "./player/player.js";

export type { EventMap, Listener } from "./emitter.js";
export { TypedEmitter } from "./emitter.js";
export type { NodeDisconnectInfo, NodeEvents } from "./node/events.js";
export type { AutoplayEvent, PlayerDestroyReason, PlayerEvents } from "./player/player.js";

/** A node's events as the client emits them: the same names, with the node as first argument. */
export type NodeEventsOnClient = { [K in keyof NodeEvents]: [node: Node, ...args: NodeEvents[K]] };

/**
 * A player's events as the client re-emits them: the same names, with the player as first argument
 * (except `autoplay`, whose event object already carries the player).
 */
export type PlayerEventsOnClient = {
  [K in Exclude<keyof PlayerEvents, "autoplay">]: [player: Player, ...args: PlayerEvents[K]];
} & Pick<PlayerEvents, "autoplay">;

/**
 * Every event of {@link SonoraClient}, with the tuple its listeners receive: each node event (see
 * {@link NodeEvents}) and each player event (see {@link PlayerEvents}) under its one name, plus
 * the client's own.
 */
export type ClientEvents = NodeEventsOnClient &
  PlayerEventsOnClient & {
    /** A node reconnected and resumed its session: its players kept playing. */
    nodeResumed: [node: Node];
    /** A player was created by {@link SonoraClient.getPlayer}. */
    playerCreate: [player: Player];
    /**
     * A player was brought back from the client's store by `start()` (a restarted process): its
     * queue, history, loop, volume, filters and voice are restored, and its track resumes once its
     * node is ready. Emitted once per restored guild, instead of `playerCreate`: attach per-player
     * listeners in both.
     */
    playerRestore: [player: Player];
    /**
     * A player was destroyed: by `player.destroy()` (`"user"`), by `client.close()`
     * (`"clientClosed"`), or because the shared store gave its shard to another process
     * (`"storeLeaseLost"`). See {@link PlayerDestroyReason}.
     */
    playerDestroy: [player: Player, reason: PlayerDestroyReason];
    /** A player moved to another node (by `moveTo` or failover). */
    playerMove: [player: Player, from: Node, to: Node];
    /** A player's complete voice state was sent to its node. */
    voiceUpdate: [player: Player];
    /** The bot left the player's voice channel (Discord reported `channel_id: null`). */
    voiceDisconnect: [player: Player];
    /** A listener threw, or a background task (failover, rebuild) failed. */
    error: [error: unknown];
    /**
     * What the client decided and why, with a stable code (see {@link DebugEvent} and the table in
     * docs/client.md). Nothing is built when nobody listens and no `logger` is set.
     */
    debug: [event: DebugEvent];
  };
