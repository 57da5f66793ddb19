import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { Clock, VirtualClock } from "../clock/index.js";
import { SeededRandom } from "../mock/random.js";
import type { LavalinkPlayer } from "../protocol/index.js";
import {
  type NodeInfo,
  SESSION_RESUMED_HEADER,
  type Stats,
  type VoiceCloseCodes,
} from "../protocol/index.js";
import { Catalog } from "./deps.js";
import { SimulatorError } from "./errors.js";
import { FaultController } from "./faults/controller.js";
import type { KnobOptions } from "./faults/knobs.js";
import type { Fault, FaultKnobs } from "./faults/types.js";
import { checkHandshake, refuseUpgrade } from "./handshake.js";
import { API_VERSION_HEADER, type HttpEnvironment, handleHttpRequest } from "./http.js";
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
import type { RestEnvironment } from "./rest/context.js";
import { playerJson } from "./rest/players.js";
import { Scheduler } from "./scheduler.js";
import { Session, type SessionEnvironment, type SessionSnapshot } from "./session.js";
import { Transport } from "./transport/transport.js";

// Node 20 lacks Symbol.asyncDispose; TypeScript 5.9 emits code that expects it.
(Symbol as { asyncDispose?: symbol }).asyncDispose ??= Symbol.for("Symbol.asyncDispose");

/** A player as the simulator knows it, for assertions in tests. */
export interface PlayerSnapshot extends LavalinkPlayer {
  sessionId: string;
  /** The end time set for the current track, or null. */
  endTime: number | null;
  /** Whether the position is moving right now. */
  advancing: boolean;
}

const CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

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
  private readonly idRandom: SeededRandom;
  private readonly statsRandom: SeededRandom;
  private readonly transport: Transport;
  private scheduler: Scheduler;
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private boundPort: number | null = null;
  /** The port a killed or stopped node comes back on with {@link restart}. */
  private lastPort: number | null = null;
  private restartPort: number | null = null;
  private startedAt = 0;
  private readonly live = new Map<string, Session>();
  private readonly resumable = new Map<string, Session>();
  private readonly sockets = new Map<WebSocket, Session>();
  private readonly upgradeDecisions = new WeakMap<IncomingMessage, boolean>();
  private readonly sessionEnvironment: SessionEnvironment;
  private readonly httpEnvironment: HttpEnvironment;

  constructor(options?: O) {
    super();
    this.options = resolveOptions(options ?? {});
    this.clock = this.options.clock as ClockOf<O>;
    this.random = new SeededRandom(this.options.seed);
    this.idRandom = this.random.fork("session-ids");
    this.statsRandom = this.random.fork("stats");
    this.catalog = options?.catalog ?? new Catalog({ seed: this.options.seed });
    this.log = new SimulatorLog(this.options.logCapacity, this.options.logEnabled);
    this.faults = new FaultController({
      clock: this.clock,
      random: this.random.fork("faults"),
      requirePlayer: (sessionId, guildId) => {
        const { session, player } = this.requirePlayer(sessionId, guildId);
        return { sessionId: session.id, player };
      },
      closeVoice: (sessionId, guildId, close) => this.closeVoice(sessionId, guildId, close),
    });
    this.transport = new Transport(this.clock, this.log, this.faults);
    this.scheduler = new Scheduler(this.clock);
    const environments = this.createEnvironments();
    this.sessionEnvironment = environments.session;
    this.httpEnvironment = environments.http;
  }

  /** True between {@link start} and {@link stop}. */
  get running(): boolean {
    return this.server !== null;
  }

  /** The port listened on (useful with `port: 0`). */
  get port(): number {
    if (this.boundPort === null) {
      throw new SimulatorError(
        "SIM_NOT_STARTED",
        "port is only known after start(); await sim.start() first",
      );
    }
    return this.boundPort;
  }

  get host(): string {
    return this.options.host;
  }

  get password(): string | undefined {
    return this.options.password;
  }

  /** `http://host:port`, for REST clients. */
  get url(): string {
    const host = this.options.host.includes(":") ? `[${this.options.host}]` : this.options.host;
    return `http://${host}:${this.port}`;
  }

  /** Starts listening. Rejects with SIM_ALREADY_STARTED, SIM_INSECURE_BIND or SIM_LISTEN_FAILED. */
  async start(): Promise<this> {
    if (this.server !== null) {
      throw new SimulatorError(
        "SIM_ALREADY_STARTED",
        `the simulator already listens on port ${this.boundPort}; stop() it first`,
      );
    }
    if (this.options.password === undefined && !isLoopback(this.options.host)) {
      throw new SimulatorError(
        "SIM_INSECURE_BIND",
        `refusing to listen on ${this.options.host} without a password; set the password option or bind to 127.0.0.1`,
      );
    }
    this.scheduler = new Scheduler(this.clock);
    const server = createServer((req, res) => handleHttpRequest(this.httpEnvironment, req, res));
    const wss = new WebSocketServer({ noServer: true, maxPayload: this.options.maxBodyBytes });
    wss.on("headers", (headers, req) => {
      headers.push(`${SESSION_RESUMED_HEADER}: ${this.upgradeDecisions.get(req) === true}`);
      headers.push(`Lavalink-Api-Version: ${API_VERSION_HEADER["Lavalink-Api-Version"]}`);
    });
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(wss, req, socket, head),
    );
    server.on("clientError", (_error, socket) => {
      if (!socket.destroyed) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => {
        reject(
          new SimulatorError(
            "SIM_LISTEN_FAILED",
            `cannot listen on ${this.options.host}:${this.options.port}: ${error.message}; pick another port (0 = any free one)`,
          ),
        );
      };
      server.once("error", onError);
      server.listen(this.restartPort ?? this.options.port, this.options.host, () => {
        server.off("error", onError);
        resolve();
      });
    });
    this.server = server;
    this.wss = wss;
    this.boundPort = (server.address() as AddressInfo).port;
    this.startedAt = this.clock.now();
    return this;
  }

  /** Closes every socket, ends every session and stops listening. Rejects with SIM_NOT_STARTED. */
  async stop(): Promise<void> {
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
    if (this.server !== null) await this.kill();
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
   */
  enableFaultInjection(knobs: FaultKnobs & KnobOptions): Fault[] {
    return this.faults.enable(knobs);
  }

  /** Removes the knobs' faults (faults added with `sim.faults.add` stay). */
  disableFaultInjection(): void {
    this.faults.disable();
  }

  private async halt(graceful: boolean, what: string): Promise<void> {
    const server = this.server;
    if (server === null) {
      throw new SimulatorError("SIM_NOT_STARTED", `${what}() called but the simulator is not running`);
    }
    this.server = null;
    this.lastPort = this.boundPort;
    this.faults.halt();
    if (graceful) for (const [ws] of this.sockets) ws.close(1001, "Simulator stopping");
    else for (const [ws] of this.sockets) ws.terminate();
    for (const session of [...this.live.values(), ...this.resumable.values()]) session.shutdown();
    for (const [ws] of this.sockets) ws.terminate();
    this.sockets.clear();
    this.live.clear();
    this.resumable.clear();
    this.scheduler.stop();
    this.wss?.close();
    this.wss = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    this.boundPort = null;
  }

  /** `await using sim = await new ProtocolSimulator(...).start()` stops it at scope end. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.running) await this.stop();
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
    return [...this.live.values(), ...this.resumable.values()].map((s) => s.snapshot());
  }

  getSession(sessionId: string): SessionSnapshot | undefined {
    return (this.live.get(sessionId) ?? this.resumable.get(sessionId))?.snapshot();
  }

  /** Every player of every session. */
  get players(): PlayerSnapshot[] {
    const out: PlayerSnapshot[] = [];
    for (const session of [...this.live.values(), ...this.resumable.values()]) {
      for (const player of session.players.values()) out.push(this.snapshotOf(session, player));
    }
    return out;
  }

  /** One player; without a session id, the first session holding that guild. */
  getPlayer(sessionId: string | undefined, guildId: string): PlayerSnapshot | undefined {
    for (const session of [...this.live.values(), ...this.resumable.values()]) {
      if (sessionId !== undefined && session.id !== sessionId) continue;
      const player = session.players.get(guildId);
      if (player !== undefined) return this.snapshotOf(session, player);
    }
    return undefined;
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
    const { session, player } = this.requirePlayer(sessionId, guildId);
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
    const session = this.live.get(sessionId);
    if (session?.ws === null || session === undefined) {
      throw new SimulatorError(
        "SIM_UNKNOWN_SESSION",
        `no connected session ${JSON.stringify(sessionId)}; see sim.sessions`,
      );
    }
    session.ws.terminate();
  }

  /** Closes a session's WebSocket with a close frame. */
  closeConnection(sessionId: string, code = 1000, reason = ""): void {
    const session = this.live.get(sessionId);
    if (session?.ws === null || session === undefined) {
      throw new SimulatorError(
        "SIM_UNKNOWN_SESSION",
        `no connected session ${JSON.stringify(sessionId)}; see sim.sessions`,
      );
    }
    session.ws.close(code, reason);
  }

  // ---- internals ----

  private requirePlayer(
    sessionId: string | undefined,
    guildId: string,
  ): { session: Session; player: SimPlayer } {
    for (const session of [...this.live.values(), ...this.resumable.values()]) {
      if (sessionId !== undefined && session.id !== sessionId) continue;
      const player = session.players.get(guildId);
      if (player !== undefined) return { session, player };
    }
    throw new SimulatorError(
      "SIM_UNKNOWN_PLAYER",
      `no player for guild ${guildId}${sessionId === undefined ? "" : ` in session ${sessionId}`}; create it with PATCH first`,
    );
  }

  private snapshotOf(session: Session, player: SimPlayer): PlayerSnapshot {
    return {
      ...playerJson(player, this.clock.now()),
      sessionId: session.id,
      endTime: player.endTime,
      advancing: player.advancing,
    };
  }

  private newSessionId(): string {
    for (;;) {
      let id = "";
      for (let i = 0; i < 16; i++) id += CHARS[this.idRandom.int(0, CHARS.length - 1)];
      if (!this.live.has(id) && !this.resumable.has(id)) return id;
    }
  }

  private onUpgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => undefined);
    const decision = checkHandshake(req, this.options.password);
    if (!decision.ok) {
      this.transport.recordIncoming({ op: "handshake", status: decision.status, note: decision.reason });
      refuseUpgrade(socket, decision.status, decision.reason);
      return;
    }
    const canResume = decision.sessionId !== null && this.resumable.has(decision.sessionId);
    this.upgradeDecisions.set(req, canResume);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (this.server === null) {
        ws.terminate();
        return;
      }
      let session =
        canResume && decision.sessionId !== null ? this.resumable.get(decision.sessionId) : undefined;
      ws.on("error", () => undefined);
      if (session !== undefined) {
        this.resumable.delete(session.id);
        this.live.set(session.id, session);
        this.sockets.set(ws, session);
        this.transport.recordIncoming({ sessionId: session.id, op: "handshake", note: "resumed" });
        session.resume(ws);
        this.emit("resume", session.snapshot());
      } else {
        session = new Session(
          this.newSessionId(),
          decision.userId,
          decision.clientName,
          ws,
          this.sessionEnvironment,
        );
        this.live.set(session.id, session);
        this.sockets.set(ws, session);
        this.transport.recordIncoming({ sessionId: session.id, op: "handshake", note: "new session" });
        session.open();
        this.emit("connect", session.snapshot());
      }
      const owner = session;
      ws.on("message", (data) => {
        // Lavalink v4 ignores client frames (it only logs a warning); record them for tests.
        this.transport.receiveFrame(owner, ws, String(data));
      });
      ws.on("close", (code) => {
        this.sockets.delete(ws);
        if (owner.ws !== ws) return;
        this.transport.recordIncoming({ sessionId: owner.id, op: "close", note: String(code) });
        this.live.delete(owner.id);
        if (this.server === null) return;
        const willResume = owner.resuming && !owner.isEnded;
        this.emit(
          "disconnect",
          { ...owner.snapshot(), connected: false, awaitingResume: willResume },
          code,
          willResume,
        );
        if (owner.detach()) this.resumable.set(owner.id, owner);
      });
    });
  }

  private countPlayers(): { players: number; playing: number } {
    let players = 0;
    let playing = 0;
    for (const session of this.live.values()) {
      players += session.players.size;
      for (const p of session.players.values()) if (p.playing) playing++;
    }
    return { players, playing };
  }

  /** Stats as `GET /v4/stats` reports them (no frameStats). */
  stats(): Stats {
    return nodeStats(
      this.countPlayers(),
      this.clock.now() - this.startedAt,
      this.statsRandom,
      this.options.cores,
    );
  }

  /** `GET /v4/info`. */
  info(): NodeInfo {
    return nodeInfo(this.options.version, this.startedAt);
  }

  private createEnvironments(): { session: SessionEnvironment; http: HttpEnvironment } {
    const sim = this;
    const session: SessionEnvironment = {
      clock: this.clock,
      get scheduler(): Scheduler {
        return sim.scheduler;
      },
      random: this.random.fork("players"),
      transport: this.transport,
      strictVoice: this.options.strictVoice,
      playerUpdateInterval: this.options.playerUpdateInterval,
      statsInterval: this.options.statsInterval,
      statsFor: (s) => {
        let audible = 0;
        for (const p of s.players.values())
          if (p.advancing && (p.connected || !this.options.strictVoice)) audible++;
        return { ...this.stats(), frameStats: frameStats(audible) };
      },
      onSessionEnded: (s) => {
        this.live.delete(s.id);
        this.resumable.delete(s.id);
        this.emit("sessionEnd", s.id);
      },
    };
    const rest: RestEnvironment = {
      clock: this.clock,
      catalog: this.catalog,
      version: this.options.version,
      connectedSession: (id) => this.live.get(id),
      info: () => this.info(),
      stats: () => this.stats(),
      routePlanner: this.options.routePlanner,
    };
    const http: HttpEnvironment = {
      transport: this.transport,
      rest,
      password: this.options.password,
      maxBodyBytes: this.options.maxBodyBytes,
    };
    return { session, http };
  }
}
