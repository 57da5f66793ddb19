import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { WebSocket } from "ws";
import type { Clock } from "../../clock/index.js";
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

/**
 * The single choke point for everything the simulator writes: every outgoing WebSocket frame and
 * every REST answer goes through here, and is recorded in the log on the way. Fault injection
 * (latency, drops, 5xx) hooks in at these two methods and records its decisions in the same log.
 */
export class Transport {
  constructor(
    private readonly clock: Clock,
    readonly log: SimulatorLog,
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
    if (this.log.enabled) {
      this.log.record({
        at: this.clock.now(),
        direction: "out",
        kind: "ws",
        sessionId: owner.id,
        op,
        ...(type === undefined ? {} : { type }),
        ...(guildId === undefined ? {} : { guildId }),
        body: text,
      });
    }
    if (ws.readyState === WebSocket.OPEN) ws.send(text);
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
    if (!this.log.enabled) return;
    this.log.record({
      at: this.clock.now(),
      direction: "out",
      kind: "ws",
      sessionId: owner.id,
      op,
      ...(type === undefined ? {} : { type }),
      ...(guildId === undefined ? {} : { guildId }),
      body: text,
      note,
    });
  }

  /** Records a frame or handshake event coming from a client. */
  recordIncoming(entry: {
    sessionId?: string;
    op: string;
    body?: string;
    note?: string;
    status?: number;
  }): void {
    if (!this.log.enabled) return;
    this.log.record({ at: this.clock.now(), direction: "in", kind: "ws", ...entry });
  }

  /** Records a REST request as it arrived. */
  recordRequest(method: string, path: string, _headers: IncomingHttpHeaders, body: string | undefined): void {
    if (!this.log.enabled) return;
    this.log.record({
      at: this.clock.now(),
      direction: "in",
      kind: "rest",
      method,
      path,
      ...(body === undefined || body === "" ? {} : { body }),
    });
  }

  /** Writes one REST answer. */
  respond(res: ServerResponse, reply: RestReply): void {
    if (this.log.enabled) {
      this.log.record({
        at: this.clock.now(),
        direction: "out",
        kind: "rest",
        method: reply.method,
        path: reply.path,
        status: reply.status,
        ...(reply.sessionId === undefined ? {} : { sessionId: reply.sessionId }),
        ...(reply.body === undefined ? {} : { body: reply.body }),
      });
    }
    if (res.writableEnded || res.destroyed) return;
    const headers: OutgoingHttpHeaders = { ...reply.headers };
    if (reply.body !== undefined) headers["Content-Length"] = Buffer.byteLength(reply.body);
    else headers["Content-Length"] = 0;
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  }
}
