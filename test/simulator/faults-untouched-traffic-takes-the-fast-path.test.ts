import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { VirtualClock } from "../../src/base/clock/index.js";
import { SeededRandom } from "../../src/base/random.js";
import { type ArmedFault, decide, type TrafficUnit } from "../../src/simulator/faults/decide.js";
import type { FaultSpec } from "../../src/simulator/faults/registry.js";
import { resolveFault } from "../../src/simulator/faults/resolve.js";
import { SimulatorLog } from "../../src/simulator/log.js";
import type { FaultHook } from "../../src/simulator/transport/fault-hook.js";
import { Transport } from "../../src/simulator/transport/transport.js";

/** A hook that is registered but idle: any call into it means the transport left its fast path. */
function idleHook(): FaultHook {
  const refuse = (): never => {
    throw new Error("the transport consulted fault injection although nothing is engaged");
  };
  return {
    engaged: false,
    outgoingFrame: refuse,
    incomingFrame: refuse,
    incomingRequest: refuse,
    outgoingReply: refuse,
  };
}

function fakeSocket(): { ws: WebSocket; sent: string[] } {
  const sent: string[] = [];
  const ws = { readyState: WebSocket.OPEN, send: (text: string) => sent.push(text) };
  return { ws: ws as unknown as WebSocket, sent };
}

function fakeResponse(): { res: ServerResponse; written: { status: number; body: string | undefined }[] } {
  const written: { status: number; body: string | undefined }[] = [];
  let status = 0;
  const res = {
    writableEnded: false,
    destroyed: false,
    writeHead: (code: number) => {
      status = code;
    },
    end: (body?: string) => written.push({ status, body }),
  };
  return { res: res as unknown as ServerResponse, written };
}

function armed(spec: FaultSpec, id: string, seed: number): ArmedFault {
  return { ...resolveFault(spec, id), random: new SeededRandom(seed), hits: { count: 0 } };
}

describe("traffic no fault acts on takes the fast path", () => {
  it("without an engaged fault, frames and REST answers are written and logged without calling the hook", () => {
    const clock = new VirtualClock();
    const log = new SimulatorLog();
    const transport = new Transport(clock, log, idleHook());
    const { ws, sent } = fakeSocket();
    const { res, written } = fakeResponse();
    const owner = { id: "session0000000001" };

    transport.sendFrame(owner, ws, '{"op":"stats"}', "stats");
    transport.receiveFrame(owner, ws, "{}");
    let handled = 0;
    const decision = transport.receiveRequest(res, {
      method: "GET",
      path: "/v4/info",
      headers: {},
      body: "",
    });
    if (!(decision instanceof Promise) && decision.kind === "route") handled++;
    transport.respond(res, { method: "GET", path: "/v4/info", status: 200, headers: {}, body: "{}" });

    expect(sent).toEqual(['{"op":"stats"}']);
    expect(handled).toBe(1);
    expect(written).toEqual([{ status: 200, body: "{}" }]);
    expect(log.entries().map((e) => [e.direction, e.kind, e.op ?? e.method])).toEqual([
      ["out", "ws", "stats"],
      ["in", "ws", "message"],
      ["in", "rest", "GET"],
      ["out", "rest", "GET"],
    ]);
    expect(log.entries().some((e) => "faults" in e)).toBe(false);
  });

  it("with faults registered that do not hit, every unit gets the same shared, frozen empty plan", () => {
    const faults = [
      armed({ type: "latency", latency: 50, toxicity: 0 }, "zero", 1),
      armed({ type: "rest-error", route: "DELETE /v4/sessions/*" }, "other-route", 2),
      armed({ type: "latency", latency: 5, toxicity: 0.5 }, "half", 3),
    ];
    const unit: TrafficUnit = { channel: "ws", direction: "downstream", op: "stats", payload: "{}" };
    const plans = Array.from({ length: 64 }, () => decide(faults, unit, false));
    const untouched = plans.filter((plan) => plan.marks.length === 0);
    const hit = plans.filter((plan) => plan.marks.length > 0);
    // Seed 3 at toxicity 0.5 over 64 frames both hits and misses (so both checks below bite).
    expect(untouched.length).toBeGreaterThan(0);
    expect(hit.length).toBeGreaterThan(0);
    expect(new Set(untouched).size).toBe(1);
    expect(Object.isFrozen(untouched[0]) && Object.isFrozen(untouched[0]?.marks)).toBe(true);
    expect(new Set(hit).size).toBe(hit.length);
    expect(hit.every((plan) => plan.delay === 5 && plan.marks[0]?.id === "half")).toBe(true);
  });

  it("bandwidth measures the payload in UTF-8 bytes, only when it hits", () => {
    const fault = armed({ type: "bandwidth", rate: 1000 }, "slow-link", 1);
    const unit: TrafficUnit = {
      channel: "ws",
      direction: "downstream",
      op: "event",
      payload: "é".repeat(500),
    };
    const plan = decide([fault], unit, false);
    expect(plan.delay).toBe(1000);
    expect(plan.marks).toEqual([
      { id: "slow-link", type: "bandwidth", effect: "delayed 1000ms (1000 bytes at 1000 B/s)" },
    ]);
  });
});
