import type { Clock, TimerHandle } from "../../clock/index.js";
import {
  type IncomingMessage,
  type LavalinkEvent,
  type LavalinkPlayer,
  type Track as LavalinkTrack,
  type LoadResult,
  type NodeInfo,
  type PlayerState,
  type PlayerUpdateOp,
  parseIncomingMessage,
  Routes,
  type SessionInfo,
  type Stats,
  type UpdatePlayerRequest,
  validateIncomingMessage,
  validateLoadResult,
  validateNodeInfo,
  validatePlayer,
  validateTrack,
} from "../../protocol/index.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { NodeAuthError } from "../errors/node-auth-error.js";
import { NodeUnavailableError } from "../errors/node-unavailable-error.js";
import { type RetryPolicy, retryDelay } from "./backoff.js";
import type { NodeOptions, ResumeOptions } from "./options.js";
import { nodePenalty } from "./penalty.js";
import { RestClient } from "./rest.js";
import { NodeSocket } from "./socket.js";
import type { NodeState } from "./state.js";

/**
 * Parses a frame. `playerUpdate` (most frames by far) is checked inline with exactly the checks
 * of the protocol's `validatePlayerState`; measured, the generic validator's dispatch costs about
 * a quarter of a `JSON.parse` on this path. Anything that does not pass the inline checks, and
 * every other op, goes through the protocol's {@link validateIncomingMessage}, which also names the
 * offending field in its error.
 */
function parseFrame(text: string): IncomingMessage {
  let value: { op?: unknown; guildId?: unknown; state?: Record<string, unknown> | null };
  try {
    value = JSON.parse(text);
  } catch {
    // Let the protocol parser produce its ProtocolValidationError for invalid JSON.
    return parseIncomingMessage(text);
  }
  if (
    typeof value === "object" &&
    value !== null &&
    value.op === "playerUpdate" &&
    typeof value.guildId === "string"
  ) {
    const state = value.state;
    if (
      typeof state === "object" &&
      state !== null &&
      typeof state.time === "number" &&
      typeof state.position === "number" &&
      typeof state.connected === "boolean" &&
      typeof state.ping === "number"
    ) {
      return value as unknown as PlayerUpdateOp;
    }
  }
  return validateIncomingMessage(value);
}

/** What a node needs from a player it hosts: where to deliver that guild's frames. */
export interface NodePlayer {
  readonly playing: boolean;
  handleState(state: PlayerState): void;
  handleEvent(event: LavalinkEvent): void;
}

/** The client side of a node: the node reports everything through this interface. */
export interface NodeHost {
  readonly clock: Clock;
  readonly userId: string;
  readonly random: () => number;
  /** True when someone listens to `raw`; checked per frame so the hot path skips the call. */
  readonly wantsRaw: boolean;
  nodeStateChanged(node: Node, from: NodeState, to: NodeState): void;
  nodeOpened(node: Node): void;
  nodeReady(node: Node, resumed: boolean): Promise<void>;
  nodeClosed(node: Node, code: number, reason: string, willReconnect: boolean): void;
  nodeReconnecting(node: Node, attempt: number, delay: number): void;
  nodeLost(node: Node, error: Error): void;
  nodeError(node: Node, error: Error): void;
  nodeStats(node: Node, stats: Stats): void;
  nodeRaw(node: Node, message: IncomingMessage): void;
}

/** Settings a node resolves from its own options and the client's defaults. */
export interface ResolvedNodeSettings {
  resume: Required<ResumeOptions> | false;
  reconnect: RetryPolicy;
  restTimeout: number;
  restRetry: RetryPolicy;
  /** Milliseconds a connection attempt may take before it counts as failed. */
  connectTimeout: number;
}

/**
 * One Lavalink node: a WebSocket (frames, session, reconnects) and a REST client. Created by
 * {@link SonoraClient}; read `state`, `stats` and `penalty`, or call the REST helpers.
 */
export class Node {
  /** Unique name (defaults to `host:port`). */
  readonly name: string;
  /** Region tag from the options, if any. */
  readonly region: string | undefined;
  /** REST client of this node. */
  readonly rest: RestClient;
  /** Players hosted here, by guild id. */
  readonly players = new Map<string, NodePlayer>();
  /** Session id of the current (or last) session; null before the first `ready`. */
  sessionId: string | null = null;
  /** Last `stats` frame, null before the first one. */
  stats: Stats | null = null;
  /** Last `GET /v4/info` answer, when {@link fetchInfo} was called. */
  info: NodeInfo | null = null;

  private currentState: NodeState = "connecting";
  private socket: NodeSocket | null = null;
  private reconnectTimer: TimerHandle | undefined;
  private connectTimer: TimerHandle | undefined;
  private failures = 0;
  private lastError: Error | null = null;
  private authFailed = false;
  private readonly url: string;
  private readonly baseUrl: string;
  private firstConnect: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(
    /** The options this node was created with. */
    readonly options: Readonly<NodeOptions>,
    /** Effective resume, reconnect and REST settings. */
    readonly settings: ResolvedNodeSettings,
    private readonly host: NodeHost,
  ) {
    this.name = options.name ?? `${options.host}:${options.port}`;
    this.region = options.region;
    const hostPart = options.host.includes(":") ? `[${options.host}]` : options.host;
    this.url = `${options.secure ? "wss" : "ws"}://${hostPart}:${options.port}`;
    this.baseUrl = `${options.secure ? "https" : "http"}://${hostPart}:${options.port}`;
    this.rest = new RestClient({
      baseUrl: this.baseUrl,
      password: options.password,
      node: this.name,
      timeout: settings.restTimeout,
      retry: settings.restRetry,
      clock: host.clock,
      random: host.random,
    });
  }

