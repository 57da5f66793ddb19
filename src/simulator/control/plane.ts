import type { IncomingMessage, ServerResponse } from "node:http";
import { SimulatorError } from "../errors.js";
import type { SimulatorLogEntry } from "../log.js";
import { presentedToken, tokenMatches } from "./auth.js";
import { inspectorPage } from "./inspector/page.js";
import type { ResolvedControl } from "./options.js";
import { CONTROL_PREFIX, errorBody, sendJson, statusOf } from "./reply.js";
import { matchControlRoute } from "./router.js";
import type { NodeControls } from "./routes/context.js";
import { stateOf } from "./routes/state.js";
import { EventStreams, type StreamTopic } from "./stream.js";
import type { ControlTarget } from "./target.js";
import { TimelineBook } from "./timeline.js";

/** Largest control request body (the biggest is a search registration with many tracks). */
const MAX_CONTROL_BODY_BYTES = 1024 * 1024;
/** State pushes are coalesced to at most one per this many milliseconds. */
const STATE_PUSH_MS = 100;
/** With nothing happening, state still goes out this often, so positions on the page keep moving. */
const STATE_HEARTBEAT_MS = 1000;
/** Log entries the inspector receives on connecting. */
const INSPECTOR_BACKLOG = 200;

/**
 * The simulator's control API and inspector page, on the node's own port below `/_sonora`. Its
 * requests never reach the Lavalink routes, the log or the fault injection: watching the node must
 * not change what the node does.
 */
export class ControlPlane {
  private readonly streams = new EventStreams();
  private readonly timeline = new TimelineBook();
  private pushTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private killing = false;

  constructor(
    private readonly target: ControlTarget,
    private readonly settings: ResolvedControl,
  ) {
    target.log.onRecord((entry) => this.recorded(entry));
  }

  /** The token control requests must carry. */
  get token(): string {
    return this.settings.token;
  }

  /** Whether the inspector page is served. */
  get inspect(): boolean {
    return this.settings.inspect;
  }

  /** True while a kill's downtime runs (the node comes back by itself). */
  get restartPending(): boolean {
    return this.restartTimer !== undefined || this.killing;
  }

