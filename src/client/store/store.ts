import type { JsonObject, TrackInfo } from "../../protocol/index.js";

/**
 * Version of the records a {@link SonoraStore} holds. A record written by a newer version is refused
 * with a typed error (never read as something it is not); an older one is migrated on read.
 */
export const STORE_SCHEMA_VERSION = 1;

/** A track as the store keeps it: what the node needs to play it and what the bot attached. */
export interface StoredTrack {
  encoded: string;
  info: TrackInfo;
  pluginInfo?: JsonObject;
  userData?: JsonObject;
}

/** The Discord voice state of a player, as the node needs it to (re)join. */
export interface StoredVoice {
  channelId: string | null;
  sessionId: string | null;
  token: string | null;
  endpoint: string | null;
}

/** Everything needed to bring one guild's player back, in a new process or on another node. */
export interface StoredPlayer {
  schema: number;
  guildId: string;
  /** Name of the node the player is on, and that node's Lavalink session id when it was written. */
  node: string;
  nodeSessionId: string | null;
  voice: StoredVoice;
  track: StoredTrack | null;
  /** Position in ms at `positionAt` (epoch ms of the client's clock); playing time since is added on restore. */
  position: number;
  positionAt: number;
  paused: boolean;
  volume: number;
  /** Lavalink filters object, as the player's FilterManager serialises it. */
  filters: JsonObject;
  queue: {
    upcoming: StoredTrack[];
    history: StoredTrack[];
    loop: "off" | "track" | "queue";
  };
  autoplay: JsonObject;
}

/** A node's Lavalink session, so a new process can resume it (`Session-Id` header). */
export interface StoredNode {
  schema: number;
  name: string;
  sessionId: string;
  /** Seconds the node keeps the session after the socket drops (the resume timeout it was given). */
  resumeTimeout: number;
  /** Epoch ms when the socket was last known open: past `savedAt + resumeTimeout` the session is gone. */
  savedAt: number;
}

/** One durable change: a record written, or deleted with `value: null`. */
export type StoreChange =
  | { kind: "player"; guildId: string; value: StoredPlayer | null }
  | { kind: "node"; name: string; value: StoredNode | null };

/** Which part of a shared store a client owns: every guild (one process), or the guilds of some shards. */
export interface StoreScope {
  /**
   * Names this client's records apart from other clients sharing the store (node sessions are per
   * process). Default `"default"`; a sharded bot uses one per process, e.g. `shards-0-1`.
   */
  clientId: string;
  /** Sharded bots: the shards this process drives and the total count (`(guildId >> 22) % count`). */
  shards?: { ids: readonly number[]; count: number };
}

/** What {@link SonoraStore.open} finds: the records in this client's scope, already migrated. */
export interface StoreContents {
  players: StoredPlayer[];
  nodes: StoredNode[];
}

/**
 * Where a client keeps its players, queues and node sessions so a restarted process can restore
 * them. `write` resolves only once the change is durable (a SIGKILL after it loses nothing). A store
 * shared between processes enforces shard ownership itself (leases with fencing, see `sonora/redis`):
 * a write for a guild whose shard this process no longer owns rejects with `StoreLeaseLostError`.
 */
export interface SonoraStore {
  /** Human-readable kind, for errors and logs (`"memory"`, `"file"`, `"redis"`). */
  readonly kind: string;
  /** Opens the store for `scope` (taking shard leases where shared) and reads what it holds. */
  open(scope: StoreScope): Promise<StoreContents>;
  /** Applies changes atomically and durably, in order. */
  write(changes: readonly StoreChange[]): Promise<void>;
  /** Releases leases and handles; the records stay for the next process. */
  close(): Promise<void>;
}
