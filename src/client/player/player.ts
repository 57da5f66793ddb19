import type { Clock } from "../../base/clock/index.js";
import type {
  Chapter,
  ChapterStartedEvent,
  ChaptersLoadedEvent,
  Filters,
  JsonObject,
  LavalinkEvent,
  LavalinkException,
  LavalinkPlayer,
  Lyrics,
  LyricsFoundEvent,
  LyricsLine,
  LyricsLineEvent,
  LyricsNotFoundEvent,
  PlayerState,
  PluginEvent,
  Segment,
  SegmentSkippedEvent,
  SegmentsLoadedEvent,
  TrackEndEvent,
  TrackEndReason,
  TrackExceptionEvent,
  TrackStartEvent,
  TrackStuckEvent,
  UpdatePlayerRequest,
  WebSocketClosedEvent,
} from "../../protocol/index.js";
import { isKnownPluginEventType, type KnownPluginEvent } from "../../protocol/index.js";
import { type AutoplayConfig, AutoplayEngine, type AutoplayRecommendation } from "../autoplay/index.js";
import { type DebugCode, type DebugEvent, type DebugPayloads, debugEvent, errorText } from "../debug.js";
import { TypedEmitter } from "../emitter.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import { LavalinkRestError } from "../errors/lavalink-rest-error.js";
import { NodeUnavailableError } from "../errors/node-unavailable-error.js";
import { FilterManager } from "../filters/index.js";
import { toGuildId } from "../guild-id.js";
import type { FrameSink } from "../node/frames.js";
import { type Node, nodeControl } from "../node/node.js";
import type { LyricsOptions } from "../node/plugins.js";
import { Queue, type QueueOptions } from "../queue/index.js";
import { queueControl } from "../queue/queue.js";
import { PlaybackLedger } from "../reconcile/ledger.js";
import { filterSpeed, impliedPosition, storedTrack, trackFromStored } from "../store/snapshot.js";
import { STORE_SCHEMA_VERSION, type StoredPlayer } from "../store/store.js";
import type { Track } from "../track.js";
import type { VoiceTarget } from "../voice/handler.js";
import { PlayerVoice } from "../voice/voice-state.js";
import { PlaybackCommands } from "./commands.js";
import { PlayerConvergence } from "./converge.js";
import { NodeLink } from "./link.js";
import { PlayerMirror } from "./mirror.js";
import { PlayerMover } from "./mover.js";
import type { Playable, PlayOptions } from "./play-options.js";
import { PlayerPluginState, type PluginStateLost } from "./plugin-state.js";
import { PlayerSponsorBlock } from "./sponsor-block.js";
import { type ConnectOptions, type GatewayVoicePayload, VoiceConnection } from "./voice.js";

export type { ConnectOptions, GatewayVoicePayload } from "./voice.js";

/** Autoplay chose a track because the queue ran dry, and the node accepted it. */
export interface AutoplayEvent {
  player: Player;
  track: Track;
  /** Why this track: the strategy, the feature scores and the search that found it. */
  reason: string;
  /** The candidate's total score (higher is better). */
  score: number;
}

