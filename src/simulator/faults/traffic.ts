import type { ServerResponse } from "node:http";
import { HttpError, reasonPhrase } from "../rest/http-error.js";
import type { FaultHook, InboundDecision, Verdict } from "../transport/fault-hook.js";
import { type PeerSocket, SOCKET_OPEN } from "../transport/peer-socket.js";
import { errorReply, writeReply } from "../transport/reply.js";
import type { IncomingFrame, IncomingRequest, OutgoingFrame, RestReply } from "../transport/wire.js";
import { CausedMarks } from "./caused-marks.js";
import { type ArmedFault, decide, type FaultPlan, type TrafficUnit } from "./decide.js";
import type { DecisionLog } from "./decision-log.js";
import type { FaultHost } from "./host.js";
import { Lanes } from "./lanes.js";
import type { FaultMark } from "./types.js";

const SESSION_PATH = /^\/v4\/sessions\/([^/]+)/;

const ROUTE: InboundDecision = Object.freeze({ kind: "route" });
const DROP: InboundDecision = Object.freeze({ kind: "drop" });
const NOTHING_TO_DO = (): void => undefined;

/**
 * Applies the registered faults to live traffic: takes each frame's or REST exchange's decisions,
 * records them, and hands the transport a verdict that delays, rewrites or drops the traffic, ends
 * connections, and starts the voice and track faults a frame set off. The registry itself lives in
 * the FaultController; this is the {@link FaultHook} the transport asks.
 */
export class FaultTraffic implements FaultHook {
  private readonly frames: Lanes<PeerSocket>;
  private readonly replies: Lanes<ServerResponse>;
  /** Marks of on-demand faults, waiting for the frame each one causes. */
  readonly caused = new CausedMarks();

  constructor(
    private readonly host: FaultHost,
    /** The registered faults right now (the controller replaces its array when they change). */
    private readonly armed: () => readonly ArmedFault[],
    private readonly decisions: DecisionLog,
  ) {
    this.frames = new Lanes(host.clock);
    this.replies = new Lanes(host.clock);
  }

  /** True while faults are registered, or traffic or a scheduled fault is still pending. */
  get engaged(): boolean {
    return this.armed().length > 0 || this.busy;
  }

  /** True while frames or answers are held back, a scheduled fault is pending, or a mark waits for its frame. */
  get busy(): boolean {
    return this.frames.busy || this.replies.busy || this.caused.waiting;
  }

  /** Drops everything in flight or scheduled (the node stopped or was killed). */
  halt(): void {
    this.frames.halt();
    this.replies.halt();
    this.caused.clear();
  }

  outgoingFrame(frame: OutgoingFrame): Verdict<string> {
    const { ws, owner } = frame;
    const caused = this.caused.waiting ? this.caused.take(owner.id, frame.guildId, frame.type) : undefined;
    const ended = this.frames.peek(ws)?.ended;
    if (ended !== undefined) {
      const discarded: FaultMark = { ...ended, effect: `discarded (connection ${ended.effect})` };
      return {
        sent: frame.text,
        marks: caused === undefined ? [discarded] : [caused, discarded],
        carryOut: NOTHING_TO_DO,
      };
    }
    const unit: TrafficUnit = {
      channel: "ws",
      direction: "downstream",
      sessionId: owner.id,
      op: frame.op,
      eventType: frame.type,
      payload: frame.text,
    };
    const plan = this.plan(unit, false);
    const text = plan.rewrite === undefined ? frame.text : plan.rewrite(frame.text);
    return {
      sent: text,
      // The on-demand fault that caused the frame comes first: it acted before any fault on the way.
      marks: caused === undefined ? plan.marks : [caused, ...plan.marks],
      carryOut: () => {
        if (plan.end !== undefined) {
          this.endConnection(ws, plan);
        } else if (plan.delay <= 0 && this.frames.idle(ws)) {
          // Nothing held back and nothing to wait for: send now, without queueing a closure.
          if (ws.readyState === SOCKET_OPEN) ws.send(text);
        } else {
          this.frames.enqueue(ws, plan.delay, () => {
            if (ws.readyState === SOCKET_OPEN) ws.send(text);
          });
        }
        if (plan.followUps !== undefined && frame.guildId !== undefined) {
          const context = {
            host: this.host,
            sessionId: owner.id,
            guildId: frame.guildId,
            later: (ms: number, run: () => void) => this.frames.later(ms, run),
          };
          for (const run of plan.followUps) run(context);
        }
      },
    };
  }

  incomingFrame(frame: IncomingFrame): Verdict<string> {
    const unit: TrafficUnit = {
      channel: "ws",
      direction: "upstream",
      sessionId: frame.owner.id,
      op: "message",
      payload: frame.body,
    };
    const plan = this.plan(unit, false);
    return {
      sent: frame.body,
      marks: plan.marks,
      // Lavalink v4 ignores client frames, so only faults that end the connection are observable.
      carryOut: () => this.endConnection(frame.ws, plan),
    };
  }

