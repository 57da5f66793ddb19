import type { Clock } from "../../base/clock/index.js";
import type {
  LavalinkPlayer,
  Track as LavalinkTrack,
  LoadResult,
  NodeInfo,
  SessionInfo,
  Stats,
  UpdatePlayerRequest,
} from "../../protocol/index.js";
import { NodeCounters } from "../diagnostics/metrics.js";
import type { NodeRecorder, SessionRecorder } from "../diagnostics/recorder.js";
import { NodeConnection } from "./connection.js";
import type { NodeEvents } from "./events.js";
import { type FrameListener, FrameReader, type FrameSink } from "./frames.js";
import type { NodeOptions } from "./options.js";
import { nodePenalty } from "./penalty.js";
import { NodePlugins } from "./plugins.js";
import { NodeRequests } from "./requests.js";
import { RestClient } from "./rest.js";
import { SessionGate } from "./session-gate.js";
import type { ResolvedNodeSettings } from "./settings.js";
import type { NodeState } from "./state.js";

export type { ResolvedNodeSettings } from "./settings.js";

/** What a node knows of a player it hosts (for its load figures). */
export interface NodePlayer {
  /** Whether the player has a track that is not paused. */
  readonly playing: boolean;
}

/**
 * The client side of a node: the node reports through this interface. @internal
 */
export interface NodeHost {
  readonly clock: Clock;
  readonly userId: string;
  /** Random source in [0, 1) for reconnect jitter. */
  readonly random: () => number;
  /** True when someone listens to `raw`; checked per frame so the hot path skips the call. */
  readonly wantsRaw: boolean;
  /** A node event; the client re-emits it under the same name with the node first. */
  report<K extends keyof NodeEvents>(node: Node, event: K, ...args: NodeEvents[K]): void;
  /**
   * `ready` arrived (`resumed`: the node kept the session). The client announces it and re-attaches
   * the node's players; the node's `connect()` settles once this resolves.
   */
  ready(node: Node, resumed: boolean): Promise<void>;
  /** Where the node records its frames and REST exchanges (the client's `record` option). */
  readonly recorder?: SessionRecorder | null;
}

/** The internal side of a node, for the players it hosts and the testing kit. @internal */
export interface NodeControl {
  /** Hosts a player: `sink` receives that guild's frames. */
  attach(guildId: string, player: NodePlayer, sink: FrameSink): void;
  /** Stops hosting a guild's player. */
  detach(guildId: string): void;
  /** Forgets every hosted player (the client is closing). */
  detachAll(): void;
  /** A hosted player's `playing` flipped: the node re-reads it for its load count. */
  playingChanged(guildId: string): void;
  /** Handles one text frame as if it had arrived on the node's WebSocket. */
  receive(text: string): void;
  /** The node's live counters (`client.metrics()`). */
  readonly counters: NodeCounters;
}

// Nodes hand their control only to code inside the client (see nodeControl); a WeakMap keeps that
// off the public Node class without keeping a destroyed node alive.
const controls = new WeakMap<Node, NodeControl>();