/** Events of one player (also re-emitted on the client with the player as first argument). */
export type PlayerEvents = {
  /** A track started playing. */
  trackStart: [track: Track, event: TrackStartEvent];
  /** A track ended; `mayStartNext(reason)` says whether a queue should advance. */
  trackEnd: [track: Track, reason: TrackEndReason, event: TrackEndEvent];
  /** A track failed while playing. */
  trackException: [track: Track, exception: LavalinkException, event: TrackExceptionEvent];
  /** A track produced no audio for `thresholdMs`. */
  trackStuck: [track: Track, thresholdMs: number, event: TrackStuckEvent];
  /** The node's voice connection to Discord closed (4014: kicked/moved, 4006: session invalid, …). */
  webSocketClosed: [event: WebSocketClosedEvent];
  /** The node reported the player's position and voice connection. */
  playerUpdate: [state: PlayerState];
  /** Autoplay started a track (the queue was empty). */
  autoplay: [event: AutoplayEvent];
  /**
   * The queue ran dry: `track` ended by itself (`finished` or `loadFailed`), no track was queued
   * after it, and autoplay was off or found nothing. Once per run-dry; not after `stop()`, `skip()`
   * or a replaced track (those end with other reasons).
   */
  queueEnd: [track: Track];
  /** LavaLyrics (live lyrics): lyrics for the track that started, or was playing at subscribe time. */
  lyricsFound: [lyrics: Lyrics, event: LyricsFoundEvent];
  /** LavaLyrics (live lyrics): the track that started has no timed lyrics. */
  lyricsNotFound: [event: LyricsNotFoundEvent];
  /** LavaLyrics (live lyrics): playback reached line `index`; `skipped` when a seek or a skip passed it. */
  lyricsLine: [line: LyricsLine, index: number, skipped: boolean, event: LyricsLineEvent];
  /** SponsorBlock: the segments the track will skip (only when it has some in the chosen categories). */
  segmentsLoaded: [segments: Segment[], event: SegmentsLoadedEvent];
  /** SponsorBlock: playback jumped over a segment, to its end. */
  segmentSkipped: [segment: Segment, event: SegmentSkippedEvent];
  /** SponsorBlock: the chapters of the track that started. */
  chaptersLoaded: [chapters: Chapter[], event: ChaptersLoadedEvent];
  /** SponsorBlock: playback reached a chapter. */
  chapterStarted: [chapter: Chapter, event: ChapterStartedEvent];
  /**
   * Every event a plugin sent for this guild (after its typed event above, if Sonora knows it).
   * Events of plugins Sonora does not know arrive here exactly as the node sent them.
   */
  pluginEvent: [event: PluginEvent];
  /**
   * The player's SponsorBlock categories or live lyrics subscription could not be re-applied on its
   * node after a move, a rebuild or a resume (the plugins keep them per session): the node does not
   * run the plugin (a `PluginUnavailableError`) or refused. The player keeps them and applies them
   * on the next node that runs the plugin.
   */
  pluginStateLost: [lost: PluginStateLost];
};

/**
 * Why a player was destroyed: `"user"` — `player.destroy()` was called; `"clientClosed"` —
 * `client.close()` ended every player (the node was not told: its session goes with the socket);
 * `"storeLeaseLost"` — the client's shared store says another process owns the guild's shard now
 * (`StoreLeaseLostError`): this process stops driving it and leaves node and voice to the new owner.
 */
export type PlayerDestroyReason = "user" | "clientClosed" | "storeLeaseLost";

/** What a player needs from its owner (the client). @internal */
export interface PlayerHost {
  readonly clock: Clock;
  /** Queue options for new players. */
  readonly queueOptions?: QueueOptions;
  /** True when the owner has `playerUpdate` listeners (checked per frame). */
  readonly wantsPlayerUpdates: boolean;
  /** Sends a gateway payload to Discord (throws VoiceNotConfiguredError without `send`). */
  sendGateway(guildId: string, payload: GatewayVoicePayload): Promise<void>;
  /** Resolves after one macrotask turn (every promise step queued so far has run). */
  nextTurn(): Promise<void>;
  /** Takes the player's internal side; called once, from the player's constructor. */
  adopt(control: PlayerControl): void;
  /** Re-emits an event the player just emitted: the one place player events reach the owner. */
  relay<K extends keyof PlayerEvents>(player: Player, event: K, args: PlayerEvents[K]): void;
  /** The player moved from one node to another. */
  moved(player: Player, from: Node, to: Node): void;
  /** The player was destroyed: forget it now (its `playerDestroy` follows once the node is told). */
  forget(player: Player): void;
  /** The player's destroy finished. */
  destroyed(player: Player, reason: PlayerDestroyReason): void;
  /** True when someone listens to `debug` (or a logger is set): only then are payloads built. */
  readonly wantsDebug: boolean;
  /** Emits a `debug` event. */
  debug(event: DebugEvent): void;
  /** The player's complete voice state reached its node. */
  voiceSent(player: Player): void;
  /** A background action (auto-advance, autoplay) failed with no caller to reject. */
  error(error: unknown): void;
  /**
   * The player's state changed: write it to the client's store soon (nothing without a store).
   * The promise resolves once the change is durable; a caller that does not wait ignores it.
   */
  persist(player: Player): Promise<void>;
  /**
   * The mirror and the node may disagree (a failed auto-advance, a 404, a position past the
   * track's end): ask the node for its players and converge (coalesced per node).
   */
  reconcile(player: Player): void;
}

