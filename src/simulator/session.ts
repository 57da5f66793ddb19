import type { Clock, TimerHandle } from "../base/clock/index.js";
import type { SeededRandom } from "../base/random.js";
import type { KnownPluginEvent, LavalinkEvent, Stats } from "../protocol/index.js";
import { type PlayerHost, SimPlayer } from "./player.js";
import { playerUpdateFrame } from "./player-update-frame.js";
import { type PluginSession, type PluginSessionState, SimPluginRuntime } from "./plugins/runtime.js";
import type { LavalinkProfile } from "./profiles.js";
import { ResumeQueue } from "./resume-queue.js";
import type { Scheduler } from "./scheduler.js";
import type { PeerSocket } from "./transport/peer-socket.js";
import type { Transport } from "./transport/transport.js";
import { UpdateSchedule } from "./update-schedule.js";

/** What sessions share with the simulator that owns them. */
export interface SessionEnvironment {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: SeededRandom;
  readonly transport: Transport;
  readonly strictVoice: boolean;
  /** The node's track-stuck threshold in ms (a stuck track's TrackStuckEvent comes after it). */
  readonly trackStuckThreshold: number;
  /** The Lavalink release line the node behaves as (event shapes differ between lines). */
  readonly profile: LavalinkProfile;
  readonly playerUpdateInterval: number;
  /** Updates due within this many ms share one wakeup (0: each at its exact time). */
  readonly updateBatch: number;
  readonly statsInterval: number;
  /** Longest resume timeout kept, in seconds; longer requests are clamped to it. */
  readonly maxResumeTimeout: number;
  /** Frames held for a disconnected resumable session; the oldest go beyond it. */
  readonly maxQueuedFrames: number;
  /** Characters of frame text held for a disconnected resumable session; the oldest go beyond it. */
  readonly maxQueuedBytes: number;
  /** The plugins the node runs, and their behaviour on the timeline. */
  readonly plugins: SimPluginRuntime;
  /** Stats for the `stats` op of this session (with its frameStats). */
  statsFor(session: Session): Stats;
  /** The resume timeout ran out or the socket closed without resuming. */
  onSessionEnded(session: Session): void;
}

/** Read-only view of a session for tests. */
export interface SessionSnapshot {
  id: string;
  userId: string;
  clientName: string | null;
  resuming: boolean;
  /** Resume timeout in seconds. */
  timeout: number;
  /** A WebSocket is attached right now. */
  connected: boolean;
  /** Disconnected and waiting to be resumed. */
  awaitingResume: boolean;
  /** Frames held for delivery on resume. */
  queued: number;
  players: number;
}

/**
 * A Lavalink session (SocketContext): its players, its WebSocket (absent while waiting to be
 * resumed, when outgoing frames are queued) and its periodic playerUpdate and stats frames.
 */