/** The internal side of `node` (players and the testing kit use it; not part of the public API). @internal */
export function nodeControl(node: Node): NodeControl {
  const control = controls.get(node);
  if (control === undefined) throw new TypeError("not a Sonora node");
  return control;
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
  /** Last `stats` frame, null before the first one. */
  stats: Stats | null = null;
  /** The plugins the node runs (from `/v4/info`) and their REST calls, each checked before it is sent. */
  readonly plugins: NodePlugins;

  private readonly hosted = new Map<string, NodePlayer>();
  /**
   * The hosted players that are playing, kept as each player reports a change
   * so {@link penalty} is O(1): it is read for every new player, and a scan made creating n
   * players O(n²).
   */
  private readonly playingGuilds = new Set<string>();
  private readonly sinks = new Map<string, FrameSink>();
  private readonly requests: NodeRequests;
  private readonly connection: NodeConnection;
  private readonly frames: FrameReader;

  /** @internal Created by the client. */
  constructor(
    /** The options this node was created with. */
    readonly options: Readonly<NodeOptions>,
    /** Effective resume, reconnect and REST settings. */
    readonly settings: ResolvedNodeSettings,
    host: NodeHost,
  ) {
    this.name = options.name ?? `${options.host}:${options.port}`;
    this.region = options.region;
    const counters = new NodeCounters();
    const recorder = host.recorder?.forNode(this.name) ?? null;
    const hostPart = options.host.includes(":") ? `[${options.host}]` : options.host;
    const url = `${options.secure ? "wss" : "ws"}://${hostPart}:${options.port}`;
    this.rest = new RestClient({
      baseUrl: `${options.secure ? "https" : "http"}://${hostPart}:${options.port}`,
      password: options.password,
      node: this.name,
      timeout: settings.restTimeout,
      retry: settings.restRetry,
      clock: host.clock,
      random: host.random,
      maxResponseBytes: settings.maxResponseBytes,
      counters,
      recorder,
    });
    const gate = new SessionGate(host.clock);
    const requests = new NodeRequests(this.name, this.rest, {
      clock: host.clock,
      gate,
      get state(): NodeState {
        return connection.state;
      },
      resumable: settings.resume !== false,
      waitLimit: settings.sessionWait,
    });
    this.requests = requests;
    this.plugins = new NodePlugins({ name: this.name, rest: this.rest, requests });
    const report = <K extends keyof NodeEvents>(event: K, ...args: NodeEvents[K]) => {
      countNodeEvent(counters, event);
      if (recorder !== null)
        recordNodeEvent(recorder, event, args, settings.resume !== false && requests.sessionId !== null);
      host.report(this, event, ...args);
    };
    const connection = new NodeConnection(
      { name: this.name, url, password: options.password, userId: host.userId },
      settings,
      {
        clock: host.clock,
        random: host.random,
        get sessionId() {
          return requests.sessionId;
        },
        set sessionId(id) {
          requests.sessionId = id;
        },
        gate,
        enableResume: (timeout) => requests.enableResume(timeout),
        // Without a recorder the frame path has no check at all.
        frame:
          recorder === null
            ? (text) => this.frames.read(text)
            : (text) => {
                recorder.frame(text);
                this.frames.read(text);
              },
        report,
        ready: (resumed) => {
          if (resumed) counters.resumes++;
          else counters.sessions++;
          // A new session may be a restarted node with other plugins: read /v4/info again when asked.
          if (!resumed) this.plugins.forget();
          return host.ready(this, resumed);
        },
      },
    );
    this.connection = connection;
    const listener: FrameListener = {
      get wantsRaw() {
        return host.wantsRaw;
      },
      raw: (message) => report("raw", message),
      stats: (stats) => {
        this.stats = stats;
        report("nodeStats", stats);
      },
      ready: (sessionId, resumed) => void connection.handleReady(sessionId, resumed),
      invalid: (error) => report("nodeError", error),
      invalidReady: (error) => connection.refuseReady(error),
    };
    this.frames = new FrameReader(this.sinks, listener, counters);
    controls.set(this, {
      attach: (guildId, player, sink) => {
        this.hosted.set(guildId, player);
        this.sinks.set(guildId, sink);
        if (player.playing) this.playingGuilds.add(guildId);
        else this.playingGuilds.delete(guildId);
      },
      detach: (guildId) => {
        this.hosted.delete(guildId);
        this.sinks.delete(guildId);
        this.playingGuilds.delete(guildId);
      },
      detachAll: () => {
        this.hosted.clear();
        this.sinks.clear();
        this.playingGuilds.clear();
      },
      playingChanged: (guildId) => {
        const player = this.hosted.get(guildId);
        if (player?.playing === true) this.playingGuilds.add(guildId);
        else this.playingGuilds.delete(guildId);
      },
      receive: (text) => this.frames.read(text),
      counters,
    });
  }

  /** Players hosted here, by guild id. */
  get players(): ReadonlyMap<string, NodePlayer> {
    return this.hosted;
  }

  /**
   * Session id of the current (or last) session; null before the first `ready`. Setting it points
   * the REST helpers at another session (the node sets it itself at each `ready`).
   */
  get sessionId(): string | null {
    return this.requests.sessionId;
  }

  /** Points the REST helpers at session `id`. */
  set sessionId(id: string | null) {
    this.requests.sessionId = id;
  }

  /** Last `GET /v4/info` answer, when {@link fetchInfo} was called. */
  get info(): NodeInfo | null {
    return this.requests.info;
  }

  /** Current connection state. */
  get state(): NodeState {
    return this.connection.state;
  }

  /** True when the node can take players and requests. */
  get ready(): boolean {
    return this.connection.state === "ready";
  }

  /** Load score; lower is better: players (idle ones count ¼) + CPU load² + missing audio frames (docs/client.md). */
  get penalty(): number {
    const playing = this.playingGuilds.size;
    return nodePenalty(this.stats, { playing, idle: this.hosted.size - playing });
  }

  // ── Connection ────────────────────────────────────────────────────────────────────────────────

  /**
   * Opens the WebSocket. Resolves at the node's `ready`; rejects with the first attempt's error
   * ({@link NodeAuthError} or {@link NodeUnavailableError}) while retries go on in the background
   * (except after an auth failure, which a retry cannot fix).
   */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  /** Closes the socket and the REST agent, cancels timers; the node is unusable afterwards. */
  destroy(): void {
    this.connection.destroy(() => this.rest.close());
  }

  // ── REST ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * `PATCH /v4/sessions/{id}/players/{guildId}`. Retried on failure only when the body merely assigns
   * state (no track, position or end time): replaying a track change after a timeout could restart it.
   * Like every request on the session (players, session config), it waits for the session while
   * the node reconnects and goes once more after a "Session not found" answer; it rejects with
   * {@link SessionUnavailableError} when no session comes within `resume.sessionWait`.
   */
  updatePlayer(guildId: string, body: UpdatePlayerRequest, noReplace?: boolean): Promise<LavalinkPlayer> {
    return this.requests.updatePlayer(guildId, body, noReplace);
  }

  /** `DELETE /v4/sessions/{id}/players/{guildId}`. */
  destroyPlayer(guildId: string): Promise<void> {
    return this.requests.destroyPlayer(guildId);
  }

  /** `GET /v4/sessions/{id}/players`. */
  fetchPlayers(): Promise<LavalinkPlayer[]> {
    return this.requests.fetchPlayers();
  }

  /** `PATCH /v4/sessions/{id}`: assignments only, so it is retried like a PUT. */
  updateSession(body: { resuming?: boolean; timeout?: number }): Promise<SessionInfo> {
    return this.requests.updateSession(body);
  }

  /** `GET /v4/loadtracks`. */
  loadTracks(identifier: string): Promise<LoadResult> {
    return this.requests.loadTracks(identifier);
  }

  /** `POST /v4/decodetracks` (decoding is pure, so this POST is retried). */
  decodeTracks(encoded: string[]): Promise<LavalinkTrack[]> {
    return this.requests.decodeTracks(encoded);
  }

  /** `GET /v4/info`, cached in {@link info}. */
  fetchInfo(): Promise<NodeInfo> {
    return this.requests.fetchInfo();
  }

  /** `GET /v4/stats`. */
  fetchStats(): Promise<Stats> {
    return this.requests.fetchStats();
  }
}

/** Counts the node events that `client.metrics()` reports. */
function countNodeEvent(counters: NodeCounters, event: keyof NodeEvents): void {
  if (event === "nodeReconnecting") counters.reconnects++;
  else if (event === "nodeDisconnect") counters.disconnects++;
  else if (event === "nodeLost") counters.lost++;
  else if (event === "nodeRecovered") counters.recovered++;
}

/** Records the socket's opening and closing (frames are recorded as they arrive). */
function recordNodeEvent<K extends keyof NodeEvents>(
  recorder: NodeRecorder,
  event: K,
  args: NodeEvents[K],
  resuming: boolean,
): void {
  if (event === "nodeConnect") recorder.open(resuming);
  else if (event === "nodeDisconnect") {
    const [info] = args as NodeEvents["nodeDisconnect"];
    recorder.close(info.code, info.reason);
  }
}
