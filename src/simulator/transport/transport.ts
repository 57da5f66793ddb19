import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { WebSocket } from "ws";
import type { Clock } from "../../base/clock/index.js";
import type { FaultHook } from "../faults/hook.js";
import type { FaultMark } from "../faults/types.js";
import type { SimulatorLog } from "../log.js";

/** Who a frame belongs to; the session class satisfies it. */
export interface FrameOwner {
  readonly id: string;
}

/** A REST answer about to be written. */
export interface RestReply {
  method: string;
  path: string;
  sessionId?: string | undefined;
  status: number;
  headers: OutgoingHttpHeaders;
  body: string | undefined;
}

/** The log fields of traffic nothing acted on; shared, so the fast path allocates nothing for it. */
const NOTHING: Record<string, never> = Object.freeze({});

/** The log field naming the faults that acted on a frame or exchange (none: no field). */
function faultsOf(marks: FaultMark[] | undefined): { faults: FaultMark[] } | Record<string, never> {
  return marks === undefined || marks.length === 0 ? NOTHING : { faults: marks };
}

/**
 * The single choke point for everything the simulator writes: every outgoing WebSocket frame and
 * every REST answer goes through here, and is recorded in the log on the way. Fault injection
 * (latency, drops, 5xx) hooks in at these two methods and records its decisions in the same log.
 */
export class Transport {
  constructor(
    private readonly clock: Clock,
    readonly log: SimulatorLog,
    /** Fault injection; it decides, delays or drops, and records its decisions with the traffic. */
    private readonly faults?: FaultHook,
  ) {}

  /** Writes one text frame to a session's socket. */
  sendFrame(
    owner: FrameOwner,
    ws: WebSocket,
    text: string,
    op: string,
    type?: string,
    guildId?: string,
  ): void {
    const faults = this.faults;
    if (faults?.engaged === true) {
      faults.outgoingFrame({ owner, ws, text, op, type, guildId }, (sent, marks) =>
        this.recordOutgoing(owner, sent, op, type, guildId, faultsOf(marks)),
      );
      return;
    }
    // The path every frame takes while no fault is registered: no closure, no fault plan.
    this.recordOutgoing(owner, text, op, type, guildId, NOTHING);
    if (ws.readyState === WebSocket.OPEN) ws.send(text);
  }

  /** A frame from a client (Lavalink v4 ignores them; faults may still cut the connection). */
  receiveFrame(owner: FrameOwner, ws: WebSocket, body: string): void {
    const faults = this.faults;
    if (faults?.engaged === true) {
      faults.incomingFrame({ owner, ws, body }, (marks) => this.recordClientFrame(owner, body, marks));
    } else {
      this.recordClientFrame(owner, body, undefined);
    }
  }

  /**
   * A complete REST request: records it, lets upstream faults act on it, then hands it to
   * `handle` (at once without faults).
   */
  receiveRequest(
    res: ServerResponse,
    request: { method: string; path: string; headers: IncomingHttpHeaders; body: string },
    handle: () => void,
  ): void {
    const { method, path, headers, body } = request;
    if (this.faults?.engaged !== true) {
      this.recordRequest(method, path, headers, body);
      handle();
      return;
    }
    this.faults.incomingRequest(
      res,
      { method, path, body },
      (marks) => this.recordRequest(method, path, headers, body, marks),
      handle,
      (reply) => this.respond(res, reply),
    );
  }

  /** Records a frame that was produced but not written (queued for resume, or the session is gone). */
  dropFrame(
    owner: FrameOwner,
    text: string,
    op: string,
    note: string,
    type?: string,
    guildId?: string,
  ): void {
    this.recordOutgoing(owner, text, op, type, guildId, { note });
  }

  private recordClientFrame(owner: FrameOwner, body: string, marks: FaultMark[] | undefined): void {
    if (!this.log.enabled) return;
    this.recordIncoming({
      sessionId: owner.id,
      op: "message",
      body,
      ...faultsOf(marks),
    });
  }

  /** Logs one outgoing frame: written (with the faults that acted on it), or with why it was not. */
  private recordOutgoing(
    owner: FrameOwner,
    body: string,
    op: string,
    type: string | undefined,
    guildId: string | undefined,
    extra: { note: string } | { faults: FaultMark[] } | Record<string, never>,
  ): void {
    if (!this.log.enabled) return;
    this.log.record({
      at: this.clock.now(),
      direction: "out",
      kind: "ws",
      sessionId: owner.id,
      op,
      ...(type === undefined ? {} : { type }),
      ...(guildId === undefined ? {} : { guildId }),
      body,
      ...extra,
    });
  }

  /** Records a frame or handshake event coming from a client. */
  recordIncoming(entry: {
    sessionId?: string;
    op: string;
    body?: string;
    note?: string;
    status?: number;
    faults?: FaultMark[];
  }): void {
    if (!this.log.enabled) return;
    this.log.record({ at: this.clock.now(), direction: "in", kind: "ws", ...entry });
  }

  /** Records a REST request as it arrived. */
  recordRequest(
    method: string,
    path: string,
    _headers: IncomingHttpHeaders,
    body: string | undefined,
    marks?: FaultMark[],
  ): void {
    if (!this.log.enabled) return;
    this.log.record({
      at: this.clock.now(),
      direction: "in",
      kind: "rest",
      method,
      path,
      ...(body === undefined || body === "" ? {} : { body }),
      ...faultsOf(marks),
    });
  }

  /** Writes one REST answer (through the faults when any are active). */
  respond(res: ServerResponse, reply: RestReply): void {
    const faults = this.faults;
    if (faults?.engaged === true) {
      faults.outgoingReply(
        res,
        reply,
        (sent, marks) => this.recordReply(sent, marks),
        (sent) => this.write(res, sent),
      );
      return;
    }
    this.recordReply(reply, undefined);
    this.write(res, reply);
  }

  private recordReply(sent: RestReply, marks: FaultMark[] | undefined): void {
    if (!this.log.enabled) return;
    this.log.record({
      at: this.clock.now(),
      direction: "out",
      kind: "rest",
      method: sent.method,
      path: sent.path,
      status: sent.status,
      ...(sent.sessionId === undefined ? {} : { sessionId: sent.sessionId }),
      ...(sent.body === undefined ? {} : { body: sent.body }),
      ...faultsOf(marks),
    });
  }

  private write(res: ServerResponse, reply: RestReply): void {
    if (res.writableEnded || res.destroyed) return;
    const headers: OutgoingHttpHeaders = { ...reply.headers };
    if (reply.body !== undefined) headers["Content-Length"] = Buffer.byteLength(reply.body);
    else headers["Content-Length"] = 0;
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  }
}
