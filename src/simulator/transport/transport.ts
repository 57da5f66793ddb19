import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { Clock } from "../../base/clock/index.js";
import type { FaultMark } from "../faults/types.js";
import type { SimulatorLog, SimulatorLogEntry } from "../log.js";
import { playerUpdateFrame } from "../player-update-frame.js";
import type { FaultHook, InboundDecision } from "./fault-hook.js";
import { type PeerSocket, SOCKET_OPEN } from "./peer-socket.js";
import { writeReply } from "./reply.js";
import type { FrameOwner, IncomingRequest, RestReply } from "./wire.js";
import { type CorkableStream, WriteBatch } from "./write-batch.js";

export type { FrameOwner, RestReply } from "./wire.js";

/** The log fields of traffic nothing acted on; shared, so the fast path allocates nothing for it. */
const NOTHING: Record<string, never> = Object.freeze({});

/** The decision on a request no fault acts on; shared for the same reason. */
const ROUTE: InboundDecision = Object.freeze({ kind: "route" });

/** The log field naming the faults that acted on a frame or exchange (none: no field). */
function faultsOf(marks: FaultMark[] | undefined): { faults: FaultMark[] } | Record<string, never> {
  return marks === undefined || marks.length === 0 ? NOTHING : { faults: marks };
}

/**
 * The single choke point for everything the simulator writes: every outgoing WebSocket frame and
 * every REST answer goes through here, and is recorded in the log on the way. Fault injection
 * (latency, drops, 5xx) is asked for a verdict on each; the transport logs the traffic with it,
 * then lets the verdict be carried out. Calls only go one way: the transport asks, nobody calls back.
 */
export class Transport {
  /** Coalesces a batch's frames per socket into one write (see {@link WriteBatch}). */
  private readonly cork = new WriteBatch();

  constructor(
    private readonly clock: Clock,
    readonly log: SimulatorLog,
    /** Fault injection; it decides, delays or drops, and records its decisions with the traffic. */
    private readonly faults?: FaultHook,
  ) {}

  /** Writes one text frame to a session's socket. */
  sendFrame(
    owner: FrameOwner,
    ws: PeerSocket,
    text: string,
    op: string,
    type?: string,
    guildId?: string,
  ): void {
    const faults = this.faults;
    if (faults?.engaged === true) {
      const verdict = faults.outgoingFrame({ owner, ws, text, op, type, guildId });
      this.recordOutgoing(owner, verdict.sent, op, type, guildId, undefined, verdict.marks);
      verdict.carryOut();
      return;
    }
    // The path every frame takes while no fault is registered: no closure, no fault plan.
    this.recordOutgoing(owner, text, op, type, guildId);
    if (ws.readyState === SOCKET_OPEN) {
      this.cork.hold(ws);
      ws.send(text);
    }
  }

  /**
   * Writes one `playerUpdate` frame (the frame every playing player sends each interval). The same
   * as {@link sendFrame} with its text, but logged as numbers rather than as an entry with the text.
   */
  sendPlayerUpdate(
    owner: FrameOwner,
    ws: PeerSocket,
    guildId: string,
    time: number,
    position: number,
    connected: boolean,
    ping: number,
  ): void {
    const text = playerUpdateFrame(guildId, time, position, connected, ping);
    if (this.faults?.engaged === true) {
      this.sendFrame(owner, ws, text, "playerUpdate", undefined, guildId);
      return;
    }
    const log = this.log;
    if (log.enabled) {
      log.recordPlayerUpdate(
        this.clock.now(),
        owner.id,
        guildId,
        time,
        position,
        connected,
        ping,
        text.length,
      );
    }
    if (ws.readyState === SOCKET_OPEN) {
      this.cork.hold(ws);
      ws.send(text);
    }
  }

  /**
   * Runs `pass` (a pass of periodic frames) with each socket's frames held until it returns, so
   * that they leave in one write per socket (see {@link WriteBatch}).
   */
  batch(pass: () => void): void {
    this.cork.run(pass);
  }

  /** Registers the byte stream under a session's WebSocket, so that its frames can be coalesced. */
  attachStream(ws: PeerSocket, stream: CorkableStream): void {
    this.cork.attach(ws, stream);
  }

  /** Destroys a socket without a close frame, after writing out the frames already sent to it. */
  terminate(ws: PeerSocket): void {
    this.cork.flush(ws);
    ws.terminate();
  }

  /** A frame from a client (Lavalink v4 ignores them; faults may still cut the connection). */
  receiveFrame(owner: FrameOwner, ws: PeerSocket, body: string): void {
    const faults = this.faults;
    if (faults?.engaged === true) {
      const verdict = faults.incomingFrame({ owner, ws, body });
      this.recordClientFrame(owner, body, verdict.marks);
      verdict.carryOut();
    } else {
      this.recordClientFrame(owner, body, undefined);
    }
  }

  /**
   * A complete REST request: records it and tells what to do with it, after any upstream fault
   * acted (at once without faults; a promise when a fault delays it).
   */
  receiveRequest(res: ServerResponse, request: IncomingRequest): InboundDecision | Promise<InboundDecision> {
    const { method, path, headers, body } = request;
    if (this.faults?.engaged !== true) {
      this.recordRequest(method, path, headers, body);
      return ROUTE;
    }
    const verdict = this.faults.incomingRequest(res, request);
    this.recordRequest(method, path, headers, body, verdict.marks);
    return verdict.carryOut();
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
    this.recordOutgoing(owner, text, op, type, guildId, note);
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

  /**
   * Logs one outgoing frame: written (with the faults that acted on it), or with why it was not.
   * Every frame passes here, so the entry is one object literal of a fixed shape per case (no
   * spreads of temporary objects); the keys keep the order of the log's other entries.
   */
  private recordOutgoing(
    owner: FrameOwner,
    body: string,
    op: string,
    type?: string,
    guildId?: string,
    note?: string,
    marks?: FaultMark[],
  ): void {
    const log = this.log;
    if (!log.enabled) return;
    const at = this.clock.now();
    const sessionId = owner.id;
    let entry: SimulatorLogEntry;
    if (type === undefined) {
      entry =
        guildId === undefined
          ? { at, direction: "out", kind: "ws", sessionId, op, body }
          : { at, direction: "out", kind: "ws", sessionId, op, guildId, body };
    } else {
      entry =
        guildId === undefined
          ? { at, direction: "out", kind: "ws", sessionId, op, type, body }
          : { at, direction: "out", kind: "ws", sessionId, op, type, guildId, body };
    }
    if (note !== undefined) entry.note = note;
    else if (marks !== undefined && marks.length > 0) entry.faults = marks;
    log.record(entry);
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
      const verdict = faults.outgoingReply(res, reply);
      this.recordReply(verdict.sent, verdict.marks);
      verdict.carryOut();
      return;
    }
    this.recordReply(reply, undefined);
    writeReply(res, reply);
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
}