export class Session implements PlayerHost, PluginSession {
  readonly players = new Map<string, SimPlayer>();
  /** The plugins' state for this session; replaced whenever a socket opens (new or resumed). */
  plugins: PluginSessionState = SimPluginRuntime.freshState();
  resuming = false;
  /** Seconds a disconnected resumable session is kept. */
  timeout = 60;
  ws: PeerSocket | null;
  private paused = false;
  private readonly queue: ResumeQueue;
  private resumeTimer: TimerHandle | undefined;
  /** Each playing player's periodic playerUpdate, from its TrackStart (see {@link UpdateSchedule}). */
  private readonly updates: UpdateSchedule<SimPlayer>;
  private statsTimer: TimerHandle | undefined;
  private ended = false;

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly clientName: string | null,
    ws: PeerSocket,
    private readonly env: SessionEnvironment,
  ) {
    this.ws = ws;
    this.queue = new ResumeQueue(env.maxQueuedFrames, env.maxQueuedBytes);
    this.updates = new UpdateSchedule(
      env.clock,
      env.playerUpdateInterval,
      (player) => this.periodicUpdate(player),
      env.updateBatch,
      (pass) => env.transport.batch(pass),
    );
  }

  get clock(): Clock {
    return this.env.clock;
  }
  get scheduler(): Scheduler {
    return this.env.scheduler;
  }
  get random(): SeededRandom {
    return this.env.random;
  }
  get strictVoice(): boolean {
    return this.env.strictVoice;
  }
  get trackStuckThreshold(): number {
    return this.env.trackStuckThreshold;
  }
  get isEnded(): boolean {
    return this.ended;
  }
  get awaitingResume(): boolean {
    return this.paused;
  }

  snapshot(): SessionSnapshot {
    return {
      id: this.id,
      userId: this.userId,
      clientName: this.clientName,
      resuming: this.resuming,
      timeout: this.timeout,
      connected: this.ws !== null,
      awaitingResume: this.paused,
      queued: this.queue.length,
      players: this.players.size,
    };
  }

  /** Sends `ready` and starts the periodic frames; stats go out at once, as Lavalink schedules them. */
  open(): void {
    this.sendText(`{"op":"ready","resumed":false,"sessionId":"${this.id}"}`, "ready");
    this.startTimers();
    this.sendStats();
  }

  /**
   * Sets the resume timeout (seconds), clamped to the simulator's `maxResumeTimeout`: Lavalink
   * keeps any value, but a session held for days would pin its queued frames. A clamp is
   * recorded in the log (`note`). Returns the value kept.
   */
  setResumeTimeout(seconds: number): number {
    const kept = Math.min(seconds, this.env.maxResumeTimeout);
    if (kept !== seconds && this.env.transport.log.enabled) {
      this.env.transport.log.record({
        at: this.env.clock.now(),
        direction: "out",
        kind: "rest",
        sessionId: this.id,
        note: `resume timeout ${seconds}s clamped to ${kept}s (maxResumeTimeout)`,
      });
    }
    this.timeout = kept;
    return kept;
  }

  getOrCreatePlayer(guildId: string): SimPlayer {
    let player = this.players.get(guildId);
    if (player === undefined) {
      player = new SimPlayer(guildId, this);
      this.players.set(guildId, player);
    }
    return player;
  }

  destroyPlayer(guildId: string): void {
    const player = this.players.get(guildId);
    if (player === undefined) return;
    this.players.delete(guildId);
    player.destroy();
    // SponsorBlock forgets the player's categories (onDestroyPlayer); LavaLyrics' own cleanup looks
    // the guild up under the wrong key, so a subscription outlives its player, as on a real node.
    this.plugins.sponsorCategories.delete(guildId);
  }

  /** The runtime of the node's plugins (REST handlers use it). */
  get pluginRuntime(): SimPluginRuntime {
    return this.env.plugins;
  }

  // ---- PlayerHost ----

  trackStarted(player: SimPlayer): void {
    this.env.plugins.trackStarted(this, player);
  }

  sendEvent(event: LavalinkEvent | KnownPluginEvent): void {
    // Lavalink 4.0's Exception has no causeStackTrace (4.1 added it).
    if (event.type === "TrackExceptionEvent" && !this.env.profile.causeStackTrace) {
      const { causeStackTrace: _dropped, ...exception } = event.exception;
      event = { ...event, exception };
    }
    let text: string;
    try {
      text = JSON.stringify(event);
    } catch (error) {
      // Events often go out from a timer, where a throw would take the process down. REST input
      // is depth-checked, so this only guards values set through the programmatic API.
      const reason = error instanceof Error ? error.message : String(error);
      this.env.transport.dropFrame(
        this,
        "",
        "event",
        `not serialisable: ${reason}`,
        event.type,
        event.guildId,
      );
      return;
    }
    this.sendText(text, "event", event.type, event.guildId);
    if (event.type === "TrackStartEvent") {
      const player = this.players.get(event.guildId);
      if (player !== undefined) this.updates.start(player);
    }
  }

  sendPlayerUpdate(player: SimPlayer): void {
    // Lavalink skips (does not queue) player updates while the session waits to be resumed.
    if (this.paused || this.ws === null) return;
    const now = this.env.clock.now();
    if (this.ended) {
      const text = playerUpdateFrame(
        player.guildId,
        now,
        player.position(now),
        player.connected,
        player.ping,
      );
      this.env.transport.dropFrame(this, text, "playerUpdate", "session ended", undefined, player.guildId);
      return;
    }
    this.env.transport.sendPlayerUpdate(
      this,
      this.ws,
      player.guildId,
      now,
      player.position(now),
      player.connected,
      player.ping,
    );
  }

  // ---- connection lifecycle ----

  /** The socket closed. Returns true when the session now waits to be resumed. */
  detach(): boolean {
    this.ws = null;
    if (this.ended) return false;
    if (!this.resuming) {
      this.shutdown();
      return false;
    }
    this.paused = true;
    this.resumeTimer = this.env.clock.setTimeout(() => {
      this.resumeTimer = undefined;
      this.shutdown();
    }, this.timeout * 1000);
    return true;
  }

  /** A client reconnected with this session's id in time: replay what was queued. */
  resume(ws: PeerSocket): void {
    this.env.clock.clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    this.paused = false;
    this.ws = ws;
    // SponsorBlock and LavaLyrics reset their per-session maps in onWebSocketOpen, resumed or not.
    this.plugins = SimPluginRuntime.freshState();
    this.sendText(`{"op":"ready","resumed":true,"sessionId":"${this.id}"}`, "ready");
    const pending = this.queue.drain();
    for (const text of pending) this.env.transport.sendFrame(this, ws, text, opOf(text));
    for (const player of this.players.values()) this.sendPlayerUpdate(player);
  }

  /** Destroys every player and stops the timers; the session is gone afterwards. */
  shutdown(): void {
    if (this.ended) return;
    this.ended = true;
    this.env.clock.clearTimeout(this.resumeTimer);
    this.updates.stop();
    this.env.clock.clearInterval(this.statsTimer);
    for (const guildId of [...this.players.keys()]) this.destroyPlayer(guildId);
    this.queue.clear();
    this.paused = false;
    this.env.onSessionEnded(this);
  }

  private startTimers(): void {
    this.statsTimer = this.env.clock.setInterval(() => this.sendStats(), this.env.statsInterval);
  }

  /**
   * A player's periodic update (skipped, not queued, while the session waits to be resumed, as in
   * Lavalink). False once the player is destroyed or has no track: its updates stop until the next
   * TrackStart.
   */
  private periodicUpdate(player: SimPlayer): boolean {
    if (this.players.get(player.guildId) !== player || !player.hasTrack) return false;
    this.sendPlayerUpdate(player);
    return true;
  }

  private sendStats(): void {
    const stats = this.env.statsFor(this);
    this.sendText(JSON.stringify({ op: "stats", ...stats }), "stats");
  }

  private sendText(text: string, op: string, type?: string, guildId?: string): void {
    if (this.ended) {
      this.env.transport.dropFrame(this, text, op, "session ended", type, guildId);
      return;
    }
    if (this.paused || this.ws === null) {
      const dropped = this.queue.push(text);
      this.env.transport.dropFrame(this, text, op, "queued for resume", type, guildId);
      for (const old of dropped) {
        this.env.transport.dropFrame(this, old, opOf(old), "dropped from the full resume queue");
      }
      return;
    }
    this.env.transport.sendFrame(this, this.ws, text, op, type, guildId);
  }
}

function opOf(text: string): string {
  const m = /^\{"op":"([a-zA-Z]+)"/.exec(text);
  return m?.[1] ?? "unknown";
}
