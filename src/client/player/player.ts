import type { Clock } from "../../base/clock/index.js";
import {
  type LavalinkEvent,
  type LavalinkPlayer,
  type Track as LavalinkTrack,
  type PlayerState,
  STREAM_LENGTH,
  type UpdatePlayerRequest,
} from "../../protocol/index.js";
import type { AutoplayRecommendation } from "../autoplay/index.js";
import type { TypedEmitter } from "../emitter.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { NodeUnavailableError } from "../errors/node-unavailable-error.js";
import type { ClientEvents, PlayerEvents } from "../events.js";
import { toGuildId } from "../guild-id.js";
import type { Node, NodePlayer } from "../node/node.js";
import type { QueueOptions } from "../queue/index.js";
import { Track } from "../track.js";
import { PlayerVoice } from "../voice/voice-state.js";
import { PlaybackPlayer } from "./playback.js";
import { PositionTracker } from "./position.js";

/** The discord gateway payload (op 4, voice state update) a player asks the bot to send. */
export interface GatewayVoicePayload {
  op: 4;
  d: { guild_id: string; channel_id: string | null; self_mute: boolean; self_deaf: boolean };
}

/** What a player needs from its client. */
export interface PlayerHost {
  readonly clock: Clock;
  readonly events: TypedEmitter<ClientEvents>;
  /** True when the client has `playerUpdate` listeners (checked per frame). */
  readonly wantsPlayerUpdates: boolean;
  /** Sends a gateway payload to Discord (throws VoiceNotConfiguredError without `send`). */
  sendGateway(guildId: string, payload: GatewayVoicePayload): Promise<void>;
  /** Forgets a destroyed player. */
  playerDestroyed(player: Player): void;
  /** Queue options for new players. */
  readonly queueOptions?: QueueOptions;
}

/** Options of {@link Player.update}. */
export interface UpdateOptions {
  /** When true and a track is playing, a new track in the request is ignored by the node. */
  noReplace?: boolean;
}

/** Options of {@link Player.connect}. */
export interface ConnectOptions {
  selfDeaf?: boolean;
  selfMute?: boolean;
}

/**
 * The player of one guild. Mirrors the node's player state (track, paused, volume, filters,
 * voice), estimates the position between reports, and dispatches that guild's events. Get one
 * with `client.getPlayer(guildId)`.
 */
export class Player extends PlaybackPlayer implements NodePlayer {
  /** Discord guild id (a snowflake string). */
  readonly guildId: string;
  /** Current track, or null when idle. */
  track: Track | null = null;
  /** Whether playback is paused. */
  paused = false;
  /** Player volume, 0 … 1000 (percent). */
  volume = 100;
  /** Whether the node reported a live voice connection to Discord. */
  connected = false;
  /** Voice round trip reported by the node in ms, -1 when not connected. */
  ping = -1;
  /** Voice connection data gathered from Discord. */
  readonly voice = new PlayerVoice();

  private currentNode: Node;
  private readonly tracker: PositionTracker;
  private destroyedFlag = false;
  /** Cached `listenerCount("playerUpdate") > 0`, read per frame. */
  private listensToUpdates = false;
  /** Position when the node's socket dropped; used if the player has to move (failover). */
  private positionAtDrop: number | null = null;
  /** The move in progress, so a second {@link moveTo} waits for it. */
  private moving: Promise<void> | null = null;
  /** Player PATCHes sent and not yet answered (destroy waits for them before its DELETE). */
  private readonly inFlight = new Set<Promise<LavalinkPlayer>>();

  constructor(
    guildId: string,
    node: Node,
    private readonly host: PlayerHost,
  ) {
    super(toGuildId(guildId), {
      onError: (error) => host.events.emit("error", error),
      queue: host.queueOptions,
    });
    this.guildId = toGuildId(guildId);
    this.currentNode = node;
    this.tracker = new PositionTracker(host.clock);
    node.players.set(this.guildId, this);
  }

  // ── State ─────────────────────────────────────────────────────────────────────────────────────

