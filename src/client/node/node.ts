import type { Clock, TimerHandle } from "../../base/clock/index.js";
import {
  type IncomingMessage,
  isPlayerUpdate,
  type LavalinkEvent,
  type PlayerState,
  parseIncomingMessage,
  type Stats,
  validateIncomingMessage,
} from "../../protocol/index.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { NodeAuthError } from "../errors/node-auth-error.js";
import { NodeUnavailableError } from "../errors/node-unavailable-error.js";
import { type RetryPolicy, retryDelay } from "./backoff.js";
import type { NodeOptions, ResumeOptions } from "./options.js";
import { nodePenalty } from "./penalty.js";
import { NodeRequests } from "./requests.js";
import { RestClient } from "./rest.js";
import { NodeSocket } from "./socket.js";
import type { NodeState } from "./state.js";

/** What a node needs from a player it hosts: where to deliver that guild's frames. */
export interface NodePlayer {
  /** Whether the player has a track that is not paused (for the pool's load figures). */
  readonly playing: boolean;
  /** Takes the state of a `playerUpdate` for this player. */
  handleState(state: PlayerState): void;
  /** Takes a Lavalink event for this player's guild. */
  handleEvent(event: LavalinkEvent): void;
}

/** The client side of a node: the node reports everything through this interface. */
export interface NodeHost {
  readonly clock: Clock;
  readonly userId: string;
  /** Random source in [0, 1) for reconnect jitter. */
  readonly random: () => number;
  /** True when someone listens to `raw`; checked per frame so the hot path skips the call. */
  readonly wantsRaw: boolean;
  /** The node moved from one state to another. */
  nodeStateChanged(node: Node, from: NodeState, to: NodeState): void;
  /** The WebSocket opened (before `ready`). */
  nodeOpened(node: Node): void;
  /** `ready` arrived; `resumed` says whether the node kept the session. */
  nodeReady(node: Node, resumed: boolean): Promise<void>;
  /** The WebSocket closed; `willReconnect` says whether a retry is scheduled. */
  nodeClosed(node: Node, code: number, reason: string, willReconnect: boolean): void;
  /** A reconnect attempt is scheduled after `delay` ms. */
  nodeReconnecting(node: Node, attempt: number, delay: number): void;
  /** Retries are exhausted (or the password was refused): the node is gone. */
  nodeLost(node: Node, error: Error): void;
  /** Something went wrong that did not close the node (bad frame, failed request). */
  nodeError(node: Node, error: Error): void;
  /** A `stats` op arrived. */
  nodeStats(node: Node, stats: Stats): void;
  /** Any validated frame, for the client's `raw` event. */
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
export class Node extends NodeRequests {
  /** Unique name (defaults to `host:port`). */
  readonly name: string;
  /** Region tag from the options, if any. */
  readonly region: string | undefined;
  /** REST client of this node. */
  readonly rest: RestClient;
  /** Players hosted here, by guild id. */
  readonly players = new Map<string, NodePlayer>();
  /** Last `stats` frame, null before the first one. */
  stats: Stats | null = null;

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
  /** The promise {@link connect} returned while that attempt is unsettled. */
  private pendingConnect: Promise<void> | null = null;

  constructor(
    /** The options this node was created with. */
    readonly options: Readonly<NodeOptions>,
    /** Effective resume, reconnect and REST settings. */
    readonly settings: ResolvedNodeSettings,
    private readonly host: NodeHost,
  ) {
    super();
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
    if (this.currentState === "ready") return Promise.resolve();
    // A connection in progress is joined, never doubled: a second socket would leak (its frames and
    // close are ignored) and hold a second session on the node.
    if (this.pendingConnect !== null) return this.pendingConnect;
    const promise = new Promise<void>((resolve, reject) => {
      this.firstConnect = { resolve, reject };
    });
    this.pendingConnect = promise;
    const clear = () => {
      if (this.pendingConnect === promise) this.pendingConnect = null;
    };
    promise.then(clear, clear);
    if (this.socket === null) {
      // Waiting for a reconnect: connect now instead.
      this.host.clock.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.open();
    }
    return promise;
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
          // The connect timer keeps running until `ready`: a node that accepts the socket but never
          // says `ready` must not leave start() waiting forever.
          if (this.socket === socket) this.host.nodeOpened(this);
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
      if (this.socket !== socket) return;
      const limit = this.settings.connectTimeout;
      this.lastError = new NodeUnavailableError(
        this.name,
        socket.open
          ? `${this.url} accepted the WebSocket but sent no ready op within ${limit} ms`
          : `no handshake answer from ${this.url} within ${limit} ms`,
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
   * Handles one text frame. Public so benchmarks and tools can feed frames directly. The hot path
   * (`playerUpdate`) is a parse, the protocol's `isPlayerUpdate` typeof checks, one map lookup and
   * one method call, with nothing allocated beyond what `JSON.parse` builds.
   */
  handleMessage(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.dispatch(text, undefined); // JSON.parse never returns undefined: marks invalid JSON
      return;
    }
    if (isPlayerUpdate(value)) {
      this.players.get(value.guildId)?.handleState(value.state);
      if (this.host.wantsRaw) this.host.nodeRaw(this, value);
      return;
    }
    this.dispatch(text, value);
  }

  /** Every frame but a well-formed playerUpdate: validated (or refused as invalid JSON) and dispatched. */
  private dispatch(text: string, value: unknown): void {
    let message: IncomingMessage;
    try {
      message = value === undefined ? parseIncomingMessage(text) : validateIncomingMessage(value);
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
    this.host.clock.clearTimeout(this.connectTimer);
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
}