  /** Current connection state. */
  get state(): NodeState {
    return this.currentState;
  }

  /** True when the node can take players and requests. */
  get ready(): boolean {
    return this.currentState === "ready";
  }

  /** Load score; lower is better. See {@link nodePenalty} for the formula. */
  get penalty(): number {
    let playing = 0;
    for (const p of this.players.values()) if (p.playing) playing++;
    return nodePenalty(this.stats, { playing, idle: this.players.size - playing });
  }

  // ── Connection ────────────────────────────────────────────────────────────────────────────────

  /**
   * Opens the WebSocket. Resolves at the node's `ready`; rejects with the first attempt's error
   * ({@link NodeAuthError} or {@link NodeUnavailableError}) while retries go on in the background
   * (except after an auth failure, which a retry cannot fix).
   */
  connect(): Promise<void> {
    if (this.currentState === "destroyed") {
      return Promise.reject(new ClientStateError(`node "${this.name}" was destroyed`));
    }
    return new Promise<void>((resolve, reject) => {
      this.firstConnect = { resolve, reject };
      this.open();
    });
  }

  /** Closes the socket and the REST agent, cancels timers; the node is unusable afterwards. */
  destroy(): void {
    if (this.currentState === "destroyed") return;
    this.clearTimers();
    this.setState("destroyed");
    const socket = this.socket;
    this.socket = null;
    socket?.close(true);
    this.rest.close();
    this.settleFirstConnect(new ClientStateError(`node "${this.name}" was destroyed while connecting`));
  }

  /** Drops the socket without a close frame, as a network failure would (for tests and failover drills). */
  simulateDisconnect(): void {
    this.socket?.close(false);
  }

  private open(): void {
    const resume = this.settings.resume !== false && this.sessionId !== null;
    const socket = new NodeSocket(
      {
        url: this.url,
        password: this.options.password,
        userId: this.host.userId,
        sessionId: resume ? this.sessionId : null,
      },
      {
        open: () => {
          if (this.socket !== socket) return;
          this.host.clock.clearTimeout(this.connectTimer);
          this.host.nodeOpened(this);
        },
        message: (text) => {
          if (this.socket === socket) this.handleMessage(text);
        },
        rejected: (status) => {
          if (status === 401 || status === 403) {
            this.authFailed = true;
            this.lastError = new NodeAuthError(this.name, status);
          } else {
            this.lastError = new NodeUnavailableError(this.name, `handshake refused with HTTP ${status}`);
          }
        },
        error: (error) => {
          if (this.lastError === null || !(this.lastError instanceof NodeAuthError)) {
            this.lastError = new NodeUnavailableError(
              this.name,
              `cannot connect to ${this.url}: ${error.message}`,
              {
                cause: error,
              },
            );
          }
        },
        close: (code, reason) => {
          if (this.socket === socket) this.handleClose(code, reason);
        },
      },
    );
    this.socket = socket;
    this.lastError = null;
    this.connectTimer = this.host.clock.setTimeout(() => {
      if (this.socket !== socket || socket.open) return;
      this.lastError = new NodeUnavailableError(
        this.name,
        `no handshake answer from ${this.url} within ${this.settings.connectTimeout} ms`,
      );
      socket.close(false);
    }, this.settings.connectTimeout);
  }