/**
 * The internal side of a player, held by its owner (the client) and by the node hosting it: the
 * frames of its guild, Discord's voice events, and the node's connection drops. @internal
 */
export interface PlayerControl extends FrameSink, VoiceTarget {
  readonly player: Player;
  /** Re-creates the player after its node lost the session, from where playback stopped. */
  rebuild(): Promise<void>;
  /** Records the position at the moment the node's socket dropped. */
  markNodeDropped(): void;
  /** The node's socket opened (resumed or not): its plugins forgot their per-session state. */
  pluginSocketOpened(node: Node): void;
  /** Applies the plugin settings the node lacks (after a resume; a rebuild or move does it itself). */
  reapplyPlugins(): Promise<void>;
  /** The node is back with its session: the drop did not stop playback. */
  clearNodeDropped(): void;
  /** Converges on the node's truth for this guild (undefined: the node has no player for it). */
  converge(truth: LavalinkPlayer | undefined): Promise<void>;
  /** Changes when a command is sent or an event arrives: a snapshot taken before is stale. */
  reconcileStamp(): number;
  /** True while a command is unanswered or a move runs (a snapshot cannot be trusted then). */
  readonly busy: boolean;
  /** Resolves once every command sent so far was answered. */
  settled(): Promise<void>;
  /**
   * The player ends here, without telling the node or Discord: the client is closing
   * (`"clientClosed"`), or another process owns the guild now (`"storeLeaseLost"`, also forgotten).
   */
  shutdown(reason: "clientClosed" | "storeLeaseLost"): void;
  /** The player as a store record, at the client clock's `now`. */
  toStored(now: number): StoredPlayer;
  /** Takes a store record (a restarted process), with playback where the record implies at `now`. */
  restoreStored(record: StoredPlayer, now: number): void;
}

/** Options of {@link Player.update}. */
export interface UpdateOptions {
  /** When true and a track is playing, a new track in the request is ignored by the node. */
  noReplace?: boolean | undefined;
}

/**
 * The player of one guild. Mirrors the node's player state (track, paused, volume, filters,
 * voice), estimates the position between reports, and dispatches that guild's events. Get one
 * with `client.getPlayer(guildId)`.
 *
 * Order guarantee: each command changes the queue synchronously when called and sends its request
 * in call order (requests are chained), so racing `add`/`skip`/`play` calls end in the state their
 * call order describes.
 */
export class Player extends TypedEmitter<PlayerEvents> {
  /** Discord guild id (a snowflake string). */
  readonly guildId: string;
  /** The tracks of this player. `queue.add` never starts playback; `skip()` or `play()` does. */
  readonly queue: Queue<Track>;
  /** This player's filters; change them, then send them with {@link Player.setFilters}. */
  readonly filters = new FilterManager();
  /** Picks a track when the queue runs dry (off until `autoplay.configure({ enabled: true })`). */
  readonly autoplay: AutoplayEngine;
  /** Voice connection data gathered from Discord. */
  readonly voice = new PlayerVoice();
  /** SponsorBlock categories of this player (needs the node's `sponsorblock-plugin`). */
  readonly sponsorBlock: PlayerSponsorBlock;

  private readonly mirror: PlayerMirror;
  private readonly link: NodeLink;
  private readonly commands: PlaybackCommands;
  private readonly voiceLink: VoiceConnection;
  private readonly mover: PlayerMover;
  private readonly pluginState: PlayerPluginState;
  private readonly ledger = new PlaybackLedger();
  private readonly convergence: PlayerConvergence;
  /** Events received, for {@link PlayerControl.reconcileStamp}. */
  private eventsSeen = 0;
  private destroyedFlag = false;
  /** Cached `listenerCount("playerUpdate") > 0`, read per frame. */
  private listensToUpdates = false;

