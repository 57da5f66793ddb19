import { type Clock, RealClock } from "../base/clock/index.js";
import { toRandomSource } from "../base/random-source.js";
import { SEARCH_PREFIXES, type SearchSource } from "../protocol/index.js";
import { TypedEmitter } from "./emitter.js";
import { ClientStateError } from "./errors/client-state-error.js";
import { InvalidOptionError } from "./errors/invalid-option-error.js";
import { NoNodesAvailableError } from "./errors/no-nodes-available-error.js";
import { VoiceNotConfiguredError } from "./errors/voice-not-configured-error.js";
import type { ClientEvents } from "./events.js";
import { toGuildId } from "./guild-id.js";
import { type ClientLoadResult, isUrl, wrapLoadResult } from "./load.js";
import { Node, type NodeHost, nodeControl } from "./node/node.js";
import type { NodeOptions } from "./node/options.js";
import { applyOfflineSwitch } from "./offline.js";
import {
  checkClientOptions,
  checkIdentifier,
  checkNodeOptionTypes,
  checkSearchSource,
} from "./option-checks.js";
import {
  type ClientOptions,
  type CloseOptions,
  checkNodeOptions,
  PLACEHOLDER_USER_ID,
  resolveNodeSettings,
} from "./options.js";
import { type GatewayVoicePayload, Player, type PlayerControl, type PlayerHost } from "./player/player.js";
import { NodePool } from "./pool.js";
import { NodeReconciler } from "./reconcile/node-reconciler.js";
import { relayNodeEvent, relayPlayerEvent } from "./relay.js";
import { ClientPersistence } from "./store/persistence.js";
import { Track } from "./track.js";
import { handleVoicePacket, type RawGatewayPacket } from "./voice/handler.js";

/** Options of {@link SonoraClient.getPlayer}. */
export interface GetPlayerOptions {
  /** Place a new player on this node instead of the least-loaded one. */
  node?: Node | string;
}

/** Options of {@link SonoraClient.search}. */
export interface SearchOptions {
  /** Search source (default `youtube`); ignored when the query is a URL or already has a prefix. */
  source?: SearchSource;
}

/**
 * The Lavalink client: owns the nodes, the players (one per guild) and the voice bridge to
 * Discord. Events of every node and player are emitted here, fully typed (see {@link ClientEvents}).
 */
export class SonoraClient extends TypedEmitter<ClientEvents> {
  /** The configured nodes. */
  readonly nodes = new NodePool();
  /** Players by guild id. */
  readonly players = new Map<string, Player>();
  /** Time source of the client. */
  readonly clock: Clock;
  /** The bot's user id (the placeholder `"1"` when none was given). */
  readonly userId: string;

  private readonly options: ClientOptions;
  private startPromise: Promise<void> | null = null;
  private closed = false;
  private readonly nodeHost: NodeHost & { wantsRaw: boolean };
  private readonly playerHost: PlayerHost & { wantsPlayerUpdates: boolean };
  /** The internal side of each player, by guild id (the players hand it over when created). */
  private readonly controls = new Map<string, PlayerControl>();
  /** Reconciliation per node (created on first use). */
  private readonly reconcilers = new Map<Node, NodeReconciler>();
  /** The store side (null without `options.store`). */
  private readonly persistence: ClientPersistence | null;

  constructor(nodes: NodeOptions[], options: ClientOptions = {}) {
    super();
    // The `offline` option, or SONORA_OFFLINE=1 when it is unset, swaps the configured nodes for a
    // local simulator (see offline.ts). Read before the options are checked, as it always was: in
    // offline mode a bad `nodes` is replaced rather than refused.
    nodes = applyOfflineSwitch(nodes, (options as Partial<ClientOptions> | null)?.offline);
    if (!Array.isArray(nodes) || nodes.length === 0) {
      throw new InvalidOptionError("nodes", nodes, "a non-empty array of { host, port, password }");
    }
    checkClientOptions(options);
    this.options = options;
    this.clock = options.clock ?? new RealClock();
    this.userId = options.userId === undefined ? PLACEHOLDER_USER_ID : toUserId(options.userId);
    const random = toRandomSource(options.random);
    this.nodeHost = this.createNodeHost(() => random.next());
    this.playerHost = this.createPlayerHost();
    nodes.forEach((node, index) => {
      checkNodeOptions(node, index);
      checkNodeOptionTypes(node as unknown as Record<string, unknown>, index);
      const name = node.name ?? `${node.host}:${node.port}`;
      this.nodes.add(new Node(node, resolveNodeSettings(node, options, name), this.nodeHost));
    });
    this.persistence = this.createPersistence(options);
  }

