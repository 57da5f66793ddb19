import { EventEmitter } from "node:events";
import { asyncDisposeSymbol, provideAsyncDispose } from "../base/async-dispose.js";
import type { Clock, VirtualClock } from "../base/clock/index.js";
import { SeededRandom } from "../base/random.js";
import type { LavalinkPlayer, NodeInfo, Stats, VoiceCloseCodes } from "../protocol/index.js";
import { ControlPlane } from "./control/plane.js";
import { CONTROL_PREFIX } from "./control/reply.js";
import type { ControlClockInfo, ControlTarget } from "./control/target.js";
import { Catalog } from "./deps.js";
import { SimulatorError } from "./errors.js";
import { FaultController } from "./faults/controller.js";
import type { KnobOptions } from "./faults/knobs.js";
import type { Fault, FaultKnobs } from "./faults/types.js";
import type { HandshakeRefusal } from "./handshake.js";
import type { HttpEnvironment } from "./http.js";
import { assertSafeBind, closeListener, disconnectAll, listenNode, type NodeListener } from "./lifecycle.js";
import { emitIsolated } from "./listener-errors.js";
import { SimulatorLog } from "./log.js";
import { frameStats, nodeInfo, nodeStats } from "./node-info.js";
import {
  type ClockOf,
  isLoopback,
  type ProtocolSimulatorOptions,
  type ResolvedOptions,
  resolveOptions,
} from "./options.js";
import type { SimPlayer } from "./player.js";
import { pluginFilterNames } from "./plugins/plugin-set.js";
import { SimPluginRuntime } from "./plugins/runtime.js";
import { SessionRegistry } from "./registry.js";
import type { RestEnvironment } from "./rest/context.js";
import { playerJson } from "./rest/players.js";
import { Scheduler } from "./scheduler.js";
import type { Session, SessionEnvironment, SessionSnapshot } from "./session.js";
import { Transport } from "./transport/transport.js";
import type { UpgradeContext } from "./upgrade.js";

/** Real-clock playerUpdates due within this many ms of each other share one timer wakeup. */
const REAL_CLOCK_UPDATE_BATCH_MS = 10;

/** A player as the simulator knows it, for assertions in tests. */
export interface PlayerSnapshot extends LavalinkPlayer {
  sessionId: string;
  /** The end time set for the current track, or null. */
  endTime: number | null;
  /** Whether the position is moving right now. */
  advancing: boolean;
}

/** Events a simulator emits about its sessions (for logs like the CLI's; tests can await them). */
export interface SimulatorEvents {
  /** A client opened a new session. */
  connect: [session: SessionSnapshot];
  /** A client resumed a session. */
  resume: [session: SessionSnapshot];
  /** A session's socket closed; `resumable` tells whether it now waits to be resumed. */
  disconnect: [session: SessionSnapshot, code: number, resumable: boolean];
  /** A session and its players are gone. */
  sessionEnd: [sessionId: string];
  /** A WebSocket handshake was refused (wrong password, bad User-Id, wrong path) with an HTTP error. */
  handshakeRefused: [refusal: HandshakeRefusal];
}

/**
 * A real Lavalink v4 node on loopback — HTTP REST plus the `/v4/websocket` endpoint — whose time
 * comes from a {@link Clock}. With a virtual clock a 3-minute track ends the moment the test calls
 * `await sim.clock.advance(180_000)`. Several simulators can run side by side; each owns its own
 * state, clock and scheduler.
 */
export class ProtocolSimulator<
  O extends ProtocolSimulatorOptions = ProtocolSimulatorOptions,