  /** @internal Created by `client.getPlayer`. */
  constructor(
    guildId: string,
    node: Node,
    private readonly host: PlayerHost,
  ) {
    super();
    this.guildId = toGuildId(guildId);
    this.queue = new Queue<Track>(host.queueOptions);
    this.autoplay = new AutoplayEngine(this.guildId);
    const mirror = new PlayerMirror(host.clock, this.filters);
    this.mirror = mirror;
    const sink: FrameSink = {
      handleState: (state) => this.onState(state),
      handleEvent: (event) => this.onEvent(event),
      handlePluginEvent: (event) => this.onPluginEvent(event),
    };
    const usable = (action: string) => this.assertUsable(action);
    const player = this;
    this.pluginState = new PlayerPluginState({
      guildId: this.guildId,
      get node() {
        return player.node;
      },
      pluginFilterNames: () => Object.keys(this.filters.toPayload().pluginFilters ?? {}),
      lost: (lost) => this.publish("pluginStateLost", [lost]),
    });
    const pluginState = this.pluginState;
    this.sponsorBlock = new PlayerSponsorBlock({
      guildId: this.guildId,
      get plugins() {
        return player.node.plugins;
      },
      assertUsable: usable,
      categoriesSet: (categories) => pluginState.categoriesSet(categories),
      categoriesCleared: () => pluginState.categoriesCleared(),
    });
    this.link = new NodeLink(
      node,
      {
        guildId: this.guildId,
        view: this,
        sink,
        assertUsable: usable,
        isDestroyed: () => this.destroyedFlag,
      },
      mirror,
    );
    // Whichever node hosts the player by then re-reads it (a move re-attaches, which reads it too).
    mirror.onPlayingChange = () => this.link.playingChanged();
    this.commands = new PlaybackCommands(mirror, this.queue, this.filters, this.autoplay, {
      guildId: this.guildId,
      update: (request, options) => this.update(request, options),
      loadTracks: (identifier) => this.link.node.loadTracks(identifier),
      lavaSrc: async () => {
        try {
          const info = await this.link.node.plugins.info();
          const lavaSrc = info.plugins.some((p) => p.name === "lavasrc-plugin");
          return { lavaSrc, sourceManagers: info.sourceManagers };
        } catch {
          // No /v4/info (an old or odd node): autoplay goes on with plain searches.
          return { lavaSrc: false, sourceManagers: [] };
        }
      },
      autoplayed: (track, pick) => this.onAutoplay(track, pick),
      onError: (error) => host.error(error),
      begin: (track) => this.ledger.begin(track),
      unsure: () => host.reconcile(this),
      queueEnded: (track) => this.publish("queueEnd", [track]),
      rolledBack: (action, error) => {
        nodeControl(this.link.node).counters.rollbacks++;
        if (host.wantsDebug) {
          this.debug("PLAYER_ROLLBACK", `the node refused ${action}: queue and track put back`, {
            guildId: this.guildId,
            action,
            error: errorText(error),
          });
        }
      },
    });
    this.voiceLink = new VoiceConnection(this.guildId, this.voice, mirror, {
      sendGateway: (guildId, payload) => host.sendGateway(guildId, payload),
      update: (request) => this.update(request),
      canSend: () => !this.destroyedFlag && this.link.node.ready,
      sent: () => host.voiceSent(this),
    });
    this.mover = new PlayerMover(this.guildId, this.link, mirror, this.voiceLink, this.filters, {
      assertUsable: usable,
      nextTurn: () => host.nextTurn(),
      moved: (from, to) => host.moved(this, from, to),
      endedWhileAway: (track) => this.convergence.reportEnd(track, "finished"),
      beforeRestore: () => pluginState.beforeRestore(),
      afterRestore: () => pluginState.afterRestore(),
    });
    this.convergence = new PlayerConvergence(mirror, this.ledger, this.commands, this.mover, {
      guildId: this.guildId,
      started: (track, event) => this.publish("trackStart", [track, event]),
      ended: (track, reason, event) => this.publish("trackEnd", [track, reason, event]),
      decided: (decision) => {
        if (host.wantsDebug && decision !== "none" && decision !== "agree") {
          this.debug("PLAYER_RECONCILE", `reconciliation with the node: ${decision}`, {
            guildId: this.guildId,
            node: this.link.node.name,
            decision,
          });
        }
      },
    });
    const voiceLink = this.voiceLink;
    const link = this.link;
    host.adopt({
      player: this,
      ...sink,
      applyVoiceState: (d) => {
        voiceLink.applyState(d);
        this.touch();
      },
      applyVoiceServer: (d) => {
        voiceLink.applyServer(d);
        this.touch();
      },
      voiceLeft: (userId) => {
        voiceLink.left(userId);
        this.touch();
      },
      flushVoice: () => voiceLink.flush(),
      rebuild: () => this.mover.rebuild(),
      markNodeDropped: () => mirror.markDropped(),
      pluginSocketOpened: (node) => pluginState.socketOpened(node),
      reapplyPlugins: () => pluginState.reapply(),
      clearNodeDropped: () => mirror.clearDropped(),
      converge: async (truth) => {
        await this.convergence.converge(truth);
        // The node's word may differ from what the store holds (a command it took just before the
        // previous process died): the store follows it.
        this.touch();
      },
      reconcileStamp: () => link.sent + this.eventsSeen,
      get busy() {
        return link.busy || link.moving !== null;
      },
      settled: () => link.settled(),
      shutdown: (reason) => this.shutdown(reason),
      toStored: (now) => this.toStored(now),
      restoreStored: (record, now) => this.restoreStored(record, now),
    });
    queueControl(this.queue).observe({
      touched: () => this.touch(),
      durable: () => host.persist(this),
    });
  }