  // ── Lifecycle ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Connects every node. Resolves once each node either reached `ready` or failed its first
   * attempt (failed nodes keep retrying in the background and are reported as `nodeError`).
   * Rejects with {@link NoNodesAvailableError} only when no node connected; the client is then closed.
   */
  start(): Promise<void> {
    if (this.closed)
      return Promise.reject(new ClientStateError("cannot start a closed client; create a new one"));
    this.startPromise ??= this.connectAll();
    return this.startPromise;
  }

  private async connectAll(): Promise<void> {
    if (this.persistence !== null) {
      try {
        await this.persistence.restore();
      } catch (error) {
        // The store could not be read (damaged, newer schema, unreachable): nothing was restored and
        // nothing connected, and start() may be called again once the store is fixed.
        this.startPromise = null;
        throw error;
      }
    }
    const nodes = [...this.nodes];
    const results = await Promise.allSettled(nodes.map((n) => n.connect()));
    // close() during start destroyed the nodes: that is why they failed, not that none was reachable.
    if (this.closed) throw new ClientStateError("the client was closed while start() was connecting");
    const errors: Error[] = [];
    results.forEach((result, i) => {
      if (result.status === "rejected") {
        const error = result.reason instanceof Error ? result.reason : new Error(String(result.reason));
        errors.push(error);
        this.emit("nodeError", nodes[i]!, error);
      }
    });
    if (errors.length === nodes.length) {
      await this.close();
      throw new NoNodesAvailableError(`none of the ${nodes.length} node(s) could be reached`, errors);
    }
  }

  /**
   * Destroys every node (sockets, REST agents, timers) and forgets the players. By default the
   * players keep playing on their nodes until the session's resume timeout, and a store keeps their
   * records, so the next process resumes them; `{ destroyPlayers: true }` ends everything (see
   * {@link CloseOptions}). Rejects with a store error when the final write failed (the client is
   * closed all the same).
   */
  async close(options: CloseOptions = {}): Promise<void> {
    if (this.closed) return;
    if (typeof options !== "object" || options === null) {
      throw new InvalidOptionError("options", options, "an object { destroyPlayers? }");
    }
    const destroy = options.destroyPlayers === true;
    if (destroy) await this.destroyAll();
    this.closed = true;
    for (const reconciler of this.reconcilers.values()) reconciler.dispose();
    // Without a store the teardown stays synchronous, as it always was.
    if (this.persistence === null) return this.teardown();
    try {
      await this.persistence.close(destroy);
    } finally {
      this.teardown();
    }
  }

  /** Destroys every player on its node and stops the sessions from waiting for a resume. */
  private async destroyAll(): Promise<void> {
    await Promise.all(
      [...this.players.values()].map((p) => p.destroy().catch((error: unknown) => this.emit("error", error))),
    );
    await Promise.all(
      [...this.nodes]
        .filter((n) => n.ready && n.settings.resume !== false)
        .map((n) => n.updateSession({ resuming: false }).catch(() => undefined)),
    );
  }

  private teardown(): void {
    for (const player of this.players.values()) player.removeAllListeners();
    this.players.clear();
    this.controls.clear();
    for (const node of this.nodes) {
      nodeControl(node).detachAll();
      node.destroy();
    }
    this.removeAllListeners();
  }

  // ── Players ───────────────────────────────────────────────────────────────────────────────────

  /**
   * The player of a guild, created on the least-loaded ready node if there is none. Rejects with
   * {@link NoNodesAvailableError} when no node is ready, {@link InvalidGuildIdError} for a bad id.
   */
  async getPlayer(guildId: string | number, options: GetPlayerOptions = {}): Promise<Player> {
    const id = toGuildId(guildId);
    const existing = this.players.get(id);
    if (existing) return existing;
    if (this.closed) throw new ClientStateError("cannot create a player: the client is closed");
    let node: Node;
    if (options.node !== undefined) {
      const wanted = typeof options.node === "string" ? this.nodes.get(options.node) : options.node;
      if (wanted === undefined)
        throw new InvalidOptionError("node", options.node, "the name of a configured node");
      node = wanted;
    } else {
      node = this.nodes.best();
    }
    const player = new Player(id, node, this.playerHost);
    this.players.set(id, player);
    this.emit("playerCreate", player);
    return player;
  }

  // ── Loading ───────────────────────────────────────────────────────────────────────────────────