  /** Node hosting this player. */
  get node(): Node {
    return this.currentNode;
  }

  /** Voice channel the bot is in (or was asked to join), null when none. */
  get channelId(): string | null {
    return this.voice.channelId;
  }

  /** True when a track is loaded and not paused. */
  get playing(): boolean {
    return this.track !== null && !this.paused;
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
    const limit = this.track && !this.track.isStream ? this.track.length : STREAM_LENGTH;
    return this.tracker.read(this.playing, limit);
  }

  // ── Requests ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Sends `PATCH /v4/sessions/{id}/players/{guildId}` and mirrors the node's answer. The escape
   * hatch under every playback method.
   */
  async update(request: UpdatePlayerRequest, options: UpdateOptions = {}): Promise<void> {
    this.assertUsable("update");
    // During a move the old node is being emptied and the new one not yet restored: a request sent
    // now would land on the old node (and be lost, or re-create the player there). Send it after.
    while (this.moving !== null) await this.moving.catch(() => undefined);
    await this.patch(request, options.noReplace);
  }

  /** The PATCH itself, mirrored into the player's state; the move's restore calls it directly. */
  private async patch(request: UpdatePlayerRequest, noReplace?: boolean): Promise<void> {
    this.assertUsable("update");
    const node = this.currentNode;
    const pending = node.updatePlayer(this.guildId, request, noReplace);
    this.inFlight.add(pending);
    let answer: LavalinkPlayer;
    try {
      answer = await pending;
    } finally {
      this.inFlight.delete(pending);
    }
    // The player may have moved while the request was in flight; the new node's state wins.
    if (node !== this.currentNode || this.destroyedFlag) return;
    this.applyPlayer(answer, request);
  }

  /**
   * Asks Discord (through the client's `send`) to join a voice channel. The node gets the voice
   * state once Discord's two voice events came back through `client.handleRaw`.
   */
  async connect(channelId: string, options: ConnectOptions = {}): Promise<void> {
    this.assertUsable("connect");
    const channel = toGuildId(channelId);
    this.voice.channelId = channel;
    await this.host.sendGateway(this.guildId, {
      op: 4,
      d: {
        guild_id: this.guildId,
        channel_id: channel,
        self_mute: options.selfMute ?? false,
        self_deaf: options.selfDeaf ?? false,
      },
    });
  }

  /** Leaves the voice channel (the player and its track are kept; see {@link destroy}). */
  async disconnect(): Promise<void> {
    this.assertUsable("disconnect");
    this.voice.clear();
    this.connected = false;
    await this.host.sendGateway(this.guildId, {
      op: 4,
      d: { guild_id: this.guildId, channel_id: null, self_mute: false, self_deaf: false },
    });
  }

  /**
   * Moves the player to another node, keeping track, position, paused state, volume, filters and
   * voice. The old node's player is deleted first so two nodes never stream to one voice session.
   */
  async moveTo(target: Node): Promise<void> {
    this.assertUsable("move");
    // One move at a time: two overlapping moves would both start from the old node, leaving a
    // second copy streaming on the first target (or moving twice to the same one).
    while (this.moving !== null) await this.moving.catch(() => undefined);
    this.assertUsable("move");
    if (target === this.currentNode) return;
    const move = this.move(target);
    this.moving = move;
    try {
      await move;
    } finally {
      if (this.moving === move) this.moving = null;
    }
  }

  private async move(target: Node): Promise<void> {
    const assertTargetReady = () => {
      if (!target.ready) {
        throw new NodeUnavailableError(
          target.name,
          `cannot move guild ${this.guildId} there: node is ${target.state}`,
        );
      }
    };
    assertTargetReady();
    // A PATCH still unanswered by the old node (say a play) may yet be accepted or refused, and a
    // refusal puts the previous track back: moving now would carry a state that may be undone,
    // leaving the new node playing one track while the player mirrors another.
    if (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
      // Let the commands that sent them finish handling the answer first (a refused play puts the
      // previous track back a few promise steps later): one macrotask turn runs all of those.
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.assertUsable("move");
      assertTargetReady();
    }
    const from = this.currentNode;
    const position = this.positionAtDrop ?? this.position;
    from.players.delete(this.guildId);
    if (from.ready) await from.destroyPlayer(this.guildId).catch(() => undefined);
    this.currentNode = target;
    target.players.set(this.guildId, this);
    this.positionAtDrop = null;
    await this.restore(position);
    this.host.events.emit("playerMove", this, from, target);
  }