  private handleClose(code: number, reason: string): void {
    this.socket = null;
    this.host.clock.clearTimeout(this.connectTimer);
    if (this.currentState === "destroyed") return;
    const error =
      this.lastError ??
      new NodeUnavailableError(this.name, `socket closed with code ${code}${reason ? ` (${reason})` : ""}`);
    this.settleFirstConnect(error);
    const { maxRetries } = this.settings.reconnect;
    const willReconnect = !this.authFailed && this.failures < maxRetries;
    this.host.nodeClosed(this, code, reason, willReconnect);
    if (!willReconnect) {
      this.setState("disconnected");
      this.host.nodeLost(this, error);
      return;
    }
    this.failures++;
    const delay = retryDelay(this.settings.reconnect, this.failures, this.host.random);
    this.setState("reconnecting");
    this.host.nodeReconnecting(this, this.failures, delay);
    this.reconnectTimer = this.host.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.currentState === "reconnecting") this.open();
    }, delay);
  }

  private settleFirstConnect(error: Error | null): void {
    const pending = this.firstConnect;
    if (!pending) return;
    this.firstConnect = null;
    if (error) pending.reject(error);
    else pending.resolve();
  }

  private clearTimers(): void {
    this.host.clock.clearTimeout(this.reconnectTimer);
    this.host.clock.clearTimeout(this.connectTimer);
    this.reconnectTimer = undefined;
    this.connectTimer = undefined;
  }

  private setState(next: NodeState): void {
    const previous = this.currentState;
    if (previous === next) return;
    this.currentState = next;
    this.host.nodeStateChanged(this, previous, next);
  }

  // ── Frames ────────────────────────────────────────────────────────────────────────────────────

  /**
   * Handles one text frame. Public so benchmarks and tools can feed frames directly; the hot path
   * (`playerUpdate`) is a parse, a few typeof checks, one map lookup and one method call.
   */
  handleMessage(text: string): void {
    let message: IncomingMessage;
    try {
      message = parseFrame(text);
    } catch (error) {
      this.host.nodeError(this, error as Error);
      return;
    }
    switch (message.op) {
      case "playerUpdate":
        this.players.get(message.guildId)?.handleState(message.state);
        break;
      case "event":
        this.players.get(message.guildId)?.handleEvent(message);
        break;
      case "stats":
        this.stats = message;
        this.host.nodeStats(this, message);
        break;
      case "ready":
        void this.handleReady(message.sessionId, message.resumed);
        break;
    }
    if (this.host.wantsRaw) this.host.nodeRaw(this, message);
  }

  private async handleReady(sessionId: string, resumed: boolean): Promise<void> {
    this.sessionId = sessionId;
    this.failures = 0;
    const { resume } = this.settings;
    // Resuming is enabled per session, so every new session needs it again. Started before the
    // host hears of `ready`, but not awaited first: the host must announce the resume before the
    // frames the node queued meanwhile (which follow `ready` at once) are dispatched.
    const configured =
      resume === false
        ? Promise.resolve()
        : this.updateSession({ resuming: true, timeout: resume.timeout }).then(
            () => undefined,
            (error: unknown) => this.host.nodeError(this, error as Error),
          );
    this.setState("ready");
    try {
      await this.host.nodeReady(this, resumed);
    } finally {
      await configured;
      this.settleFirstConnect(null);
    }
  }

  // ── REST ──────────────────────────────────────────────────────────────────────────────────────

  private requireSession(what: string): string {
    if (this.sessionId === null) {
      throw new NodeUnavailableError(this.name, `cannot ${what}: no session yet (the node never sent ready)`);
    }
    return this.sessionId;
  }

  /**
   * `PATCH /v4/sessions/{id}/players/{guildId}`. Retried on failure only when the body merely assigns
   * state (no track, position or end time): replaying a track change after a timeout could restart it.
   */
  async updatePlayer(
    guildId: string,
    body: UpdatePlayerRequest,
    noReplace?: boolean,
  ): Promise<LavalinkPlayer> {
    const session = this.requireSession("update a player");
    const idempotent =
      body.track === undefined &&
      body.encodedTrack === undefined &&
      body.identifier === undefined &&
      body.position === undefined &&
      body.endTime === undefined;
    const answer = await this.rest.request<unknown>("PATCH", Routes.player(session, guildId, noReplace), {
      body,
      idempotent,
    });
    return validatePlayer(answer);
  }

  /** `DELETE /v4/sessions/{id}/players/{guildId}`. */
  async destroyPlayer(guildId: string): Promise<void> {
    const session = this.requireSession("destroy a player");
    await this.rest.request("DELETE", Routes.player(session, guildId));
  }

  /** `GET /v4/sessions/{id}/players`. */
  async fetchPlayers(): Promise<LavalinkPlayer[]> {
    const session = this.requireSession("list players");
    const answer = await this.rest.request<unknown>("GET", Routes.players(session));
    if (!Array.isArray(answer)) return [];
    return answer.map((p, i) => validatePlayer(p, `[${i}]`));
  }

  /** `PATCH /v4/sessions/{id}`: assignments only, so it is retried like a PUT. */
  async updateSession(body: { resuming?: boolean; timeout?: number }): Promise<SessionInfo> {
    const session = this.requireSession("update the session");
    return this.rest.request<SessionInfo>("PATCH", Routes.session(session), { body, idempotent: true });
  }

  /** `GET /v4/loadtracks`. */
  async loadTracks(identifier: string): Promise<LoadResult> {
    return validateLoadResult(await this.rest.request<unknown>("GET", Routes.loadTracks(identifier)));
  }

  /** `POST /v4/decodetracks` (decoding is pure, so this POST is retried). */
  async decodeTracks(encoded: string[]): Promise<LavalinkTrack[]> {
    const answer = await this.rest.request<unknown>("POST", Routes.decodeTracks(), {
      body: encoded,
      idempotent: true,
    });
    return Array.isArray(answer) ? answer.map((t, i) => validateTrack(t, `[${i}]`)) : [];
  }

  /** `GET /v4/info`, cached in {@link info}. */
  async fetchInfo(): Promise<NodeInfo> {
    this.info = validateNodeInfo(await this.rest.request<unknown>("GET", Routes.info()));
    return this.info;
  }

  /** `GET /v4/stats`. */
  async fetchStats(): Promise<Stats> {
    return this.rest.request<Stats>("GET", Routes.stats());
  }
}