  /** Loads an identifier (URL, search with prefix, …) on the least-loaded ready node. */
  async load(identifier: string): Promise<ClientLoadResult> {
    checkIdentifier("identifier", identifier);
    return wrapLoadResult(await this.nodes.best().loadTracks(identifier));
  }

  /**
   * Searches `query` on a source (default YouTube). A URL, or a query that already carries a
   * `xxsearch:` prefix, is loaded as is.
   */
  async search(query: string, options: SearchOptions = {}): Promise<ClientLoadResult> {
    checkIdentifier("query", query);
    if (typeof options !== "object" || options === null) {
      throw new InvalidOptionError("options", options, "an object { source? }");
    }
    // Checked even when the query is a URL, so a typo in `source` never goes unnoticed.
    const source = checkSearchSource(options.source ?? "youtube");
    if (isUrl(query) || /^[a-z]+search:/i.test(query)) return this.load(query);
    return this.load(`${SEARCH_PREFIXES[source]}${query}`);
  }

  /** Decodes an encoded track locally with the codec (no request). */
  decodeTrack(encoded: string): Track {
    return Track.from(encoded);
  }

  /** Decodes encoded tracks locally with the codec (no request). */
  decodeTracks(encoded: readonly string[]): Track[] {
    return encoded.map((e) => Track.from(e));
  }

  // ── Voice ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Feeds a Discord gateway dispatch (`{ t, d }`, e.g. discord.js's `raw` event). Only
   * VOICE_STATE_UPDATE of the bot itself and VOICE_SERVER_UPDATE for guilds with a player are
   * used. Resolves when any resulting voice update reached the node; never rejects (failures are
   * emitted as `error`).
   */
  async handleRaw(packet: RawGatewayPacket): Promise<void> {
    if (this.closed) return;
    try {
      await handleVoicePacket(
        packet,
        this.userId,
        (guildId) => this.controls.get(guildId),
        (control) => this.emit("voiceDisconnect", control.player),
      );
    } catch (error) {
      this.emit("error", error);
    }
  }

  private async sendGateway(guildId: string, payload: GatewayVoicePayload): Promise<void> {
    if (this.options.send === undefined) throw new VoiceNotConfiguredError(guildId);
    await this.options.send(guildId, payload);
  }

  // ── Node events ───────────────────────────────────────────────────────────────────────────────

  protected override onListenerError(error: unknown, event: string): void {
    if (event !== "error" && this.listenerCount("error") > 0) this.emit("error", error);
    else super.onListenerError(error, event);
  }

  protected override listenersChanged(event: keyof ClientEvents): void {
    // Plain data flags (not getters): the frame hot path reads them once per frame.
    // Guarded: the base constructor may report changes before the hosts exist.
    if (event === "raw" && this.nodeHost) this.nodeHost.wantsRaw = this.listenerCount("raw") > 0;
    if (event === "playerUpdate" && this.playerHost) {
      this.playerHost.wantsPlayerUpdates = this.listenerCount("playerUpdate") > 0;
    }
  }

  private createNodeHost(random: () => number): NodeHost & { wantsRaw: boolean } {
    // Arrow functions keep `this` and stay off the client's public surface.
    return {
      clock: this.clock,
      userId: this.userId,
      random,
      wantsRaw: false,
      report: (node, event, ...args) => {
        // The client's own reaction comes first where the event announces a finished fact
        // (players marked as dropped), after it where it starts work (the evacuation).
        if (event === "nodeDisconnect") for (const p of this.hostedBy(node)) p.markNodeDropped();
        relayNodeEvent(this, node, event, args);
        if (event === "nodeLost") void this.evacuate(node);
      },
      ready: (node, resumed) => this.onNodeReady(node, resumed),
    };
  }

  private createPersistence(options: ClientOptions): ClientPersistence | null {
    if (options.store === undefined) return null;
    return new ClientPersistence(
      {
        store: options.store,
        clientId: options.clientId,
        shards: options.shards,
        checkpointInterval: options.storeCheckpointInterval,
      },
      {
        clock: this.clock,
        nodes: this.nodes,
        control: (guildId) => this.controls.get(guildId),
        controls: () => this.controls.values(),
        create: (guildId, node) => {
          const player = new Player(guildId, node, this.playerHost);
          this.players.set(guildId, player);
          return this.controls.get(guildId) as PlayerControl;
        },
        error: (error) => this.emit("error", error),
      },
    );
  }