  // ── State ─────────────────────────────────────────────────────────────────────────────────────

  /** Node hosting this player. */
  get node(): Node {
    return this.link.node;
  }

  /** Current track, or null when idle. */
  get track(): Track | null {
    return this.mirror.track;
  }

  /** The track loaded on the node (playing or paused), or null. Set when `play()` resolves. */
  get currentTrack(): Track | null {
    return this.mirror.track;
  }

  /** Whether playback is paused. */
  get paused(): boolean {
    return this.mirror.paused;
  }

  /** Player volume, 0 … 1000 (percent). */
  get volume(): number {
    return this.mirror.volume;
  }

  /** Whether the node reported a live voice connection to Discord. */
  get connected(): boolean {
    return this.mirror.connected;
  }

  /** Voice round trip reported by the node in ms, -1 when not connected. */
  get ping(): number {
    return this.mirror.ping;
  }

  /** Voice channel the bot is in (or was asked to join), null when none. */
  get channelId(): string | null {
    return this.voice.channelId;
  }

  /** True when a track is loaded and not paused. */
  get playing(): boolean {
    return this.mirror.playing;
  }

  /** True after {@link destroy}. */
  get destroyed(): boolean {
    return this.destroyedFlag;
  }

  /**
   * Estimated position in ms: the last reported position plus the time elapsed since, scaled by
   * the timescale speed × rate. Never goes backwards while playing (except on a seek) and never
   * passes the track's length.
   */
  get position(): number {
    return this.mirror.position;
  }