  /** Something changed (a session came or went): the state streams hear of it shortly. */
  changed(): void {
    if (this.pushTimer !== undefined || !this.streams.wants("state")) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      this.pushState();
    }, STATE_PUSH_MS);
    this.pushTimer.unref();
  }

  /** The node stopped for good (not a kill's downtime): cancel a pending restart, end the streams. */
  halt(): void {
    if (this.restartTimer !== undefined) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.streams.closeAll();
    this.stopHeartbeat();
  }

  /** Serves one request below `/_sonora`. Never throws: every failure is a JSON error answer. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    res.on("error", () => undefined);
    req.on("error", () => undefined);
    const url = new URL(req.url ?? "/", "http://control");
    const method = req.method ?? "GET";
    const path = url.pathname.slice(CONTROL_PREFIX.length) || "/";
    if (!tokenMatches(this.settings.token, presentedToken(req.headers, url.searchParams))) {
      req.resume();
      this.fail(
        res,
        new SimulatorError(
          "SIM_CONTROL_UNAUTHORIZED",
          "missing or wrong control token; send Authorization: Bearer <token> (printed by `sonora sim`, or sim.controlToken)",
        ),
      );
      return;
    }
    if (method === "GET" && (path === "/events" || path === "/log/stream" || path === "/inspector")) {
      req.resume();
      this.serveLongLived(path, url.searchParams, res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_CONTROL_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_CONTROL_BODY_BYTES) {
        this.fail(
          res,
          new SimulatorError("SIM_CONTROL_INVALID", `the body exceeds ${MAX_CONTROL_BODY_BYTES} bytes`),
        );
        return;
      }
      void this.dispatch(method, path, url.searchParams, Buffer.concat(chunks).toString("utf8"), res);
    });
  }

  private async dispatch(
    method: string,
    path: string,
    query: URLSearchParams,
    body: string,
    res: ServerResponse,
  ): Promise<void> {
    try {
      const match = matchControlRoute(method, path);
      if (match.kind === "wrongMethod") {
        res.setHeader("Allow", match.allowed.join(", "));
        sendJson(res, 405, {
          error: {
            status: 405,
            code: "SIM_CONTROL_NOT_FOUND",
            message: `${method} is not allowed here; use ${match.allowed.join(" or ")}`,
          },
        });
        return;
      }
      if (match.kind === "none") {
        throw new SimulatorError(
          "SIM_CONTROL_NOT_FOUND",
          `no control route ${method} ${CONTROL_PREFIX}${path}; see docs/inspector.md`,
        );
      }
      const result = await match.handler({
        target: this.target,
        node: this.nodeControls(res),
        timeline: this.timeline,
        params: match.params,
        query,
        body,
      });
      sendJson(res, result.status, result.json);
    } catch (error) {
      this.fail(res, error);
    }
  }

  private fail(res: ServerResponse, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, statusOf(error), errorBody(error));
  }

  private serveLongLived(path: string, query: URLSearchParams, res: ServerResponse): void {
    if (path === "/inspector") {
      if (!this.settings.inspect) {
        this.fail(
          res,
          new SimulatorError(
            "SIM_CONTROL_NOT_FOUND",
            "the inspector is off; start with --inspect (inspect: true)",
          ),
        );
        return;
      }
      const html = inspectorPage();
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Content-Length": Buffer.byteLength(html),
        // The page is self-contained: nothing but its own inline code and this origin's API.
        "Content-Security-Policy":
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:",
        "Referrer-Policy": "no-referrer",
      });
      res.end(html);
      return;
    }
    if (path === "/log/stream") {
      this.streams.open(res, new Set<StreamTopic>(["log"]), []);
      return;
    }
    const backlog = this.target.log.entries().slice(-INSPECTOR_BACKLOG);
    const hello = {
      state: stateOf(this.target),
      log: backlog,
      timeline: this.timeline.get(),
      serverTime: Date.now(),
    };
    const topics = new Set<StreamTopic>(["log", "state", "timeline"]);
    const only = query.get("topics");
    if (only !== null) {
      topics.clear();
      for (const t of only.split(",")) if (t === "log" || t === "state" || t === "timeline") topics.add(t);
    }
    this.streams.open(res, topics, [["hello", hello]]);
    this.startHeartbeat();
  }

  private nodeControls(res: ServerResponse): NodeControls {
    return {
      changed: () => this.changed(),
      kill: (downMs) => {
        if (!this.target.running || this.restartPending) return null;
        this.killing = true;
        // After the answer is on its way: the kill closes every connection, this one included.
        res.once("finish", () => setImmediate(() => void this.killFor(downMs)));
        return { downMs, restartAt: Date.now() + downMs };
      },
    };
  }

  private async killFor(downMs: number): Promise<void> {
    try {
      this.streams.closeAll();
      await this.target.kill();
    } catch {
      // Already down (stopped in between): nothing to bring back either.
      this.killing = false;
      return;
    }
    this.killing = false;
    // Wall time, not the simulator's clock: a virtual clock would never bring the node back,
    // as the API that advances it is down with the node.
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.target.restart().catch((error: unknown) => {
        process.emitWarning(
          `sonora simulator: restart after kill failed: ${error instanceof Error ? error.message : String(error)}`,
          { code: "SONORA_SIM_RESTART_FAILED" },
        );
      });
    }, downMs);
  }

  private recorded(entry: SimulatorLogEntry): void {
    const items = this.timeline.add(entry);
    if (this.streams.size === 0) return;
    this.streams.publish("log", "log", entry);
    for (const item of items) this.streams.publish("timeline", "timeline", item);
    this.changed();
  }

  private pushState(): void {
    this.streams.publish("state", "state", { ...stateOf(this.target), serverTime: Date.now() });
  }

  private startHeartbeat(): void {
    if (this.heartbeat !== undefined) return;
    this.heartbeat = setInterval(() => {
      if (!this.streams.wants("state")) {
        this.stopHeartbeat();
        return;
      }
      this.pushState();
    }, STATE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat === undefined) return;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
