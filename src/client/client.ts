import { type Clock, RealClock } from "../base/clock/index.js";
import { toRandomSource } from "../base/random-source.js";
import { LAVASRC_SEARCH_SOURCES, SEARCH_PREFIXES, type SearchSource } from "../protocol/index.js";
import {
  type DebugCode,
  type DebugPayloads,
  debugEvent,
  errorText,
  type NodeChoicePurpose,
} from "./debug.js";
import {
  type ClientMetrics,
  type MetricsCounters,
  type NodeMetrics,
  sumCounters,
} from "./diagnostics/metrics.js";
import { resolveRecordOption, SessionRecorder } from "./diagnostics/recorder.js";
import { TypedEmitter } from "./emitter.js";
import { ClientStateError } from "./errors/client-state-error.js";
import { InvalidOptionError } from "./errors/invalid-option-error.js";
import { NoNodesAvailableError } from "./errors/no-nodes-available-error.js";
import { VoiceNotConfiguredError } from "./errors/voice-not-configured-error.js";
import type { ClientEvents } from "./events.js";
import { toGuildId } from "./guild-id.js";
import { type ClientLoadResult, isUrl, wrapLoadResult } from "./load.js";
import { checkLogger, logClientEvent, type SonoraLogger } from "./logger.js";
import type { NodeEvents } from "./node/events.js";
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
import { ClientLyrics, type ClientSearchResult, type LoadSearchOptions, loadSearch } from "./plugins.js";
import { NodePool } from "./pool.js";
import { NodeReconciler } from "./reconcile/node-reconciler.js";
import { relayNodeEvent, relayPlayerEvent } from "./relay.js";
import type { StoreLeaseLostError } from "./store/errors.js";
import { ClientPersistence } from "./store/persistence.js";
import { checkScope, shardOf } from "./store/records.js";
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
  /** Lyrics (LavaLyrics) of any track or query, through the least-loaded node. */
  readonly lyrics: ClientLyrics = new ClientLyrics(
    { node: () => this.nodes.best() },
    async (query, source) => (await this.search(query, { source })).tracks,
  );

  private readonly options: ClientOptions;
  private startPromise: Promise<void> | null = null;
  private closed = false;
  private readonly nodeHost: NodeHost & { wantsRaw: boolean };
  private readonly playerHost: PlayerHost & { wantsPlayerUpdates: boolean; wantsDebug: boolean };
  /** The internal side of each player, by guild id (the players hand it over when created). */
  private readonly controls = new Map<string, PlayerControl>();
  /** Reconciliation per node (created on first use). */
  private readonly reconcilers = new Map<Node, NodeReconciler>();
  /** The `logger` option. */
  private readonly logger: SonoraLogger | undefined;
  /** Cached "a `debug` listener or a logger exists": decision points build no payload without it. */
  private debugWanted = false;
  /** The session recording (`record` option or `SONORA_RECORD`), if any. */
  private readonly recorder: SessionRecorder | null;
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
    checkLogger(options.logger);
    this.options = options;
    // The shards are checked here even without a store: getPlayer refuses guilds of other shards.
    if (options.shards !== undefined) checkScope({ clientId: "default", shards: options.shards });
    this.logger = options.logger;
    this.clock = options.clock ?? new RealClock();
    this.userId = options.userId === undefined ? PLACEHOLDER_USER_ID : toUserId(options.userId);
    const random = toRandomSource(options.random);
    const record = resolveRecordOption(options.record, process.env.SONORA_RECORD);
    this.recorder = record === null ? null : new SessionRecorder(record, this.clock);
    this.nodeHost = this.createNodeHost(() => random.next());
    this.playerHost = this.createPlayerHost();
    this.updateDebugWanted();
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
    try {
      // The final state goes to the store before the players end here (their shutdown clears it).
      // Without a store nothing is awaited: the teardown stays synchronous, as it always was.
      if (this.persistence !== null) await this.persistence.close(destroy);
    } finally {
      this.teardown();
    }
    await this.recorder?.close();
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
    // Every player ends here (`playerDestroy` with "clientClosed"): its node and gateway go away.
    for (const control of [...this.controls.values()]) control.shutdown("clientClosed");
    for (const player of this.players.values()) player.removeAllListeners();
    this.players.clear();
    this.controls.clear();
    for (const node of this.nodes) {
      nodeControl(node).detachAll();
      node.destroy();
    }
    this.removeAllListeners();
  }

  // ── Diagnostics ───────────────────────────────────────────────────────────────────────────────

  /**
   * A snapshot of the client's counters and gauges, per node and in total: frames received by op
   * and event type, REST attempts by route and method (status classes, latency histograms with
   * the fixed buckets {@link REST_LATENCY_BUCKETS_MS}), reconnects, resumes, failovers, rollbacks,
   * players and queued tracks. Plain data (a copy): `JSON.stringify` it, diff two of them, or
   * expose it with `sonora/prometheus`. Counting costs a few increments per frame; this call
   * does the adding up. See docs/diagnostics.md.
   */
  metrics(): ClientMetrics {
    const nodes: Record<string, NodeMetrics> = {};
    const parts: MetricsCounters[] = [];
    for (const node of this.nodes) {
      const counters = nodeControl(node).counters.snapshot();
      for (const { playing } of node.players.values()) if (playing) counters.playing++;
      counters.players = node.players.size;
      for (const player of this.players.values()) {
        if (player.node === node) counters.queuedTracks += player.queue.size;
      }
      nodes[node.name] = { name: node.name, state: node.state, ...counters };
      parts.push(counters);
    }
    return { takenAt: this.clock.now(), nodes, total: sumCounters(parts) };
  }

  // ── Players ───────────────────────────────────────────────────────────────────────────────────

  /**
   * The player of a guild, created on the least-loaded ready node if there is none. Rejects with
   * {@link NoNodesAvailableError} when no node is ready, {@link InvalidGuildIdError} for a bad id,
   * and {@link StoreLeaseLostError} for a guild whose shard the shared store gave to another process.
   */
  async getPlayer(guildId: string | number, options: GetPlayerOptions = {}): Promise<Player> {
    const id = toGuildId(guildId);
    const existing = this.players.get(id);
    if (existing) return existing;
    if (this.closed) throw new ClientStateError("cannot create a player: the client is closed");
    const shards = this.options.shards;
    if (shards !== undefined && !shards.ids.includes(shardOf(id, shards.count))) {
      // Another process drives this guild: two clients on one guild would fight over its player.
      throw new ClientStateError(
        `cannot create a player for guild ${id}: it belongs to shard ${shardOf(id, shards.count)} of ${shards.count}, and this client drives shard(s) ${shards.ids.join(", ")}`,
      );
    }
    // The store refuses this guild's records: another process drives it now.
    const leaseLost = this.persistence?.lostError(id) ?? null;
    if (leaseLost !== null) throw leaseLost;
    let node: Node;
    if (options.node !== undefined) {
      const wanted = typeof options.node === "string" ? this.nodes.get(options.node) : options.node;
      if (wanted === undefined)
        throw new InvalidOptionError("node", options.node, "the name of a configured node");
      node = wanted;
    } else {
      node = this.chooseNode("player", id);
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
    return wrapLoadResult(await this.chooseNode("load").loadTracks(identifier));
  }

  /**
   * Searches `query` on a source (default YouTube). A URL, or a query that already carries a
   * `xxsearch:` prefix, is loaded as is. A source only LavaSrc serves (Spotify, Apple Music,
   * Deezer, Yandex Music, VK Music, Tidal, Qobuz, JioSaavn) on a node whose `/v4/info` does not
   * list LavaSrc rejects with {@link PluginUnavailableError} before the search is sent (the node
   * would answer an empty result).
   */
  async search(query: string, options: SearchOptions = {}): Promise<ClientLoadResult> {
    checkIdentifier("query", query);
    if (typeof options !== "object" || options === null) {
      throw new InvalidOptionError("options", options, "an object { source? }");
    }
    // Checked even when the query is a URL, so a typo in `source` never goes unnoticed.
    const source = checkSearchSource(options.source ?? "youtube");
    if (isUrl(query) || /^[a-z]+search:/i.test(query)) return this.load(query);
    const node = this.chooseNode("load");
    if (LAVASRC_SEARCH_SOURCES.has(source)) await node.plugins.require("lavasrc", `search ${source}`);
    return wrapLoadResult(await node.loadTracks(`${SEARCH_PREFIXES[source]}${query}`));
  }

  /**
   * LavaSearch (`GET /v4/loadsearch`) on the least-loaded node: tracks, albums, artists, playlists
   * and texts for a query (`types` narrows them). See {@link LoadSearchOptions}.
   */
  loadSearch(query: string, options: LoadSearchOptions = {}): Promise<ClientSearchResult> {
    return loadSearch({ node: () => this.nodes.best() }, query, options);
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

  /** Emits an event; with a `logger`, writes it there first (see docs/client.md, "Logging"). */
  override emit<K extends keyof ClientEvents>(event: K, ...args: ClientEvents[K]): boolean {
    // One field read when no logger is set: the frame hot path stays as it was.
    if (this.logger !== undefined) logClientEvent(this.logger, event, args);
    return super.emit(event, ...args);
  }

  protected override onListenerError(error: unknown, event: string): void {
    if (event !== "error" && this.listenerCount("error") > 0) this.emit("error", error);
    else if (this.logger !== undefined) this.logger.error({ err: error, event }, "sonora: a listener threw");
    else super.onListenerError(error, event);
  }

  /** The pool's choice, reported as `NODE_CHOSEN` when someone listens. */
  private chooseNode(purpose: NodeChoicePurpose, guildId?: string, except?: Node): Node {
    const node = this.nodes.best(except);
    if (this.debugWanted) {
      const candidates = [...this.nodes].map((n) => ({
        node: n.name,
        penalty: n.ready && n !== except ? n.penalty : null,
      }));
      this.debug("NODE_CHOSEN", `${purpose}: chose ${node.name}, the ready node with the lowest penalty`, {
        node: node.name,
        penalty: node.penalty,
        purpose,
        ...(guildId === undefined ? {} : { guildId }),
        candidates,
      });
    }
    return node;
  }

  /** Emits a `debug` event; callers check {@link debugWanted} first (building costs). */
  private debug<C extends DebugCode>(code: C, message: string, data: DebugPayloads[C]): void {
    this.emit("debug", debugEvent(code, message, data));
  }

  private updateDebugWanted(): void {
    this.debugWanted = this.logger !== undefined || this.listenerCount("debug") > 0;
    if (this.playerHost) this.playerHost.wantsDebug = this.debugWanted;
  }

  protected override listenersChanged(event: keyof ClientEvents): void {
    // Plain data flags (not getters): the frame hot path reads them once per frame.
    // Guarded: the base constructor may report changes before the hosts exist.
    if (event === "raw" && this.nodeHost) this.nodeHost.wantsRaw = this.listenerCount("raw") > 0;
    if (event === "playerUpdate" && this.playerHost) {
      this.playerHost.wantsPlayerUpdates = this.listenerCount("playerUpdate") > 0;
    }
    if (event === "debug") this.updateDebugWanted();
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
        if (this.debugWanted) this.debugNodeEvent(node, event, args);
        if (event === "nodeLost") void this.evacuate(node);
      },
      ready: (node, resumed) => this.onNodeReady(node, resumed),
      recorder: this.recorder,
    };
  }

  /** The debug side of a node event: the decision the node's connection just made. */
  private debugNodeEvent(node: Node, event: keyof NodeEvents, args: unknown[]): void {
    if (event === "nodeReconnecting") {
      const [attempt, delay] = args as NodeEvents["nodeReconnecting"];
      const { maxRetries } = node.settings.reconnect;
      this.debug(
        "NODE_RECONNECT_ATTEMPT",
        `${node.name}: reconnect ${attempt}/${maxRetries} in ${delay} ms`,
        {
          node: node.name,
          attempt,
          maxRetries,
          delay,
        },
      );
    } else if (event === "nodeLost") {
      const [error] = args as NodeEvents["nodeLost"];
      const players = node.players.size;
      this.debug("NODE_LOST", `${node.name}: declared lost, ${players} player(s) to move`, {
        node: node.name,
        reason: errorText(error),
        players,
      });
    } else if (event === "nodeRecovered") {
      this.debug("NODE_RECOVERED", `${node.name}: recovered, takes players again`, { node: node.name });
    }
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
        restored: (control) => this.emit("playerRestore", control.player),
        leaseLost: (owns) => {
          for (const control of [...this.controls.values()]) {
            if (owns(control.player.guildId)) control.shutdown("storeLeaseLost");
          }
        },
      },
    );
  }

  private createPlayerHost(): PlayerHost & { wantsPlayerUpdates: boolean; wantsDebug: boolean } {
    return {
      clock: this.clock,
      wantsPlayerUpdates: false,
      wantsDebug: false,
      debug: (event) => this.emit("debug", event),
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
      destroyed: (player, reason) => this.emit("playerDestroy", player, reason),
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
    if (this.debugWanted && (resumed || players.length > 0)) {
      const data = { node: node.name, sessionId: node.sessionId ?? "", players: players.length };
      if (resumed) this.debug("SESSION_RESUMED", `${node.name}: session resumed, players kept playing`, data);
      else
        this.debug(
          "SESSION_REPLACED",
          `${node.name}: new session, rebuilding ${players.length} player(s)`,
          data,
        );
    }
    // The plugins reset their per-session state whenever a socket opens, resumed or not.
    for (const p of players) p.pluginSocketOpened(node);
    if (resumed) {
      for (const p of players) p.clearNodeDropped();
      this.emit("nodeResumed", node);
      // Voice updates from Discord that came while the socket was down were held (flushVoice
      // needs a ready node); the resumed session still has the old voice state.
      await Promise.all(
        players.map((p) => p.flushVoice().catch((error: unknown) => this.emit("error", error))),
      );
      // SponsorBlock categories and live lyrics again (a rebuild below restores them itself).
      await Promise.all(
        players.map((p) => p.reapplyPlugins().catch((error: unknown) => this.emit("error", error))),
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
        target = this.chooseNode("failover", player.guildId, node);
      } catch {
        // Nothing is ready; onNodeReady retries when a node comes up.
        if (this.debugWanted) {
          for (const { player: stranded } of this.hostedBy(node)) {
            this.debug("PLAYER_STRANDED", `${stranded.guildId}: no ready node, waits on ${node.name}`, {
              guildId: stranded.guildId,
              node: node.name,
            });
          }
        }
        return;
      }
      try {
        await player.moveTo(target);
        nodeControl(node).counters.failovers++;
        if (this.debugWanted) {
          this.debug("PLAYER_FAILOVER", `${player.guildId}: moved off lost ${node.name} to ${target.name}`, {
            guildId: player.guildId,
            from: node.name,
            to: target.name,
          });
        }
      } catch (error) {
        if (this.debugWanted) {
          this.debug("PLAYER_FAILOVER_FAILED", `${player.guildId}: could not move to ${target.name}`, {
            guildId: player.guildId,
            from: node.name,
            to: target.name,
            error: errorText(error),
          });
        }
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