  incomingRequest(
    res: ServerResponse,
    request: IncomingRequest,
  ): Verdict<IncomingRequest, InboundDecision | Promise<InboundDecision>> {
    const { method, path } = request;
    const sessionId = SESSION_PATH.exec(path)?.[1];
    const unit: TrafficUnit = {
      channel: "rest",
      direction: "upstream",
      sessionId,
      method,
      path,
      payload: request.body,
    };
    const plan = this.plan(unit, true);
    return {
      sent: request,
      marks: plan.marks,
      carryOut: () => {
        if (plan.end !== undefined) {
          this.failExchange(res, plan);
          return DROP;
        }
        const answer = plan.answer;
        if (answer !== undefined) {
          return this.afterDelay(plan.delay, () => ({
            kind: "answer",
            reply: this.errorReply({ method, path, sessionId }, answer),
          }));
        }
        return this.afterDelay(plan.delay, () => (res.destroyed ? DROP : ROUTE));
      },
    };
  }

  outgoingReply(res: ServerResponse, reply: RestReply): Verdict<RestReply> {
    const unit: TrafficUnit = {
      channel: "rest",
      direction: "downstream",
      sessionId: reply.sessionId ?? SESSION_PATH.exec(reply.path)?.[1],
      method: reply.method,
      path: reply.path,
      status: reply.status,
      payload: reply.body,
    };
    const plan = this.plan(unit, true);
    let sent = reply;
    if (plan.answer !== undefined) {
      sent = this.errorReply(reply, plan.answer);
    } else if (plan.rewrite !== undefined && reply.body !== undefined) {
      sent = { ...reply, body: plan.rewrite(reply.body) };
    }
    return {
      sent,
      marks: plan.marks,
      carryOut: () => {
        if (plan.end !== undefined) this.failExchange(res, plan);
        else if (plan.delay <= 0 && this.replies.idle(res)) writeReply(res, sent);
        else this.replies.enqueue(res, plan.delay, () => writeReply(res, sent));
      },
    };
  }

  private plan(unit: TrafficUnit, rest: boolean): FaultPlan {
    const plan = decide(this.armed(), unit, rest);
    if (plan.marks.length === 0) return plan;
    const target = targetOf(unit);
    for (const mark of plan.marks) {
      this.decisions.remember(mark, unit.channel, unit.direction, unit.sessionId, target);
    }
    return plan;
  }

  /** `make()` now when nothing delays it (synchronously, as without faults), else once the delay is over. */
  private afterDelay<T>(delay: number, make: () => T): T | Promise<T> {
    if (delay <= 0) return make();
    return new Promise((resolve) => this.replies.later(delay, () => resolve(make())));
  }

  /** Lavalink's error answer a `rest-error` fault puts in place of the node's. */
  private errorReply(
    request: { method: string; path: string; sessionId?: string | undefined },
    answer: { status: number; message: string | undefined },
  ): RestReply {
    const error = new HttpError(answer.status, answer.message ?? reasonPhrase(answer.status));
    return errorReply(request, error, this.host.clock.now(), false);
  }

  /** Ends a WebSocket the way the plan says, after what is already in flight. */
  private endConnection(ws: PeerSocket, plan: FaultPlan): void {
    const end = plan.end;
    if (end === undefined) return;
    this.frames.of(ws).ended = end.mark;
    // Held (a black hole without timeout): nothing more is sent, the socket stays open.
    if (end.afterMs === null) return;
    const close = end.closeFrame;
    this.frames.enqueue(
      ws,
      plan.delay + end.afterMs,
      close === undefined
        ? // A crashed peer or a dead link: the socket is destroyed, the client sees 1006.
          () => ws.terminate()
        : () => {
            if (ws.readyState === SOCKET_OPEN) ws.close(close.code, close.reason);
          },
    );
  }

  /** A REST exchange that gets no answer: destroyed after the plan's delays, or held (black hole). */
  private failExchange(res: ServerResponse, plan: FaultPlan): void {
    const end = plan.end;
    // Held until the client gives up (or the node stops).
    if (end === undefined || end.afterMs === null) return;
    this.replies.later(plan.delay + end.afterMs, () => {
      res.socket?.destroy();
      res.destroy();
    });
  }
}

/** How a decision names what it hit: `"PATCH /v4/…"`, `"event TrackStartEvent"`, `"client message"`. */
function targetOf(unit: TrafficUnit): string {
  if (unit.channel === "rest") return `${unit.method} ${unit.path}`;
  if (unit.direction === "upstream") return "client message";
  return `${unit.op}${unit.eventType === undefined ? "" : ` ${unit.eventType}`}`;
}