  private createPlayerHost(): PlayerHost & { wantsPlayerUpdates: boolean } {
    return {
      clock: this.clock,
      wantsPlayerUpdates: false,
      sendGateway: (guildId, payload) => this.sendGateway(guildId, payload),
      nextTurn: nextMacrotask,
      adopt: (control) => this.controls.set(control.player.guildId, control),
      relay: (player, event, args) => relayPlayerEvent(this, player, event, args),
      moved: (player, from, to) => {
        this.emit("playerMove", player, from, to);
        // The restore's answer is the node's word on the track it got, not on events lost on the way.
        this.reconcile(to, player.guildId);
      },
      forget: (player) => {
        if (this.players.get(player.guildId) === player) {
          this.players.delete(player.guildId);
          this.controls.delete(player.guildId);
        }
      },
      destroyed: (player) => this.emit("playerDestroy", player),
      voiceSent: (player) => this.emit("voiceUpdate", player),
      error: (error) => this.emit("error", error),
      reconcile: (player) => this.reconcile(player.node, player.guildId),
      persist: (player) => this.persistence?.persist(player.guildId) ?? RESOLVED,
    };
  }

  /**
   * Asks `node` for its players and converges `guildId` (or every player it hosts) on them. See
   * docs/client.md, "Recovery and reconciliation".
   */
  private reconcile(node: Node, guildId?: string): void {
    if (this.closed) return;
    let reconciler = this.reconcilers.get(node);
    if (reconciler === undefined) {
      const client = this;
      reconciler = new NodeReconciler(node, {
        clock: this.clock,
        target: (id) => this.controls.get(id),
        hostedBy: (n) => this.hostedBy(n),
        get closed() {
          return client.closed;
        },
        error: (error) => this.emit("error", error),
      });
      this.reconcilers.set(node, reconciler);
    }
    reconciler.request(guildId);
  }

  /** The internal side of the players a node hosts. */
  private hostedBy(node: Node): PlayerControl[] {
    const hosted: PlayerControl[] = [];
    for (const guildId of node.players.keys()) {
      const control = this.controls.get(guildId);
      if (control !== undefined) hosted.push(control);
    }
    return hosted;
  }

  private async onNodeReady(node: Node, resumed: boolean): Promise<void> {
    if (this.persistence !== null) {
      this.persistence.nodeReady(node);
      // After a restore: no player of the previous process may play on beside ours (see sweep).
      await this.persistence
        .sweep(node, resumed, (guildId) => node.players.has(guildId))
        .catch((error: unknown) => this.emit("error", error));
    }
    relayNodeEvent(this, node, "nodeReady", [resumed]);
    const players = this.hostedBy(node);
    if (resumed) {
      for (const p of players) p.clearNodeDropped();
      this.emit("nodeResumed", node);
      // Voice updates from Discord that came while the socket was down were held (flushVoice
      // needs a ready node); the resumed session still has the old voice state.
      await Promise.all(
        players.map((p) => p.flushVoice().catch((error: unknown) => this.emit("error", error))),
      );
    } else {
      // The node lost our session: recreate every player from the client's own state.
      await Promise.all(players.map((p) => p.rebuild().catch((error: unknown) => this.emit("error", error))));
    }
    // Events may have been lost with the old socket (a frame it was writing, or a replay dropped
    // again), and a rebuild may have failed part-way: compare every player with the node's truth.
    // A new session holds only what was rebuilt, so with no players there is nothing to compare.
    if (resumed || players.length > 0) this.reconcile(node);
    // Players stranded on dead nodes (no other node was ready when theirs died) come here.
    for (const other of this.nodes) {
      if (other !== node && other.state === "disconnected" && other.players.size > 0)
        await this.evacuate(other);
    }
  }

  /** Moves every player of a lost node to the best ready node. */
  private async evacuate(node: Node): Promise<void> {
    for (const { player } of this.hostedBy(node)) {
      if (this.closed) return;
      // Two nodes coming up together each evacuate the same lost node: a player the other
      // evacuation (or the user) already moved, or one destroyed meanwhile, is no longer ours.
      if (player.node !== node || player.destroyed) continue;
      let target: Node;
      try {
        target = this.nodes.best(node);
      } catch {
        return; // Nothing is ready; onNodeReady retries when a node comes up.
      }
      try {
        await player.moveTo(target);
      } catch (error) {
        this.emit("error", error);
      }
    }
  }
}

function toUserId(value: unknown): string {
  try {
    return toGuildId(value);
  } catch (error) {
    throw new InvalidOptionError("userId", value, "the bot's Discord user id as a string of digits", {
      cause: error,
    });
  }
}

const RESOLVED = Promise.resolve();

/** Resolves after one macrotask turn: every promise step queued before it has run by then. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