  /** Deletes the player on its node, leaves the voice channel, and forgets it. Idempotent. */
  async destroy(): Promise<void> {
    if (this.destroyedFlag) return;
    this.destroyedFlag = true;
    const node = this.currentNode;
    node.players.delete(this.guildId);
    this.host.playerDestroyed(this);
    const inChannel = this.voice.channelId !== null;
    this.voice.clear();
    this.track = null;
    if (inChannel) {
      await this.host
        .sendGateway(this.guildId, {
          op: 4,
          d: { guild_id: this.guildId, channel_id: null, self_mute: false, self_deaf: false },
        })
        .catch(() => undefined);
    }
    // A PATCH still on its way would re-create the player on the node after our DELETE (Lavalink
    // creates players on PATCH), leaving it streaming with nobody to stop it: let them land first.
    if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
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
      this.host.events.emit("playerDestroy", this);
      this.removeAllListeners();
    }
  }

  /**
   * Re-creates this player on its node from the client's own state (after the node lost its
   * session, or after a move): track at `position`, paused, volume, filters and voice.
   * @internal
   */
  async restore(position = this.position): Promise<void> {
    const body: UpdatePlayerRequest = {
      volume: this.volume,
      paused: this.paused,
      filters: this.filters.toPayload(),
    };
    this.voice.markUnsent();
    const voice = this.voice.takeUnsent();
    if (voice) body.voice = voice;
    if (this.track) {
      body.track = { encoded: this.track.encoded, userData: this.track.userData };
      if (this.track.isSeekable && position > 0) body.position = position;
    }
    await this.patch(body);
  }

  /** Re-creates the player after its node lost the session, from where playback stopped. @internal */
  async rebuild(): Promise<void> {
    const position = this.positionAtDrop ?? this.position;
    this.positionAtDrop = null;
    await this.restore(position);
  }

  /** Records the position at the moment the node's socket dropped. @internal */
  markNodeDropped(): void {
    if (this.positionAtDrop === null) this.positionAtDrop = this.position;
  }

  /** The node is back with its session: the drop did not stop playback. @internal */
  clearNodeDropped(): void {
    this.positionAtDrop = null;
  }

  /** Sends the voice state to the node if it is complete and changed. @internal */
  async flushVoice(): Promise<boolean> {
    if (this.destroyedFlag || !this.currentNode.ready) return false;
    const voice = this.voice.takeUnsent();
    if (voice === null) return false;
    try {
      await this.update({ voice });
    } catch (error) {
      this.voice.markUnsent();
      throw error;
    }
    this.host.events.emit("voiceUpdate", this);
    return true;
  }

  // ── Incoming (called by the node) ─────────────────────────────────────────────────────────────

  /** @internal */
  handleState(state: PlayerState): void {
    this.connected = state.connected;
    this.ping = state.ping;
    this.tracker.sync(state.position, state.time);
    if (this.listensToUpdates) this.emit("playerUpdate", state);
    if (this.host.wantsPlayerUpdates) this.host.events.emit("playerUpdate", this, state);
  }

  /** @internal */
  handleEvent(event: LavalinkEvent): void {
    const events = this.host.events;
    switch (event.type) {
      case "TrackStartEvent": {
        const track = this.adoptTrack(event.track);
        if (this.track !== track) {
          this.track = track;
          this.tracker.reset(0);
        }
        this.emit("trackStart", track, event);
        events.emit("trackStart", this, track, event);
        break;
      }
      case "TrackEndEvent": {
        const track = this.adoptTrack(event.track);
        // On "replaced" the new track is already set; only clear when the ended track is current.
        if (event.reason !== "replaced" && this.track === track) {
          this.track = null;
          this.tracker.reset(0);
        }
        this.emit("trackEnd", track, event.reason, event);
        events.emit("trackEnd", this, track, event.reason, event);
        this.onTrackEnd(track, event.reason);
        break;
      }
      case "TrackExceptionEvent": {
        const track = this.adoptTrack(event.track);
        this.emit("trackException", track, event.exception, event);
        events.emit("trackException", this, track, event.exception, event);
        break;
      }
      case "TrackStuckEvent": {
        const track = this.adoptTrack(event.track);
        this.emit("trackStuck", track, event.thresholdMs, event);
        events.emit("trackStuck", this, track, event.thresholdMs, event);
        break;
      }
      case "WebSocketClosedEvent":
        this.connected = false;
        this.emit("webSocketClosed", event);
        events.emit("webSocketClosed", this, event);
        break;
    }
  }

  protected override emitAutoplay(track: Track, recommendation: AutoplayRecommendation<Track>): void {
    const event = { player: this, track, reason: recommendation.reason, score: recommendation.score };
    this.emit("autoplay", event);
    this.host.events.emit("autoplay", event);
  }

  protected override listenersChanged(event: keyof PlayerEvents): void {
    if (event === "playerUpdate") this.listensToUpdates = this.listenerCount("playerUpdate") > 0;
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────────

  /**
   * Reuses the current Track instance when an event is about it, so `track === player.track` holds
   * in listeners. Compared by source and identifier, not `encoded`: Lavalink re-encodes the track
   * with its current position, so the TrackEndEvent of a finished track carries another string.
   */
  private adoptTrack(raw: LavalinkTrack): Track {
    // Lavalink re-encodes a track with its current position in events, so match on the source
    // identity too, not only on the encoded string.
    const t = this.track;
    if (t !== null && (t.encoded === raw.encoded || sameSource(t.info, raw.info))) return t;
    return Track.fromLavalink(raw);
  }

  private applyPlayer(player: LavalinkPlayer, request: UpdatePlayerRequest): void {
    const previous = this.track;
    const next = player.track ? this.adoptTrack(player.track) : null;
    if (next !== null && player.track) next.userData = player.track.userData;
    this.track = next;
    this.paused = player.paused;
    this.volume = player.volume;
    // Local filter edits not yet sent survive answers to unrelated requests.
    // So do edits made while this very request was on its way (the manager then differs from
    // what was sent): they stay dirty for the next setFilters().
    if (
      !this.filters.dirty ||
      (request.filters !== undefined &&
        JSON.stringify(this.filters.toPayload()) === JSON.stringify(request.filters))
    ) {
      this.filters.sync(player.filters);
    }
    const timescale = player.filters.timescale;
    this.tracker.speed = (timescale?.speed ?? 1) * (timescale?.rate ?? 1);
    this.connected = player.state.connected;
    this.ping = player.state.ping;
    const jumped =
      request.position !== undefined ||
      request.track !== undefined ||
      request.encodedTrack !== undefined ||
      request.identifier !== undefined ||
      previous !== this.track;
    // The answer is the freshest report there is: always re-anchor on it.
    if (jumped) {
      this.tracker.reset(player.state.position, player.state.time);
      // Accepted after the socket dropped: a later move resumes the new track, not the old position.
      if (this.positionAtDrop !== null) this.positionAtDrop = player.state.position;
    } else this.tracker.sync(player.state.position, player.state.time);
  }

  private assertUsable(action: string): void {
    if (this.destroyedFlag) {
      throw new ClientStateError(
        `cannot ${action} the player of guild ${this.guildId}: it was destroyed; call client.getPlayer again`,
      );
    }
  }
}

function sameSource(a: LavalinkTrack["info"], b: LavalinkTrack["info"]): boolean {
  return a.identifier === b.identifier && a.sourceName === b.sourceName;
}
