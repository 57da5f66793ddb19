import type { ServerResponse } from "node:http";
import { WebSocket } from "ws";
import type { Clock } from "../../base/clock/index.js";
import { API_VERSION_HEADER } from "../http.js";
import type { SimPlayer } from "../player.js";
import { errorBody, HttpError, reasonPhrase } from "../rest/http-error.js";
import type { RestReply } from "../transport/transport.js";
import { CausedMarks } from "./caused-marks.js";
import { type ArmedFault, decide, type FaultPlan, type TrafficUnit } from "./decide.js";
import type { DecisionLog } from "./decision-log.js";
import type { FaultHost, OutgoingFrame } from "./hook.js";
import { Lanes } from "./lanes.js";
import { exceptionOf } from "./player-faults.js";
import { slowNodeStats } from "./slow-node.js";
import type { FaultMark } from "./types.js";

const SESSION_PATH = /^\/v4\/sessions\/([^/]+)/;

/**
 * Applies the registered faults to live traffic: takes each frame's or REST exchange's decisions,
 * records them, then delays, rewrites or drops the traffic, ends connections, and schedules the
 * voice and track faults a frame triggered. The registry itself lives in the FaultController, which
 * answers the transport's FaultHook calls by handing them here.
 */
export class FaultTraffic {
  private readonly frames: Lanes<WebSocket>;
  private readonly replies: Lanes<ServerResponse>;
  /** Marks of on-demand faults, waiting for the frame each one causes. */
  readonly caused = new CausedMarks();

