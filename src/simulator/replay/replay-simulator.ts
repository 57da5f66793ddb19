import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { asyncDisposeSymbol, provideAsyncDispose } from "../../base/async-dispose.js";
import { type Clock, RealClock, type TimerHandle } from "../../base/clock/index.js";
import { SESSION_RESUMED_HEADER } from "../../protocol/index.js";
import { canonicalJson, type RecordingHeader, redactBody } from "../../protocol/recording.js";
import { isAuthorized } from "../auth.js";
import { SimulatorError } from "../errors.js";
import { checkHandshake, refuseUpgrade } from "../handshake.js";
import { API_VERSION_HEADER } from "../http.js";
import { assertSafeBind } from "../lifecycle.js";
import { SimulatorLog } from "../log.js";
import {
  buildScript,
  parseRecording,
  type ReplayAnchor,
  type ReplayStep,
  recordedNodes,
} from "./recording.js";

/** The HTTP status a request the recording does not hold is answered with. */
export const REPLAY_DIVERGENCE_STATUS = 409;

/** Options of {@link ReplaySimulator}. */
export interface ReplaySimulatorOptions {
  /** The recording: a file written by the client's `record` option (or `SONORA_RECORD`). */
  path: string;
  /** Which node of the recording to serve (default the first one in it). */
  node?: string;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /**
   * Password clients must send. Recordings hold no password, so by default any `Authorization`
   * is accepted (loopback hosts only).
   */
  password?: string;
  /** Time source of the replayed timing (default a RealClock); share a VirtualClock with the client in tests. */
  clock?: Clock;
  /** Emit a process warning (code `SONORA_REPLAY`) for each divergence (default true). */
  warn?: boolean;
}

/** A client action the recording did not hold. */
export interface ReplayDivergence {
  /** When it happened, on the replay's clock. */
  at: number;
  /** `request`: no recorded request matched; `handshake`: the recording has no more connections. */
  kind: "request" | "handshake";
  /** `METHOD /path` of the request, or `/v4/websocket`. */
  what: string;
  /** The request's body, as received (absent without one). */
  body?: string;
}

/**
 * Serves a recorded session as a Lavalink node: a client doing what the recorded client did gets
 * the recorded answers and frames at the recorded offsets. See docs/diagnostics.md for the
 * matching rules and what a replay cannot reproduce.
 *
 * - Each WebSocket handshake takes the next recorded connection; the frames (and a close by the
 *   node) that followed it in the recording are sent at the same offsets from the handshake.
 * - Each REST request is matched with the first recorded request not yet used with the same
 *   method, path and body (voice secrets redacted on both sides); its recorded answer is sent, and
 *   the frames that followed it in the recording are sent at their offsets from it, on the socket
 *   open at that time.
 * - A request nothing matches is answered {@link REPLAY_DIVERGENCE_STATUS} with a Lavalink error
 *   body, recorded in {@link divergences} and warned about; the replay goes on.
 */
export class ReplaySimulator {
  /** Every frame sent and REST exchange, as the protocol simulator logs them. */
  readonly log = new SimulatorLog();
  /** Client actions the recording did not hold, in order. */
  readonly divergences: ReplayDivergence[] = [];
  /** The recording's header. */
  readonly header: RecordingHeader;
  /** The recorded node being served. */
  readonly node: string;

  private readonly clock: Clock;
  private readonly anchors: ReplayAnchor[];
  private readonly timers = new Set<TimerHandle>();
  private readonly sockets = new Set<WebSocket>();
  private socket: WebSocket | null = null;
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private boundPort = 0;
  private sessionId: string | undefined;
  /** `Session-Resumed` of each accepted upgrade, for the 101 answer's headers. */
  private readonly resumed = new WeakMap<IncomingMessage, boolean>();

