import type { ExceptionSeverity } from "../../protocol/index.js";
import type { FaultHook } from "../transport/fault-hook.js";
import type { ArmedFault } from "./decide.js";
import { DecisionLog } from "./decision-log.js";
import { FaultError } from "./errors.js";
import type { FaultHost } from "./host.js";
import { KNOB_IDS, type KnobOptions, knobFaults } from "./knobs.js";
import { exceptionOf, noTrack } from "./player-faults.js";
import type { FaultSpec } from "./registry.js";
import { resolveFault } from "./resolve.js";
import { FaultTraffic } from "./traffic.js";
import type { Fault, FaultChanges, FaultDecision, FaultKnobs, FaultMark } from "./types.js";

/** Options of the on-demand track and voice faults. */
export interface PlayerFaultOptions {
  /** The session holding the player (default: the first one that has this guild). */
  sessionId?: string;
}

/**
 * `sim.faults`: seeded, replayable network and node faults, modelled on toxiproxy's toxics. Add,
 * update and remove faults at run time; every decision comes from the simulator's seed (one stream
 * per fault id), lands in `sim.log` next to the traffic it hit and in {@link decisions}. The seed's
 * three knobs ({@link enable}) are faults like any other; `sim.enableFaultInjection` is a shortcut.
 */
export class FaultController {
  private armed: ArmedFault[] = [];
  private nextNumber = 1;
  private readonly decisionLog: DecisionLog;
  private readonly traffic: FaultTraffic;

  /** @internal the simulator creates its own; reach it as `sim.faults`. */
  constructor(private readonly host: FaultHost) {
    this.decisionLog = new DecisionLog(host.clock);
    this.traffic = new FaultTraffic(host, () => this.armed, this.decisionLog);
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
    this.armed.push({ ...resolved, random: this.host.random.fork(`fault:${faultId}`), hits: { count: 0 } });
    return resolved.fault;
  }

  /**
   * Changes a registered fault in place, as toxiproxy's UpdateToxic: its toxicity, its type's
   * attributes or the common ones (not its `id` or `type`). The changes are merged onto the spec
   * the fault was added with and validated like {@link add}; an attribute set to `undefined` goes
   * back to its default. The fault keeps its place in the order faults are applied and its random
   * stream, so decisions from this point on follow the new settings while the other faults' stay
   * as they were. Returns the fault with every default filled in.
   *
   * Throws {@link FaultError} `FAULT_UNKNOWN_ID` when no fault has that id, and `FAULT_INVALID`
   * when the result is not a valid fault (the fault then stays as it was).
   */
  update(fault: Fault | string, changes: FaultChanges): Fault {
    const id = typeof fault === "string" ? fault : fault.id;
    const index = this.armed.findIndex((a) => a.fault.id === id);
    const current = this.armed[index];
    if (current === undefined) {
      throw new FaultError(
        "FAULT_UNKNOWN_ID",
        `no fault has id ${JSON.stringify(id)}; sim.faults.list() shows the registered ones`,
      );
    }
    if (typeof changes !== "object" || changes === null) {
      throw new FaultError(
        "FAULT_INVALID",
        `fault ${JSON.stringify(id)}: expected an object of changes, got ${String(changes)}`,
      );
    }
    for (const key of ["id", "type"] as const) {
      const changed = (changes as Partial<Record<typeof key, unknown>>)[key];
      if (key in changes && changed !== current.fault[key]) {
        throw new FaultError(
          "FAULT_INVALID",
          `fault ${JSON.stringify(id)}: its ${key} cannot change (got ${JSON.stringify(changed)}); remove it and add another`,
        );
      }
    }
    const resolved = resolveFault({ ...current.spec, ...changes, id } as FaultSpec, id);
    // Its hits so far count against a new `times` too (raise it to let the fault act again).
    const updated: ArmedFault = { ...resolved, random: current.random, hits: current.hits };
    // A new array, as remove() makes: nothing holds on to a half-changed list.
    this.armed = this.armed.map((a, i) => (i === index ? updated : a));
    return updated.fault;
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
    return this.decisionLog.all;
  }

  /** Forgets the recorded decisions (faults stay registered). */
  clearDecisions(): void {
    this.decisionLog.clear();
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
    const mark: FaultMark = {
      id: "manual",
      type: "voice-close",
      effect: `voice closed ${close.code ?? 4006}`,
    };
    // Recorded first, so the decision log lists it before the faults acting on the frame it causes.
    this.decisionLog.remember(mark, "ws", "downstream", sessionId, `voice ${guildId}`);
    this.causeNow(sessionId, guildId, "WebSocketClosedEvent", mark, () =>
      this.host.closeVoice(sessionId, guildId, close),
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
    if (player.loaded === null) throw noTrack(guildId);
    const mark: FaultMark = { id: "manual", type: "track-exception", effect: "track exception" };
    this.decisionLog.remember(mark, "ws", "downstream", sessionId, `track ${guildId}`);
    this.causeNow(sessionId, guildId, "TrackExceptionEvent", mark, () =>
      player.injectException(exceptionOf(exception)),
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
    const track = player.loaded;
    if (track === null) throw noTrack(guildId);
    const mark: FaultMark = {
      id: "manual",
      type: "track-stuck",
      effect: `track stuck, event in ${thresholdMs}ms`,
    };
    // The TrackStuckEvent comes later, and only while this track is still the one loaded.
    this.traffic.caused.expect(sessionId, guildId, "TrackStuckEvent", mark, () => player.loaded === track);
    this.decisionLog.remember(mark, "ws", "downstream", sessionId, `track ${guildId}`);
    player.injectStuck(thresholdMs);
  }

  /** Runs `act`, whose `eventType` frame (sent synchronously) carries `mark` in the log. */
  private causeNow(
    sessionId: string,
    guildId: string,
    eventType: string,
    mark: FaultMark,
    act: () => void,
  ): void {
    this.traffic.caused.expect(sessionId, guildId, eventType, mark);
    try {
      act();
    } finally {
      // Not sent (a session waiting for its client queues frames elsewhere): nothing to mark later.
      this.traffic.caused.forget(mark);
    }
  }

  /** @internal Drops everything in flight or scheduled (called when the node stops or is killed). */
  halt(): void {
    this.traffic.halt();
  }

  /** @internal True while faults are registered or traffic they held back is still pending. */
  get engaged(): boolean {
    return this.traffic.engaged;
  }

  /** @internal What the simulator's transport asks before each frame and REST exchange. */
  get hook(): FaultHook {
    return this.traffic;
  }
}
