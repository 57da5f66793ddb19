import type { Clock, TimerHandle } from "../../base/clock/index.js";
import { ClientStateError } from "../errors/client-state-error.js";
import { NodeAuthError } from "../errors/node-auth-error.js";
import { NodeUnavailableError } from "../errors/node-unavailable-error.js";
import { SessionUnavailableError } from "../errors/session-unavailable-error.js";
import { retryDelay } from "./backoff.js";
import type { NodeEvents } from "./events.js";
import { probeDelay } from "./reconnect-policy.js";
import type { SessionGate } from "./session-gate.js";
import type { ResolvedNodeSettings } from "./settings.js";
import { NodeSocket } from "./socket.js";
import type { NodeState } from "./state.js";

/** Where a node's socket goes and who it says it is. */
export interface ConnectionTarget {
  /** Node name, for error messages. */
  readonly name: string;
  /** `ws://host:port` or `wss://host:port`. */
  readonly url: string;
  readonly password: string;
  readonly userId: string;
}

/** What the connection needs around it: time, randomness, the session, and where to report. */
export interface ConnectionHost {
  readonly clock: Clock;
  /** Random source in [0, 1) for reconnect jitter. */
  readonly random: () => number;
  /** The session id to resume, and where a new one is recorded. */
  sessionId: string | null;
  /** Where session-scoped requests wait: opened after each handled `ready`, failed when the node is lost. */
  readonly gate: SessionGate;
  /** Enables resuming for a new session (`PATCH /v4/sessions/{id}`). */
  enableResume(timeout: number): Promise<unknown>;
  /** One text frame from the socket. */
  frame(text: string): void;
  /** Reports a node event (the node's owner re-emits it under the same name). */
  report<K extends keyof NodeEvents>(event: K, ...args: NodeEvents[K]): void;
  /** `ready` arrived and was announced; resolves once the owner re-attached its players. */
  ready(resumed: boolean): Promise<void>;
}

/**
 * The socket lifecycle of one node: connect, the `ready` handshake, reconnects with backoff, and
 * the connect timeout. Knows nothing of players or REST routes: it reports through its host.
 *
 * Two rules keep a node from being either hammered or forgotten:
 * - the failure count is reset only once a connection stayed `ready` for `reconnect.stableAfter`,
 *   so a node that says `ready` and drops at once spends its retry budget and is declared lost;
 * - a lost node (`disconnected`) keeps being probed (`reconnect.probe`), quietly, and reports
 *   `nodeRecovered` when a probe reaches `ready`, so it takes players again.
 */
export class NodeConnection {
  private currentState: NodeState = "connecting";
  private socket: NodeSocket | null = null;
  private reconnectTimer: TimerHandle | undefined;
  private connectTimer: TimerHandle | undefined;
  /** Resets the failure count once the connection has stayed ready long enough. */
  private stableTimer: TimerHandle | undefined;
  private failures = 0;
  /** Probes of the lost node so far (their delays grow with it); 0 while the node is not lost. */
  private probes = 0;
  private lastError: Error | null = null;
  private authFailed = false;
  private firstConnect: { resolve: () => void; reject: (e: Error) => void } | null = null;
  /** The promise {@link connect} returned while that attempt is unsettled. */
  private pendingConnect: Promise<void> | null = null;

  constructor(
    private readonly target: ConnectionTarget,
    private readonly settings: ResolvedNodeSettings,
    private readonly host: ConnectionHost,
  ) {}

  /** Current connection state. */
  get state(): NodeState {
    return this.currentState;
  }

  /**
   * Opens the WebSocket. Resolves at the node's `ready`; rejects with the first attempt's error
   * while retries go on in the background (except after an auth failure, which a retry cannot fix).
   */
  connect(): Promise<void> {
    if (this.currentState === "destroyed") {
      return Promise.reject(new ClientStateError(`node "${this.target.name}" was destroyed`));
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
      // Waiting for a reconnect or a probe: connect now instead.
      this.host.clock.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.open();
    }
    return promise;
  }

  /**
   * Closes the socket and cancels timers; terminal. `beforeSettle` runs before a pending connect()
   * is rejected (the node closes its REST agent there). Returns false when already destroyed.
   */
  destroy(beforeSettle: () => void): boolean {
    if (this.currentState === "destroyed") return false;
    this.clearTimers();
    this.setState("destroyed");
    this.host.gate.fail(
      () => new ClientStateError(`node "${this.target.name}" was destroyed before its session came back`),
    );
    const socket = this.socket;
    this.socket = null;
    socket?.close(true);
    beforeSettle();
    // Built only when a connect() waits for it: an error's stack costs more than the rest of a close.
    if (this.firstConnect !== null) {
      this.settleFirstConnect(
        new ClientStateError(`node "${this.target.name}" was destroyed while connecting`),
      );
    }
    return true;
  }

  /** The node sent `ready`: a new (or resumed) session is live. */
  async handleReady(sessionId: string, resumed: boolean): Promise<void> {
    this.host.clock.clearTimeout(this.connectTimer);
    this.host.sessionId = sessionId;
    const recovered = this.currentState === "disconnected";
    this.probes = 0;
    // The node took our password: a later drop is worth reconnecting again.
    this.authFailed = false;
    this.resetFailuresOnceStable(resumed);
    const { resume } = this.settings;
    // Resuming is enabled per session, so every new session needs it again. Started before the
    // host hears of `ready`, but not awaited first: the host must announce the resume before the
    // frames the node queued meanwhile (which follow `ready` at once) are dispatched.
    const configured =
      resume === false
        ? Promise.resolve()
        : this.host.enableResume(resume.timeout).then(
            () => undefined,
            (error: unknown) => this.host.report("nodeError", error as Error),
          );
    this.setState("ready");
    try {
      await this.host.ready(resumed);
    } finally {
      // Requests that waited for the session go now, after the players were resumed or rebuilt:
      // on a new session a command must not reach a player before its rebuild re-created it.
      this.host.gate.open();
      if (recovered && this.currentState === "ready") this.host.report("nodeRecovered");
      await configured;
      this.settleFirstConnect(null);
    }
  }