  // ── Playback ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Plays a track (a Track, a Lavalink track object or an encoded string) or, without one, the
   * next queued track. Resolves to the track now current (null when there was nothing to play).
   * Rejects with `InvalidTrackError` for `null` or anything that is not a track, and with
   * `InvalidOptionError` for bad options, changing nothing. When the node refuses the request,
   * `currentTrack`, `queue.current`, the upcoming tracks and the history are put back as they were
   * (unless another command changed the queue meanwhile: that one's state stands).
   */
  play(track?: Playable, options: PlayOptions = {}): Promise<Track | null> {
    return this.durable(this.commands.play(track, options));
  }

  /** Pauses playback. */
  pause(): Promise<void> {
    return this.durable(this.commands.pause());
  }

  /** Resumes playback. */
  resume(): Promise<void> {
    return this.durable(this.commands.resume());
  }

  /** Seeks to `position` ms in the current track. */
  seek(position: number): Promise<void> {
    return this.durable(this.commands.seek(position));
  }

  /** Sets the player volume, 0 … 1000 (100 = unchanged). */
  setVolume(volume: number): Promise<void> {
    return this.durable(this.commands.setVolume(volume));
  }

  /** Stops the current track (it goes to the history); the queue stays. */
  stop(): Promise<void> {
    return this.durable(this.commands.stop());
  }

  /**
   * Moves on: plays the next queued track (even in track-loop mode), or asks autoplay when the
   * queue is empty and autoplay is on, or stops when there is nothing to play (no error).
   * Resolves to the new current track or null.
   */
  skip(): Promise<Track | null> {
    return this.durable(this.commands.skip());
  }

  /** Plays the most recent history track again (the current one goes back to the queue's front). */
  previous(): Promise<Track | null> {
    return this.durable(this.commands.previous());
  }

  /**
   * Sends the filters to the node: `filters` (replacing the manager's state) or, without an
   * argument, what the {@link FilterManager} holds. Invalid `filters` reject with
   * `FilterValidationError` before anything changes; when the node refuses them, the manager gets
   * its previous filters back (unless they were edited again meanwhile). A `pluginFilters` entry of
   * a plugin with typed helpers here (LavaDSPX, lavalink-filter-plugin) that the node does not list
   * in `/v4/info` `filters` rejects with `PluginUnavailableError` naming that plugin, before
   * anything changes or is sent; other names go as they are (the node drops unknown ones).
   */
  async setFilters(filters?: Filters): Promise<void> {
    this.assertUsable("set the filters of");
    const plugin = (filters === undefined ? this.filters.toPayload() : filters)?.pluginFilters;
    if (typeof plugin === "object" && plugin !== null) {
      await this.link.node.plugins.requireFilters(Object.keys(plugin));
    }
    return this.durable(this.commands.setFilters(filters));
  }

  /**
   * Sends `PATCH /v4/sessions/{id}/players/{guildId}` and mirrors the node's answer. The escape
   * hatch under every playback method.
   */
  async update(request: UpdatePlayerRequest, options: UpdateOptions = {}): Promise<void> {
    // The escape hatch gets the same capability check as setFilters: a known plugin's filter on a
    // node without it is refused before anything is sent, not dropped silently by the node.
    const pluginFilters = request.filters?.pluginFilters;
    if (typeof pluginFilters === "object" && pluginFilters !== null) {
      await this.link.node.plugins.requireFilters(Object.keys(pluginFilters));
    }
    try {
      await this.link.update(request, options.noReplace);
      this.touch();
    } catch (error) {
      // The node does not know this player (or session): the mirror is out of date.
      if (error instanceof LavalinkRestError && error.status === 404) this.host.reconcile(this);
      throw error;
    }
  }

  // ── Plugins ───────────────────────────────────────────────────────────────────────────────────

  /**
   * Lyrics of the current track, null when the node found none: LavaLyrics' `GET …/track/lyrics`,
   * else java-lyrics-plugin's `GET …/lyrics` mapped to the same shape. Rejects with
   * `PluginUnavailableError` when the node runs neither (nothing is sent), and without a track with
   * the node's answer as a `LavalinkRestError` (LavaLyrics: 404 "No track playing";
   * java-lyrics-plugin: 400 "Not currently playing anything").
   */
  lyrics(options: LyricsOptions = {}): Promise<Lyrics | null> {
    this.assertUsable("load lyrics for");
    return this.link.node.plugins.currentLyrics(this.guildId, options);
  }

  /**
   * Live lyrics: from now on the node sends `lyricsFound` (or `lyricsNotFound`) at each track start
   * — at once for a track already playing — and `lyricsLine` as each line is reached. Rejects with
   * `PluginUnavailableError` when the node does not run `lavalyrics-plugin`; the node answers 404
   * "Player not found" when it has no player for this guild yet. The node keeps the subscription
   * per session: the player subscribes again by itself after a move, a rebuild or a resume (see
   * `pluginStateLost` when the new node cannot take it).
   */
  async subscribeLyrics(options: LyricsOptions = {}): Promise<void> {
    this.assertUsable("subscribe to lyrics for");
    if (typeof options !== "object" || options === null) {
      throw new InvalidOptionError("options", options, "an object { skipTrackSource? }");
    }
    await this.link.node.plugins.subscribeLyrics(this.guildId, options);
    this.pluginState.lyricsSubscribed(options);
  }

  /** Stops live lyrics (lines already armed for the current track still arrive until it ends). */
  async unsubscribeLyrics(): Promise<void> {
    this.assertUsable("unsubscribe from lyrics for");
    // Forgotten first: a move during the request must not subscribe the new node again.
    this.pluginState.lyricsUnsubscribed();
    await this.link.node.plugins.unsubscribeLyrics(this.guildId);
  }

  // ── Voice and nodes ───────────────────────────────────────────────────────────────────────────

  /**
   * Asks Discord (through the client's `send`) to join a voice channel. The node gets the voice
   * state once Discord's two voice events came back through `client.handleRaw`.
   */
  async connect(channelId: string, options: ConnectOptions = {}): Promise<void> {
    this.assertUsable("connect");
    await this.durable(this.voiceLink.join(channelId, options));
  }

  /** Leaves the voice channel (the player and its track are kept; see {@link destroy}). */
  async disconnect(): Promise<void> {
    this.assertUsable("disconnect");
    await this.durable(this.voiceLink.leave());
  }

  /**
   * Moves the player to another node, keeping track, position, paused state, volume, filters and
   * voice. The old node's player is deleted first so two nodes never stream to one voice session.
   */
  moveTo(target: Node): Promise<void> {
    return this.durable(this.mover.moveTo(target));
  }

  /**
   * Resolves once everything this player changed so far is in the client's store (at once without a
   * store). Commands already wait for it; this is for the synchronous setters — `queue.setLoop`
   * (`queue.loop = …`) and `autoplay.configure` — which are written at once but cannot return a promise.
   */
  saved(): Promise<void> {
    return this.host.persist(this);
  }

  /**
   * Deletes the player on its node, leaves the voice channel, and forgets it; `playerDestroy`
   * follows with the reason `"user"`. Idempotent.
   */
  async destroy(): Promise<void> {
    if (this.destroyedFlag) return;
    this.destroyedFlag = true;
    const node = this.link.node;
    this.link.detach();
    this.host.forget(this);
    this.mirror.track = null;
    await this.voiceLink.leaveForGood();
    // A PATCH still on its way would re-create the player on the node after our DELETE (Lavalink
    // creates players on PATCH), leaving it streaming with nobody to stop it: let them land first.
    await this.link.settled();
    try {
      if (node.ready && node.sessionId !== null) {
        try {
          await node.destroyPlayer(this.guildId);
        } catch (error) {
          if (!(error instanceof NodeUnavailableError) && !(error instanceof ClientStateError)) throw error;
        }
      }
    } finally {
      // The player is already forgotten locally and a second call returns at once: a refused
      // DELETE must still announce the destroy and drop the listeners, or it never happens.
      this.host.destroyed(this, "user");
      this.removeAllListeners();
    }
    // Forgotten, so the store deletes its record.
    await this.host.persist(this);
  }

  /**
   * Ends the player locally: the client is closing (its node and gateway are going away), or the
   * guild belongs to another process now, which drives its node player and voice from here on.
   */
  private shutdown(reason: "clientClosed" | "storeLeaseLost"): void {
    if (this.destroyedFlag) return;
    this.destroyedFlag = true;
    this.link.detach();
    if (reason === "storeLeaseLost") this.host.forget(this);
    this.mirror.track = null;
    this.voice.clear();
    this.host.destroyed(this, reason);
    this.removeAllListeners();
  }

  // ── Incoming ──────────────────────────────────────────────────────────────────────────────────

  protected override listenersChanged(event: keyof PlayerEvents): void {
    if (event === "playerUpdate") this.listensToUpdates = this.listenerCount("playerUpdate") > 0;
  }

  private onState(state: PlayerState): void {
    this.mirror.applyState(state);
    // A node past the end of the mirrored track plays something else: the mirror missed a change.
    const track = this.mirror.track;
    if (track !== null && !track.isStream && state.position > track.length) this.host.reconcile(this);
    // The hot path: the arguments are only built when someone listens.
    if (this.listensToUpdates || this.host.wantsPlayerUpdates) this.publish("playerUpdate", [state]);
  }

  private onEvent(event: LavalinkEvent): void {
    this.eventsSeen++;
    this.touch();
    // The late copy of an end reconciliation already reported: the queue advanced for it once.
    if (event.type === "TrackEndEvent" && !this.ledger.takeEnd(event.track)) return;
    const track = this.mirror.applyEvent(event) as Track;
    switch (event.type) {
      case "TrackStartEvent":
        // Not again when reconciliation already reported this start.
        if (this.ledger.takeStart(track)) this.publish("trackStart", [track, event]);
        break;
      case "TrackEndEvent":
        this.publish("trackEnd", [track, event.reason, event]);
        this.commands.trackEnded(track, event.reason);
        break;
      case "TrackExceptionEvent":
        this.publish("trackException", [track, event.exception, event]);
        break;
      case "TrackStuckEvent":
        this.publish("trackStuck", [track, event.thresholdMs, event]);
        break;
      case "WebSocketClosedEvent":
        this.publish("webSocketClosed", [event]);
        break;
    }
  }

  private onPluginEvent(event: PluginEvent): void {
    if (isKnownPluginEventType(event.type)) this.onKnownPluginEvent(event as KnownPluginEvent);
    this.publish("pluginEvent", [event]);
  }

  private onKnownPluginEvent(event: KnownPluginEvent): void {
    switch (event.type) {
      case "LyricsFoundEvent":
        this.publish("lyricsFound", [event.lyrics, event]);
        break;
      case "LyricsNotFoundEvent":
        this.publish("lyricsNotFound", [event]);
        break;
      case "LyricsLineEvent":
        this.publish("lyricsLine", [event.line, event.lineIndex, event.skipped, event]);
        break;
      case "SegmentsLoaded":
        this.publish("segmentsLoaded", [event.segments, event]);
        break;
      case "SegmentSkipped":
        // The node jumped to the segment's end: the estimate follows before the next playerUpdate.
        if (this.mirror.track !== null) this.mirror.jumpedTo(event.segment.end);
        this.publish("segmentSkipped", [event.segment, event]);
        break;
      case "ChaptersLoaded":
        this.publish("chaptersLoaded", [event.chapters, event]);
        break;
      case "ChapterStarted":
        this.publish("chapterStarted", [event.chapter, event]);
        break;
    }
  }

  private onAutoplay(track: Track, recommendation: AutoplayRecommendation<Track>): void {
    const event = { player: this, track, reason: recommendation.reason, score: recommendation.score };
    this.publish("autoplay", [event]);
  }

  /** Hands a debug event to the owner; callers check `host.wantsDebug` first (building costs). */
  private debug<C extends DebugCode>(code: C, message: string, data: DebugPayloads[C]): void {
    this.host.debug(debugEvent(code, message, data));
  }

  /** Emits a player event here, then hands it to the owner to re-emit (the client). */
  private publish<K extends keyof PlayerEvents>(event: K, args: PlayerEvents[K]): void {
    this.emit(event, ...args);
    this.host.relay(this, event, args);
  }

  /**
   * Runs a command, then waits until the state it left is durable in the client's store. A refused
   * command rejects with its own error; the state it put back is still written (not waited for).
   */
  private async durable<T>(command: Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await command;
    } catch (error) {
      this.touch();
      throw error;
    }
    await this.host.persist(this);
    return result;
  }