> extends EventEmitter<SimulatorEvents> {
  /** The clock every timeline, interval and timeout of this simulator runs on. */
  readonly clock: ClockOf<O>;
  /** Where track loads and playback scripts come from. */
  readonly catalog: Catalog;
  /** Bounded record of every frame and request. */
  readonly log: SimulatorLog;
  /** Fault injection: seeded network faults, REST errors, voice/track failures, a slow node. */
  readonly faults: FaultController;
  private readonly options: ResolvedOptions;
  private readonly random: SeededRandom;
  private readonly statsRandom: SeededRandom;
  private readonly transport: Transport;
  private readonly registry: SessionRegistry;
  private scheduler: Scheduler;
  private listener: NodeListener | null = null;
  private boundPort: number | null = null;
  /** The port a killed or stopped node comes back on with {@link restart}. */
  private lastPort: number | null = null;
  private restartPort: number | null = null;
  private startedAt = 0;
  private readonly pluginRuntime: SimPluginRuntime;
  private readonly httpEnvironment: HttpEnvironment;
  private readonly upgradeContext: UpgradeContext;
  /** The control API and inspector, when the `control` or `inspect` option turned them on. */
  private readonly control: ControlPlane | null;

  constructor(options?: O) {
    super();
    provideAsyncDispose();
    this.options = resolveOptions(options ?? {});
    this.clock = this.options.clock as ClockOf<O>;
    this.random = new SeededRandom(this.options.seed);
    this.registry = new SessionRegistry(this.random.fork("session-ids"));
    this.statsRandom = this.random.fork("stats");
    this.catalog = options?.catalog ?? new Catalog({ seed: this.options.seed });
    this.log = new SimulatorLog(this.options.logCapacity, this.options.logEnabled, {
      maxBytes: this.options.logMaxBytes,
      bodyLimit: this.options.logBodyLimit,
    });
    this.faults = new FaultController({
      clock: this.clock,
      random: this.random.fork("faults"),
      requirePlayer: (sessionId, guildId) => {
        const { session, player } = this.registry.requirePlayer(sessionId, guildId);
        return { sessionId: session.id, player };
      },
      closeVoice: (sessionId, guildId, close) => this.closeVoice(sessionId, guildId, close),
    });
    this.transport = new Transport(this.clock, this.log, this.faults.hook);
    this.scheduler = new Scheduler(this.clock);
    this.control =
      this.options.control === null ? null : new ControlPlane(this.controlTarget(), this.options.control);
    this.pluginRuntime = new SimPluginRuntime(this.options.plugins, this.catalog);
    this.httpEnvironment = this.createHttpEnvironment();
    this.upgradeContext = this.createUpgradeContext(this.createSessionEnvironment());
  }

  /** True between {@link start} and {@link stop} (or {@link kill}). */
  get running(): boolean {
    return this.listener !== null;
  }

  /** The port listened on (useful with `port: 0`). Throws SIM_NOT_STARTED before {@link start}. */
  get port(): number {
    if (this.boundPort === null) {
      throw new SimulatorError(
        "SIM_NOT_STARTED",
        "port is only known after start(); await sim.start() first",
      );
    }
    return this.boundPort;
  }

  /** The address the node listens on (the `host` option, `127.0.0.1` by default). */
  get host(): string {
    return this.options.host;
  }

  /**
   * The password clients must send as `Authorization`, or `undefined` when any is accepted (no
   * password, or an empty one, was configured).
   */
  get password(): string | undefined {
    return this.options.password;
  }

  /** `http://host:port`, for REST clients. */
  get url(): string {
    const host = this.options.host.includes(":") ? `[${this.options.host}]` : this.options.host;
    return `http://${host}:${this.port}`;
  }

  /**
   * The token of the control API (`control` or `inspect` option), or `undefined` when it is off.
   * Control requests send it as `Authorization: Bearer <token>`.
   */
  get controlToken(): string | undefined {
    return this.control?.token;
  }

  /** `http://host:port/_sonora`, the control API's base URL, or `undefined` when it is off. */
  get controlUrl(): string | undefined {
    return this.control === null ? undefined : `${this.url}${CONTROL_PREFIX}`;
  }

  /** The inspector page's URL with its access token (`inspect` option), or `undefined`. */
  get inspectorUrl(): string | undefined {
    if (this.control === null || !this.control.inspect) return undefined;
    return `${this.url}${CONTROL_PREFIX}/inspector?token=${encodeURIComponent(this.control.token)}`;
  }

  /** Starts listening. Rejects with SIM_ALREADY_STARTED, SIM_INSECURE_BIND or SIM_LISTEN_FAILED. */
  async start(): Promise<this> {
    if (this.listener !== null) {
      throw new SimulatorError(
        "SIM_ALREADY_STARTED",
        `the simulator already listens on port ${this.boundPort}; stop() it first`,
      );
    }
    assertSafeBind(this.options.host, this.options.password);
    if (this.control !== null && !this.options.controlTokenExplicit && !isLoopback(this.options.host)) {
      throw new SimulatorError(
        "SIM_INSECURE_BIND",
        `refusing to serve the control API on ${this.options.host} with a generated token; pass control: { token } (--control-token) or bind to 127.0.0.1`,
      );
    }
    this.scheduler = new Scheduler(this.clock);
    this.listener = await listenNode({
      host: this.options.host,
      port: this.restartPort ?? this.options.port,
      http: this.httpEnvironment,
      upgrade: this.upgradeContext,
    });
    this.boundPort = this.listener.port;
    this.startedAt = this.clock.now();
    return this;
  }

  /**
   * Closes every socket, ends every session and stops listening. Rejects with SIM_NOT_STARTED,
   * except while a kill through the control API keeps the node down: then it only cancels the
   * node's return.
   */
  async stop(): Promise<void> {
    const control = this.control;
    if (control !== null && this.listener === null && control.restartPending) {
      control.halt();
      return;
    }
    control?.halt();
    await this.halt(true, "stop");
  }

  /**
   * A dead node, as when the Lavalink process crashes: every WebSocket is cut without a close
   * frame, REST exchanges in flight get no answer, the listening socket closes (new connections
   * get ECONNREFUSED) and every session is lost. {@link restart} brings it back on the same port.
   */
  async kill(): Promise<void> {
    await this.halt(false, "kill");
  }

  /**
   * Brings a killed (or stopped) node back on the same port, as a restarted Lavalink: no session
   * survives, so a client resuming with its Session-Id gets `resumed: false`. A running node is
   * killed first.
   */
  async restart(): Promise<this> {
    if (this.listener !== null) await this.kill();
    this.restartPort = this.lastPort;
    try {
      return await this.start();
    } finally {
      this.restartPort = null;
    }
  }

  /**
   * The seed's three knobs, each a probability 0..1: `packetLoss` (TCP retransmission delays, at
   * worst a stalled connection), `latencySpike` (5–20× the baseline latency), `connectionDrop`
   * (abrupt socket close per frame). Replaces earlier knob settings; see docs/faults.md.
   *
   * A shortcut, under the name the seed's docs use, for {@link FaultController.enable}: the knobs
   * are ordinary faults in {@link faults} (ids `knob:packetLoss`, …), listed, updated and removed
   * like any other.
   */
  enableFaultInjection(knobs: FaultKnobs & KnobOptions): Fault[] {
    return this.faults.enable(knobs);
  }

  /** Removes the knobs' faults (faults added with `sim.faults.add` stay). Shortcut for {@link FaultController.disable}. */
  disableFaultInjection(): void {
    this.faults.disable();
  }

  private async halt(graceful: boolean, what: string): Promise<void> {
    const listener = this.listener;
    if (listener === null) {
      throw new SimulatorError("SIM_NOT_STARTED", `${what}() called but the simulator is not running`);
    }
    this.listener = null;
    this.lastPort = this.boundPort;
    // Every step runs even if an earlier one throws, so the node always ends up fully stopped;
    // the first failure is rethrown once the teardown is complete.
    const failures: unknown[] = [];
    const step = (run: () => void): void => {
      try {
        run();
      } catch (error) {
        failures.push(error);
      }
    };
    step(() => this.faults.halt());
    step(() => disconnectAll(this.registry, graceful, (ws) => this.transport.terminate(ws)));
    step(() => this.scheduler.stop());
    await closeListener(listener);
    this.boundPort = null;
    if (failures.length > 0) throw failures[0];
  }

  /** `await using sim = await new ProtocolSimulator(...).start()` stops it at scope end. */
  async [asyncDisposeSymbol](): Promise<void> {
    if (this.running || this.control?.restartPending === true) await this.stop();
  }

  /** Advances a virtual clock (shorthand for `sim.clock.advance`). */
  advance(ms: number): Promise<void> {
    const clock = this.clock as Clock & Partial<VirtualClock>;
    if (typeof clock.advance !== "function") {
      throw new SimulatorError(
        "SIM_INVALID_OPTION",
        'advance() needs clock: "virtual" (or a clock with advance())',
      );
    }
    return clock.advance(ms);
  }

  // ---- inspection ----

  /** Every session, connected or waiting to be resumed. */
  get sessions(): SessionSnapshot[] {
    return this.registry.all().map((s) => s.snapshot());
  }

  /** One session (connected or waiting to be resumed) by id, or `undefined` if none has it. */
  getSession(sessionId: string): SessionSnapshot | undefined {
    return this.registry.get(sessionId)?.snapshot();
  }

  /** Every player of every session. */
  get players(): PlayerSnapshot[] {
    const out: PlayerSnapshot[] = [];
    for (const session of this.registry.all()) {
      for (const player of session.players.values()) out.push(this.snapshotOf(session, player));
    }
    return out;
  }

  /** One player; without a session id, the first session holding that guild. */
  getPlayer(sessionId: string | undefined, guildId: string): PlayerSnapshot | undefined {
    const found = this.registry.findPlayer(sessionId, guildId);
    return found === undefined ? undefined : this.snapshotOf(found.session, found.player);
  }

  /** Stats as `GET /v4/stats` reports them (`frameStats: null`, as Lavalink serialises it there). */
  stats(): Stats {
    return nodeStats(
      this.registry.countPlayers(),
      this.clock.now() - this.startedAt,
      this.statsRandom,
      this.options.cores,
    );
  }

  /** `GET /v4/info`. */
  info(): NodeInfo {
    return nodeInfo(
      this.options.version,
      this.startedAt,
      this.options.profile,
      this.options.disabledFilters,
      this.options.plugins,
    );
  }

  // ---- test controls ----

  /**
   * Simulates Discord closing the node's voice connection of a player: sends WebSocketClosedEvent
   * and a player update, as Lavalink does on Koe's gatewayClosed.
   */
  closeVoice(
    sessionId: string | undefined,
    guildId: string,
    close: {
      code?: (typeof VoiceCloseCodes)[keyof typeof VoiceCloseCodes] | number;
      reason?: string;
      byRemote?: boolean;
    } = {},
  ): void {
    const { session, player } = this.registry.requirePlayer(sessionId, guildId);
    player.disconnectVoice();
    session.sendEvent({
      op: "event",
      type: "WebSocketClosedEvent",
      guildId,
      code: close.code ?? 4006,
      reason: close.reason ?? "Session is no longer valid.",
      byRemote: close.byRemote ?? true,
    });
    session.sendPlayerUpdate(player);
  }

  /** Cuts a session's WebSocket abruptly (no close frame), as a network failure would. */
  dropConnection(sessionId: string): void {
    this.transport.terminate(this.registry.requireSocket(sessionId));
  }

  /** Closes a session's WebSocket with a close frame. */
  closeConnection(sessionId: string, code = 1000, reason = ""): void {
    this.registry.requireSocket(sessionId).close(code, reason);
  }

  // ---- wiring ----

  /**
   * Emits one of the simulator's own events with each listener isolated: a listener that throws
   * becomes a process warning (code `SONORA_SIM_LISTENER_ERROR`) and breaks nothing else.
   */
  private notify<K extends keyof SimulatorEvents>(event: K, ...args: SimulatorEvents[K]): void {
    this.control?.changed();
    emitIsolated(this, event, args);
  }

  /** The narrow view the control API works on (it never sees the simulator's internals). */
  private controlTarget(): ControlTarget {
    const sim = this;
    const timeScale = this.options.timeScale;
    return {
      faults: this.faults,
      catalog: this.catalog,
      log: this.log,
      get running(): boolean {
        return sim.running;
      },
      sessions: () => this.sessions,
      players: () => this.players,
      clock: (): ControlClockInfo => ({
        kind: this.options.clockKind,
        now: this.clock.now(),
        timeScale,
      }),
      advance: (ms) => this.advance(ms),
      kill: () => this.kill(),
      restart: () => this.restart(),
      dropConnection: (id) => this.dropConnection(id),
      closeConnection: (id, code, reason) => this.closeConnection(id, code, reason),
    };
  }

  private snapshotOf(session: Session, player: SimPlayer): PlayerSnapshot {
    return {
      ...playerJson(player, this.clock.now(), this.options.profile),
      sessionId: session.id,
      endTime: player.endTime,
      advancing: player.advancing,
    };
  }

  private createSessionEnvironment(): SessionEnvironment {
    const sim = this;
    return {
      clock: this.clock,
      // A getter: restart() replaces the scheduler, and sessions must use the current one.
      get scheduler(): Scheduler {
        return sim.scheduler;
      },
      random: this.random.fork("players"),
      transport: this.transport,
      strictVoice: this.options.strictVoice,
      trackStuckThreshold: this.options.trackStuckThreshold,
      profile: this.options.profile,
      playerUpdateInterval: this.options.playerUpdateInterval,
      // On the real clock, updates due within the same 10 ms go out on one wakeup (timers jitter
      // that much anyway) — at Lavalink's intervals of seconds, not at the tiny ones tests use; a
      // virtual clock keeps every player's exact phase.
      updateBatch:
        this.options.clockKind === "real" && this.options.playerUpdateInterval >= 1_000
          ? REAL_CLOCK_UPDATE_BATCH_MS
          : 0,
      statsInterval: this.options.statsInterval,
      maxResumeTimeout: this.options.maxResumeTimeout,
      maxQueuedFrames: this.options.maxQueuedFrames,
      maxQueuedBytes: this.options.maxQueuedBytes,
      plugins: this.pluginRuntime,
      statsFor: (s) => {
        const now = this.clock.now();
        const counted: boolean[] = [];
        for (const p of s.players.values()) {
          // SocketContext.playingPlayers: a track and not paused; then AudioLossCounter.isDataUsable.
          if (!p.playing || !p.lossWindow.usable(now)) continue;
          counted.push(p.connected || !this.options.strictVoice);
        }
        return { ...this.stats(), frameStats: frameStats(counted) };
      },
      onSessionEnded: (s) => {
        this.registry.forget(s);
        this.notify("sessionEnd", s.id);
      },
    };
  }

  private createUpgradeContext(sessionEnvironment: SessionEnvironment): UpgradeContext {
    return {
      password: this.options.password,
      maxPayload: this.options.maxBodyBytes,
      transport: this.transport,
      registry: this.registry,
      sessionEnvironment,
      isRunning: () => this.listener !== null,
      onConnect: (session) => this.notify("connect", session),
      onResume: (session) => this.notify("resume", session),
      onDisconnect: (session, code, resumable) => this.notify("disconnect", session, code, resumable),
      onRefused: (refusal) => this.notify("handshakeRefused", refusal),
    };
  }

  private createHttpEnvironment(): HttpEnvironment {
    const rest: RestEnvironment = {
      clock: this.clock,
      catalog: this.catalog,
      version: this.options.version,
      profile: this.options.profile,
      lint: this.options.lint,
      disabledFilters: this.options.disabledFilters,
      connectedSession: (id) => this.registry.live.get(id),
      info: () => this.info(),
      stats: () => this.stats(),
      routePlanner: this.options.routePlanner,
      plugins: this.pluginRuntime,
      filterExtensions: new Set(pluginFilterNames(this.options.plugins)),
    };
    return {
      transport: this.transport,
      rest,
      password: this.options.password,
      maxBodyBytes: this.options.maxBodyBytes,
      control: this.control === null ? undefined : (req, res) => this.control?.handle(req, res),
    };
  }
}