  constructor(private readonly options: ReplaySimulatorOptions) {
    provideAsyncDispose();
    if (typeof options !== "object" || options === null || typeof options.path !== "string") {
      throw new SimulatorError("SIM_INVALID_OPTION", "ReplaySimulator needs { path } of a recording");
    }
    let text: string;
    try {
      text = readFileSync(options.path, "utf8");
    } catch (error) {
      throw new SimulatorError("SIM_INVALID_RECORDING", `cannot read the recording ${options.path}`, {
        cause: error,
      });
    }
    const { header, entries } = parseRecording(text, options.path);
    const nodes = recordedNodes(entries);
    const node = options.node ?? nodes[0];
    if (node === undefined || !nodes.includes(node)) {
      throw new SimulatorError(
        "SIM_INVALID_RECORDING",
        `${options.path} has no node ${JSON.stringify(options.node ?? "")}; it has ${nodes.map((n) => JSON.stringify(n)).join(", ") || "none"}`,
      );
    }
    this.header = header;
    this.node = node;
    this.anchors = buildScript(entries, node, canonicalJson).anchors;
    this.clock = options.clock ?? new RealClock();
  }

  /** Names of the nodes in the recording at `path`. */
  static nodesOf(path: string): string[] {
    return recordedNodes(parseRecording(readFileSync(path, "utf8"), path).entries);
  }

  /** The port, once started. */
  get port(): number {
    if (this.server === null)
      throw new SimulatorError("SIM_NOT_STARTED", "the replay is not running; call start()");
    return this.boundPort;
  }

  /** `http://host:port`, once started. */
  get url(): string {
    return `http://${this.options.host ?? "127.0.0.1"}:${this.port}`;
  }

  /** Recorded requests no client request has matched yet. */
  get unusedRequests(): number {
    return this.anchors.filter((a) => a.kind === "request" && !a.used).length;
  }

