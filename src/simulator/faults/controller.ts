import type { ServerResponse } from "node:http";
import { WebSocket } from "ws";
import type { Clock } from "../../clock/index.js";
import type { SeededRandom } from "../../mock/random.js";
import type { ExceptionSeverity, LavalinkException } from "../../protocol/index.js";
import { API_VERSION_HEADER } from "../http.js";
import type { SimPlayer } from "../player.js";
import { errorBody, HttpError, reasonPhrase } from "../rest/http-error.js";
import type { RestReply } from "../transport/transport.js";
import { type ArmedFault, decide, type FaultPlan, type TrafficUnit } from "./decide.js";
import { FaultError } from "./errors.js";
import type { OutgoingFrame } from "./hook.js";
import { KNOB_IDS, type KnobOptions, knobFaults } from "./knobs.js";
import { Lanes } from "./lanes.js";
import { resolveFault } from "./resolve.js";
import { slowNodeStats } from "./slow-node.js";
import type { Fault, FaultDecision, FaultKnobs, FaultMark, FaultSpec } from "./types.js";

/** What fault injection needs from the simulator that owns it. */
export interface FaultHost {
  readonly clock: Clock;
  /** The simulator's `faults` stream; each fault forks its own sub-stream from it. */
  readonly random: SeededRandom;
  /** The player of a guild (first session holding it without a session id); throws when absent. */
  requirePlayer(sessionId: string | undefined, guildId: string): { sessionId: string; player: SimPlayer };
  /** Sends WebSocketClosedEvent for a player, as Discord closing its voice connection. */
  closeVoice(
    sessionId: string | undefined,
    guildId: string,
    close: { code?: number; reason?: string; byRemote?: boolean },
  ): void;
}

/** Options of the on-demand track and voice faults. */
export interface PlayerFaultOptions {
  /** The session holding the player (default: the first one that has this guild). */
  sessionId?: string;
}

const SESSION_PATH = /^\/v4\/sessions\/([^/]+)/;
const DECISIONS_KEPT = 10_000;

/**
 * `sim.faults`: seeded, replayable network and node faults, modelled on toxiproxy's toxics. Add
 * and remove faults at run time; every decision comes from the simulator's seed (one stream per
 * fault id), lands in `sim.log` next to the traffic it hit and in {@link decisions}.
 */
export class FaultController {
  private armed: ArmedFault[] = [];
  private nextNumber = 1;
  private readonly kept: FaultDecision[] = [];
  private readonly frames: Lanes<WebSocket>;
  private readonly replies: Lanes<ServerResponse>;

  /** @internal the simulator creates its own; reach it as `sim.faults`. */
  constructor(private readonly host: FaultHost) {
    this.frames = new Lanes(host.clock);
    this.replies = new Lanes(host.clock);
  }

  // ---- managing faults ----

  /**
   * Registers a fault and returns it with every default filled in (keep it, or its `id`, for
   * {@link remove}). Throws {@link FaultError} `FAULT_INVALID` or `FAULT_DUPLICATE_ID`.
   */
  add(spec: FaultSpec): Fault {
    let id = spec.id;
    let next = this.nextNumber;
    if (id === undefined) {
      do id = `fault-${next++}`;
      while (this.armed.some((a) => a.fault.id === id));
    } else if (typeof id !== "string" || id === "") {
      throw new FaultError("FAULT_INVALID", `id must be a non-empty string, got ${String(id)}`);
    }
    const faultId = id;
    if (this.armed.some((a) => a.fault.id === faultId)) {
      throw new FaultError(
        "FAULT_DUPLICATE_ID",
        `a fault with id ${JSON.stringify(faultId)} exists already; remove it first or pick another id`,
      );
    }
    const resolved = resolveFault(spec, faultId);
    // Numbers are only used up by faults that were accepted.
    this.nextNumber = next;
    // The stream depends on the seed and the id only: adding another fault never shifts this one.
    this.armed.push({ ...resolved, random: this.host.random.fork(`fault:${faultId}`) });
    return resolved.fault;
  }