  /**
   * The node's `ready` was invalid (a session id that cannot go into a header): the attempt fails
   * like a refused handshake, so the usual backoff and retry limit apply.
   */
  refuseReady(error: Error): void {
    const socket = this.socket;
    if (socket === null || this.currentState === "destroyed") return;
    this.lastError = new NodeUnavailableError(this.target.name, `invalid ready op: ${error.message}`, {
      cause: error,
    });
    socket.close(false);
  }

  private open(): void {
    const resume = this.settings.resume !== false && this.host.sessionId !== null;
    const socket = new NodeSocket(
      {
        url: this.target.url,
        password: this.target.password,
        userId: this.target.userId,
        sessionId: resume ? this.host.sessionId : null,
        maxPayload: this.settings.maxFrameBytes,
      },
      {
        open: () => {
          // The connect timer keeps running until `ready`: a node that accepts the socket but never
          // says `ready` must not leave start() waiting forever.
          if (this.socket === socket) this.host.report("nodeConnect");
        },
        message: (text) => {
          if (this.socket === socket) this.host.frame(text);
        },
        rejected: (status) => {
          if (status === 401 || status === 403) {
            this.authFailed = true;
            this.lastError = new NodeAuthError(this.target.name, status);
          } else {
            this.lastError = new NodeUnavailableError(
              this.target.name,
              `handshake refused with HTTP ${status}`,
            );
          }
        },
        error: (error) => {
          if (this.lastError === null || !(this.lastError instanceof NodeAuthError)) {
            this.lastError = new NodeUnavailableError(
              this.target.name,
              `cannot connect to ${this.target.url}: ${error.message}`,
              { cause: error },
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
        this.target.name,
        socket.open
          ? `${this.target.url} accepted the WebSocket but sent no ready op within ${limit} ms`
          : `no handshake answer from ${this.target.url} within ${limit} ms`,
      );
      socket.close(false);
    }, this.settings.connectTimeout);
  }

  private handleClose(code: number, reason: string): void {
    this.socket = null;
    this.host.clock.clearTimeout(this.connectTimer);
    this.host.clock.clearTimeout(this.stableTimer);
    this.stableTimer = undefined;
    if (this.currentState === "destroyed") return;
    const error =
      this.lastError ??
      new NodeUnavailableError(
        this.target.name,
        `socket closed with code ${code}${reason ? ` (${reason})` : ""}`,
      );
    this.settleFirstConnect(error);
    if (this.currentState === "disconnected") {
      // A probe (or a connect() by hand) of the lost node failed: it was lost already, so this is
      // not news; the next probe is scheduled quietly.
      this.scheduleProbe();
      return;
    }
    const { maxRetries } = this.settings.reconnect;
    const willReconnect = !this.authFailed && this.failures < maxRetries;
    this.host.report("nodeDisconnect", { code, reason, willReconnect });
    if (!willReconnect) {
      this.setState("disconnected");
      // The session is not coming back: requests waiting for it fail now (their players move).
      this.host.gate.fail(
        () =>
          new SessionUnavailableError(
            this.target.name,
            "the node was lost while the request waited for its session",
            { cause: error },
          ),
      );
      this.host.report("nodeLost", error);
      this.scheduleProbe();
      return;
    }
    this.failures++;
    const delay = retryDelay(this.settings.reconnect, this.failures, this.host.random);
    this.setState("reconnecting");
    this.host.report("nodeReconnecting", this.failures, delay);
    this.reconnectTimer = this.host.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.currentState === "reconnecting") this.open();
    }, delay);
  }

  /** Schedules the next probe of the lost node, unless probing is off or the password was refused. */
  private scheduleProbe(): void {
    const { reconnect } = this.settings;
    // A refused password does not fix itself; `connect()` by hand still tries.
    if (reconnect.probe === false || this.authFailed) return;
    this.probes++;
    const delay = probeDelay(reconnect, reconnect.probe, this.probes, this.host.random);
    this.reconnectTimer = this.host.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.currentState === "disconnected" && this.socket === null) this.open();
    }, delay);
  }

  /**
   * Resets the failure count once this connection has stayed ready for `stableAfter`: resetting
   * at `ready` itself let a node that drops right after `ready` reconnect forever. A resumed
   * session resets it at once: the node is alive and still plays our players, and declaring it
   * lost would move them while its copies play on until the session times out (tracks played twice).
   */
  private resetFailuresOnceStable(resumed: boolean): void {
    this.host.clock.clearTimeout(this.stableTimer);
    this.stableTimer = undefined;
    const { stableAfter } = this.settings.reconnect;
    if (stableAfter <= 0 || resumed) {
      this.failures = 0;
      return;
    }
    this.stableTimer = this.host.clock.setTimeout(() => {
      this.stableTimer = undefined;
      if (this.currentState === "ready") this.failures = 0;
    }, stableAfter);
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
    this.host.clock.clearTimeout(this.stableTimer);
    this.reconnectTimer = undefined;
    this.connectTimer = undefined;
    this.stableTimer = undefined;
  }

  private setState(next: NodeState): void {
    const previous = this.currentState;
    if (previous === next) return;
    this.currentState = next;
    this.host.report("nodeStateChange", previous, next);
  }
}