  /** Starts listening. */
  async start(): Promise<void> {
    if (this.server !== null)
      throw new SimulatorError("SIM_ALREADY_STARTED", "the replay is already running");
    const host = this.options.host ?? "127.0.0.1";
    assertSafeBind(host, this.options.password);
    const server = createServer((req, res) => this.onRequest(req, res));
    const wss = new WebSocketServer({ noServer: true });
    wss.on("headers", (headers, req) => {
      headers.push(`${SESSION_RESUMED_HEADER}: ${this.resumed.get(req) === true}`);
      headers.push(`Lavalink-Api-Version: ${API_VERSION_HEADER["Lavalink-Api-Version"]}`);
    });
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(wss, req, socket, head),
    );
    await new Promise<void>((resolve, reject) => {
      server.once("error", (error) =>
        reject(
          new SimulatorError(
            "SIM_LISTEN_FAILED",
            `cannot listen on ${host}:${this.options.port ?? 0}: ${error.message}`,
            { cause: error },
          ),
        ),
      );
      server.listen(this.options.port ?? 0, host, () => resolve());
    });
    this.server = server;
    this.wss = wss;
    this.boundPort = (server.address() as AddressInfo).port;
  }

  /** Stops listening, cancels what is scheduled and closes every connection. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Same as {@link stop}, for `await using`. */
  async [asyncDisposeSymbol](): Promise<void> {
    await this.stop();
  }

  private onUpgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => undefined);
    const decision = checkHandshake(req, this.options.password);
    if (!decision.ok) {
      refuseUpgrade(socket, decision.status, decision.reason);
      return;
    }
    const anchor = this.anchors.find((a) => a.kind === "open" && !a.used);
    if (anchor === undefined) {
      this.diverge({ kind: "handshake", what: "/v4/websocket" });
      refuseUpgrade(socket, 503, "Service Unavailable");
      return;
    }
    anchor.used = true;
    const ready = anchor.steps.find((s) => s.entry.kind === "frame" && isReady(s.entry.frame));
    this.resumed.set(
      req,
      ready !== undefined && (ready.entry as { frame: { resumed: boolean } }).frame.resumed,
    );
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (this.server === null) return ws.terminate();
      ws.on("error", () => undefined);
      this.sockets.add(ws);
      ws.on("close", () => {
        this.sockets.delete(ws);
        if (this.socket === ws) this.socket = null;
      });
      this.socket = ws;
      this.run(anchor.steps, null);
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const method = req.method ?? "GET";
      const path = req.url ?? "/";
      const text = Buffer.concat(chunks).toString();
      this.log.record({
        at: this.clock.now(),
        direction: "in",
        kind: "rest",
        method,
        path,
        ...(text ? { body: text } : {}),
      });
      if (!isAuthorized(this.options.password, header(req, "authorization"))) {
        this.answer(res, method, path, 401, undefined);
        return;
      }
      let bodyKey = "";
      if (text !== "") {
        try {
          bodyKey = canonicalJson(redactBody(JSON.parse(text)));
        } catch {
          bodyKey = canonicalJson(text);
        }
      }
      const anchor = this.anchors.find(
        (a) =>
          a.kind === "request" &&
          !a.used &&
          a.request?.method === method &&
          a.request.path === path &&
          a.bodyKey === bodyKey,
      );
      if (anchor === undefined) {
        this.diverge({ kind: "request", what: `${method} ${path}`, ...(text ? { body: text } : {}) });
        const body = {
          timestamp: this.clock.now(),
          status: REPLAY_DIVERGENCE_STATUS,
          error: "Conflict",
          message: `sonora replay: no recorded request matches ${method} ${path}${text ? " with this body" : ""}`,
          path: path.split("?")[0],
        };
        this.answer(res, method, path, REPLAY_DIVERGENCE_STATUS, body);
        return;
      }
      anchor.used = true;
      this.run(anchor.steps, { res, method, path });
    });
  }

  /** Runs an anchor's steps: those at offset 0 now, in order, the others on the clock. */
  private run(steps: readonly ReplayStep[], exchange: Exchange | null): void {
    for (const step of steps) {
      if (step.offset <= 0) {
        this.perform(step, exchange);
        continue;
      }
      const timer = this.clock.setTimeout(() => {
        this.timers.delete(timer);
        this.perform(step, exchange);
      }, step.offset);
      this.timers.add(timer);
    }
  }

  private perform(step: ReplayStep, exchange: Exchange | null): void {
    if (this.server === null) return;
    const { entry } = step;
    switch (entry.kind) {
      case "response":
        if (exchange !== null)
          this.answer(exchange.res, exchange.method, exchange.path, entry.status, entry.body);
        break;
      case "failure":
        // A timeout is left unanswered (the client gives up as it did); an error drops the connection.
        if (exchange !== null && entry.error === "error") exchange.res.socket?.destroy();
        break;
      case "frame":
        this.send(entry.frame);
        break;
      case "close": {
        const ws = this.socket;
        if (ws === null) break;
        // 1005 and 1006 cannot be sent in a close frame: they mean the connection just went away.
        if (entry.code === 1005 || entry.code === 1006 || entry.code < 1000) ws.terminate();
        else ws.close(entry.code, entry.reason);
        break;
      }
    }
  }

  private send(frame: unknown): void {
    const ws = this.socket;
    if (ws === null || ws.readyState !== ws.OPEN) return;
    if (isReady(frame)) this.sessionId = frame.sessionId;
    const text = typeof frame === "string" ? frame : JSON.stringify(frame);
    const op = typeof frame === "object" && frame !== null ? (frame as { op?: unknown }).op : undefined;
    const type = typeof frame === "object" && frame !== null ? (frame as { type?: unknown }).type : undefined;
    this.log.record({
      at: this.clock.now(),
      direction: "out",
      kind: "ws",
      ...(this.sessionId === undefined ? {} : { sessionId: this.sessionId }),
      ...(typeof op === "string" ? { op } : {}),
      ...(typeof type === "string" ? { type } : {}),
      body: text,
    });
    ws.send(text);
  }

  private answer(res: ServerResponse, method: string, path: string, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const text = body === undefined ? "" : JSON.stringify(body);
    this.log.record({
      at: this.clock.now(),
      direction: "out",
      kind: "rest",
      method,
      path,
      status,
      ...(text ? { body: text } : {}),
    });
    res.writeHead(status, {
      ...API_VERSION_HEADER,
      ...(text ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) } : {}),
    });
    res.end(text);
  }

  private diverge(divergence: Omit<ReplayDivergence, "at">): void {
    const entry = { at: this.clock.now(), ...divergence };
    this.divergences.push(entry);
    if (this.options.warn !== false) {
      process.emitWarning(`sonora replay: the recording has no ${entry.kind} matching ${entry.what}`, {
        code: "SONORA_REPLAY",
      });
    }
  }
}

/** The REST exchange an anchor answers. */
interface Exchange {
  res: ServerResponse;
  method: string;
  path: string;
}

function isReady(value: unknown): value is { op: "ready"; sessionId: string; resumed: boolean } {
  return typeof value === "object" && value !== null && (value as { op?: unknown }).op === "ready";
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