  /** Removes a fault (by the object {@link add} returned, or its id). Returns whether it existed. */
  remove(fault: Fault | string): boolean {
    const id = typeof fault === "string" ? fault : fault.id;
    const before = this.armed.length;
    this.armed = this.armed.filter((a) => a.fault.id !== id);
    return this.armed.length !== before;
  }

  /** Removes every fault (traffic already held back is still delivered, in order). */
  clear(): void {
    this.armed = [];
  }

  /** The registered faults, in the order they are applied. */
  list(): Fault[] {
    return this.armed.map((a) => a.fault);
  }

  /** One registered fault. */
  get(id: string): Fault | undefined {
    return this.armed.find((a) => a.fault.id === id)?.fault;
  }

  /**
   * The three knobs (`packetLoss`, `latencySpike`, `connectionDrop`, each 0..1) as faults with ids
   * `knob:packetLoss`, … ; calling it again replaces them. See docs/faults.md for the models.
   */
  enable(knobs: FaultKnobs & KnobOptions): Fault[] {
    const specs = knobFaults(knobs);
    this.disable();
    return specs.map((spec) => this.add(spec));
  }

  /** Removes the knobs' faults (faults added with {@link add} stay). */
  disable(): void {
    const ids = new Set<string>(Object.values(KNOB_IDS));
    this.armed = this.armed.filter((a) => !ids.has(a.fault.id));
  }

  /** Every decision that changed traffic, oldest first (the last 10,000). */
  get decisions(): readonly FaultDecision[] {
    return this.kept;
  }

  /** Forgets the recorded decisions (faults stay registered). */
  clearDecisions(): void {
    this.kept.length = 0;
  }

  // ---- on-demand player faults ----

  /**
   * Discord closes a player's voice connection: WebSocketClosedEvent (default 4006 "Session is no
   * longer valid.", byRemote true) and a player update with `connected: false`.
   */
  voiceClose(
    guildId: string,
    close: { code?: number; reason?: string; byRemote?: boolean } & PlayerFaultOptions = {},
  ): void {
    const { sessionId } = this.host.requirePlayer(close.sessionId, guildId);
    this.host.closeVoice(sessionId, guildId, close);
    this.remember(
      { id: "manual", type: "voice-close", effect: `voice closed ${close.code ?? 4006}` },
      "ws",
      "downstream",
      sessionId,
      `voice ${guildId}`,
    );
  }

  /**
   * The playing track fails now: TrackExceptionEvent, then TrackEndEvent (`finished` once it
   * started, `loadFailed` before). Throws FAULT_NO_TRACK when the player has no track.
   */
  trackException(
    guildId: string,
    exception: {
      message?: string;
      severity?: ExceptionSeverity;
      cause?: string;
    } & PlayerFaultOptions = {},
  ): void {
    const { sessionId, player } = this.host.requirePlayer(exception.sessionId, guildId);
    if (!player.injectException(exceptionOf(exception))) throw noTrack(guildId);
    this.remember(
      { id: "manual", type: "track-exception", effect: "track exception" },
      "ws",
      "downstream",
      sessionId,
      `track ${guildId}`,
    );
  }

  /**
   * The playing track stops producing audio now; TrackStuckEvent follows `thresholdMs` later (on
   * the simulator's clock) and the track stays frozen until replaced or stopped.
   */
  trackStuck(guildId: string, thresholdMs = 10_000, options: PlayerFaultOptions = {}): void {
    if (!Number.isFinite(thresholdMs) || thresholdMs < 0) {
      throw new FaultError("FAULT_INVALID", `thresholdMs must be a finite number ≥ 0, got ${thresholdMs}`);
    }
    const { sessionId, player } = this.host.requirePlayer(options.sessionId, guildId);
    if (!player.injectStuck(thresholdMs)) throw noTrack(guildId);
    this.remember(
      { id: "manual", type: "track-stuck", effect: `track stuck, event in ${thresholdMs}ms` },
      "ws",
      "downstream",
      sessionId,
      `track ${guildId}`,
    );
  }