  constructor(
    private readonly host: FaultHost,
    /** The registered faults right now (the controller replaces its array on remove). */
    private readonly armed: () => readonly ArmedFault[],
    private readonly decisions: DecisionLog,
  ) {
    this.frames = new Lanes(host.clock);
    this.replies = new Lanes(host.clock);
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

  outgoingFrame(frame: OutgoingFrame, record: (sent: string, marks?: FaultMark[]) => void): void {
    const { ws, owner } = frame;
    const caused = this.caused.waiting ? this.caused.take(owner.id, frame.guildId, frame.type) : undefined;
    const ended = this.frames.peek(ws)?.ended;
    if (ended !== undefined) {
      const discarded: FaultMark = { ...ended, effect: `discarded (connection ${ended.effect})` };
      record(frame.text, caused === undefined ? [discarded] : [caused, discarded]);
      return;
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
    const text = plan.slowNode === undefined ? frame.text : slowNodeStats(frame.text, plan.slowNode);
    // The on-demand fault that caused the frame comes first: it acted before any fault on the way.
    record(text, caused === undefined ? plan.marks : [caused, ...plan.marks]);
    if (plan.terminal !== undefined) {
      this.endConnection(ws, plan);
    } else if (plan.delay <= 0 && this.frames.idle(ws)) {
      // Nothing held back and nothing to wait for: send now, without queueing a closure.
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
    } else {
      this.frames.enqueue(ws, plan.delay, () => {
        if (ws.readyState === WebSocket.OPEN) ws.send(text);
      });
    }
    if (plan.voiceClose !== undefined && frame.guildId !== undefined) {
      const { fault } = plan.voiceClose;
      const guildId = frame.guildId;
      // After the frame that triggered it, never from inside the send path.
      queueMicrotask(() => {
        try {
          this.host.closeVoice(owner.id, guildId, {
            ...(fault.code === undefined ? {} : { code: fault.code }),
            ...(fault.reason === undefined ? {} : { reason: fault.reason }),
            ...(fault.byRemote === undefined ? {} : { byRemote: fault.byRemote }),
          });
        } catch {
          // The player went away in between: nothing to close.
        }
      });
    }
    if (plan.trackFaults !== undefined && frame.guildId !== undefined) {
      this.scheduleTrackFaults(plan, owner.id, frame.guildId);
    }
  }

  incomingFrame(
    frame: { owner: { id: string }; ws: WebSocket; body: string },
    record: (marks?: FaultMark[]) => void,
  ): void {
    const unit: TrafficUnit = {
      channel: "ws",
      direction: "upstream",
      sessionId: frame.owner.id,
      op: "message",
      payload: frame.body,
    };
    const plan = this.plan(unit, false);
    record(plan.marks);
    // Lavalink v4 ignores client frames, so only faults that end the connection are observable.
    if (plan.terminal !== undefined) this.endConnection(frame.ws, plan);
  }

  incomingRequest(
    res: ServerResponse,
    request: { method: string; path: string; body: string },
    record: (marks?: FaultMark[]) => void,
    handle: () => void,
    answer: (reply: RestReply) => void,
  ): void {
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
    record(plan.marks);
    if (plan.terminal !== undefined) {
      this.failExchange(res, plan);
      return;
    }
    const restError = plan.restError;
    if (restError !== undefined) {
      this.replies.later(plan.delay, () =>
        answer(errorReply(method, path, sessionId, restError.status, restError.message, this.host.clock)),
      );
      return;
    }
    if (plan.delay <= 0) {
      if (!res.destroyed) handle();
    } else {
      this.replies.later(plan.delay, () => {
        if (!res.destroyed) handle();
      });
    }
  }

  outgoingReply(
    res: ServerResponse,
    reply: RestReply,
    record: (sent: RestReply, marks?: FaultMark[]) => void,
    write: (sent: RestReply) => void,
  ): void {
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
    if (plan.restError !== undefined) {
      const { status, message } = plan.restError;
      sent = errorReply(reply.method, reply.path, reply.sessionId, status, message, this.host.clock);
    } else if (plan.slowNode !== undefined && reply.body !== undefined) {
      sent = { ...reply, body: slowNodeStats(reply.body, plan.slowNode) };
    }
    record(sent, plan.marks);
    if (plan.terminal !== undefined) {
      this.failExchange(res, plan);
      return;
    }
    if (plan.delay <= 0 && this.replies.idle(res)) write(sent);
    else this.replies.enqueue(res, plan.delay, () => write(sent));
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

  /** Ends a WebSocket the way the plan's terminal fault says, after what is already in flight. */
  private endConnection(ws: WebSocket, plan: FaultPlan): void {
    const terminal = plan.terminal;
    if (terminal === undefined) return;
    const lane = this.frames.of(ws);
    lane.ended = terminal.mark;
    switch (terminal.kind) {
      case "reset":
        // A crashed peer: the socket is destroyed, the client sees the TCP connection go (1006).
        this.frames.enqueue(ws, plan.delay, () => ws.terminate());
        return;
      case "stall":
        this.frames.enqueue(ws, plan.delay + terminal.after, () => ws.terminate());
        return;
      case "close":
        this.frames.enqueue(ws, plan.delay, () => {
          if (ws.readyState === WebSocket.OPEN) ws.close(terminal.code, terminal.reason);
        });
        return;
      case "blackhole":
        if (terminal.destroyAfter > 0) {
          this.frames.enqueue(ws, plan.delay + terminal.destroyAfter, () => ws.terminate());
        }
        return;
    }
  }

  /** A REST exchange that gets no answer: reset now, after a stall, or held (black hole). */
  private failExchange(res: ServerResponse, plan: FaultPlan): void {
    const terminal = plan.terminal;
    const destroy = (): void => {
      res.socket?.destroy();
      res.destroy();
    };
    switch (terminal?.kind) {
      case "reset":
      case "close":
        this.replies.later(plan.delay, destroy);
        return;
      case "stall":
        this.replies.later(plan.delay + terminal.after, destroy);
        return;
      case "blackhole":
        // Held until the client gives up (or the node stops); with a timeout, dropped then.
        if (terminal.destroyAfter > 0) this.replies.later(plan.delay + terminal.destroyAfter, destroy);
        return;
      default:
        return;
    }
  }

  private scheduleTrackFaults(plan: FaultPlan, sessionId: string, guildId: string): void {
    let player: SimPlayer;
    try {
      player = this.host.requirePlayer(sessionId, guildId).player;
    } catch {
      return;
    }
    const track = player.loaded;
    if (track === null) return;
    for (const item of plan.trackFaults ?? []) {
      this.frames.later(item.afterMs, () => {
        // Only the track that started: a replaced or stopped track is left alone.
        if (player.loaded !== track) return;
        if (item.fault.type === "track-exception") {
          player.injectException(exceptionOf(item.fault));
        } else {
          player.injectStuck(item.fault.thresholdMs ?? 10_000);
        }
      });
    }
  }
}

/** How a decision names what it hit: `"PATCH /v4/…"`, `"event TrackStartEvent"`, `"client message"`. */
function targetOf(unit: TrafficUnit): string {
  if (unit.channel === "rest") return `${unit.method} ${unit.path}`;
  if (unit.direction === "upstream") return "client message";
  return `${unit.op}${unit.eventType === undefined ? "" : ` ${unit.eventType}`}`;
}

function errorReply(
  method: string,
  path: string,
  sessionId: string | undefined,
  status: number,
  message: string | undefined,
  clock: Clock,
): RestReply {
  const error = new HttpError(status, message ?? reasonPhrase(status));
  return {
    method,
    path,
    sessionId,
    status,
    headers: { ...API_VERSION_HEADER, "Content-Type": "application/json" },
    body: errorBody(error, path, clock.now(), false),
  };
}