  /** The state changed: written soon, nobody waits (a failed write is reported by the client). */
  private touch(): void {
    this.host.persist(this).catch(() => undefined);
  }

  private toStored(now: number): StoredPlayer {
    const track = this.mirror.track;
    const voice = this.voice;
    const autoplay = this.autoplay.options;
    return {
      schema: STORE_SCHEMA_VERSION,
      guildId: this.guildId,
      node: this.link.node.name,
      nodeSessionId: this.link.node.sessionId,
      voice: {
        channelId: voice.channelId,
        sessionId: voice.sessionId,
        token: voice.token,
        endpoint: voice.endpoint,
      },
      track: track === null ? null : storedTrack(track),
      position: track === null ? 0 : this.mirror.resumePosition,
      positionAt: now,
      paused: this.mirror.paused,
      volume: this.mirror.volume,
      filters: this.filters.toPayload() as JsonObject,
      queue: {
        upcoming: this.queue.upcoming.map(storedTrack),
        history: this.queue.history.map(storedTrack),
        loop: this.queue.loop,
      },
      autoplay: { ...autoplay, sources: [...autoplay.sources] },
    };
  }

  private restoreStored(record: StoredPlayer, now: number): void {
    const track = record.track === null ? null : trackFromStored(record.track);
    this.filters.sync(record.filters as Filters);
    try {
      this.autoplay.configure(record.autoplay as Partial<AutoplayConfig>);
    } catch (error) {
      // Settings this version no longer accepts: the defaults stand, and the bot hears why.
      this.host.error(error);
    }
    queueControl(this.queue).load({
      current: track,
      upcoming: record.queue.upcoming.map(trackFromStored),
      history: record.queue.history.map(trackFromStored),
      loop: record.queue.loop,
    });
    this.voice.restore(record.voice);
    this.mirror.restoreStored(
      track,
      impliedPosition(record, now),
      record.paused,
      record.volume,
      filterSpeed(record.filters),
    );
  }

  private assertUsable(action: string): void {
    if (this.destroyedFlag) {
      throw new ClientStateError(
        `cannot ${action} the player of guild ${this.guildId}: it was destroyed; call client.getPlayer again`,
      );
    }
  }
}