  /** @internal Drops everything in flight or scheduled (called when the node stops or is killed). */
  halt(): void {
    this.frames.halt();
    this.replies.halt();
  }

  // ---- FaultHook ----

  /** @internal */
  get engaged(): boolean {
    return this.armed.length > 0 || this.frames.busy || this.replies.busy;
  }

  /** @internal */
  outgoingFrame(frame: OutgoingFrame, record: (sent: string, marks?: FaultMark[]) => void): void {
    const { ws, owner } = frame;
    const ended = this.frames.peek(ws)?.ended;
    if (ended !== undefined) {
      record(frame.text, [{ ...ended, effect: `discarded (connection ${ended.effect})` }]);
      return;
    }
    const unit: TrafficUnit = {
      channel: "ws",
      direction: "downstream",
      sessionId: owner.id,
      op: frame.op,
      eventType: frame.type,
      bytes: Buffer.byteLength(frame.text),
      text: frame.text,
    };
    const plan = this.plan(unit, false, `${frame.op}${frame.type === undefined ? "" : ` ${frame.type}`}`);
    const text = plan.slowNode === undefined ? frame.text : slowNodeStats(frame.text, plan.slowNode);
    record(text, plan.marks);
    if (plan.terminal !== undefined) {
      this.endConnection(ws, plan);
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

  /** @internal */
  incomingFrame(
    frame: { owner: { id: string }; ws: WebSocket; body: string },
    record: (marks?: FaultMark[]) => void,
  ): void {
    const unit: TrafficUnit = {
      channel: "ws",
      direction: "upstream",
      sessionId: frame.owner.id,
      op: "message",
      bytes: Buffer.byteLength(frame.body),
    };
    const plan = this.plan(unit, false, "client message");
    record(plan.marks);
    // Lavalink v4 ignores client frames, so only faults that end the connection are observable.
    if (plan.terminal !== undefined) this.endConnection(frame.ws, plan);
  }

  /** @internal */
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
      bytes: Buffer.byteLength(request.body),
    };
    const plan = this.plan(unit, true, `${method} ${path}`);
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
    this.replies.later(plan.delay, () => {
      if (!res.destroyed) handle();
    });
  }

  /** @internal */
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
      bytes: reply.body === undefined ? 0 : Buffer.byteLength(reply.body),
    };
    const plan = this.plan(unit, true, `${reply.method} ${reply.path}`);
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
    this.replies.enqueue(res, plan.delay, () => write(sent));
  }

  // ---- internals ----

  private plan(unit: TrafficUnit, rest: boolean, target: string): FaultPlan {
    const plan = decide(this.armed, unit, rest);
    for (const mark of plan.marks) this.remember(mark, unit.channel, unit.direction, unit.sessionId, target);
    return plan;
  }

  private remember(
    mark: FaultMark,
    channel: "ws" | "rest",
    direction: "upstream" | "downstream",
    sessionId: string | undefined,
    target: string,
  ): void {
    if (this.kept.length >= DECISIONS_KEPT) this.kept.shift();
    this.kept.push({
      ...mark,
      at: this.host.clock.now(),
      channel,
      direction,
      ...(sessionId === undefined ? {} : { sessionId }),
      target,
    });
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

function exceptionOf(spec: {
  message?: string;
  severity?: ExceptionSeverity;
  cause?: string;
}): LavalinkException {
  const message = spec.message ?? "Something broke when playing the track.";
  return {
    message,
    severity: spec.severity ?? "fault",
    cause: spec.cause ?? `java.lang.RuntimeException: ${message}`,
  };
}

function noTrack(guildId: string): FaultError {
  return new FaultError(
    "FAULT_NO_TRACK",
    `the player of guild ${guildId} has no track; start one (PATCH with a track) before injecting a track fault`,
  );
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
