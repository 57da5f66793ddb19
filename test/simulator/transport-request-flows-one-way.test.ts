import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { SimulatorLog } from "../../src/simulator/log.js";
import type { FaultHook, InboundDecision } from "../../src/simulator/transport/fault-hook.js";
import { Transport } from "../../src/simulator/transport/transport.js";
import type { IncomingRequest } from "../../src/simulator/transport/wire.js";

const REQUEST: IncomingRequest = {
  method: "PATCH",
  path: "/v4/sessions/s/players/1",
  headers: {},
  body: "{}",
};
const MARK = { id: "f", type: "latency", effect: "delayed 5ms" } as const;

/** A hook whose request verdict is `decision`; it notes when the transport carries a verdict out. */
function hook(
  decision: InboundDecision | Promise<InboundDecision>,
  log: SimulatorLog,
  seen: string[],
): FaultHook {
  const unused = (): never => {
    throw new Error("not part of this test");
  };
  return {
    engaged: true,
    outgoingFrame: unused,
    incomingFrame: unused,
    outgoingReply: unused,
    incomingRequest: (_res, request) => ({
      sent: request,
      marks: [MARK],
      carryOut: () => {
        seen.push(`carried out after ${log.size} log entry`);
        return decision;
      },
    }),
  };
}

describe("a REST request flows one way: the transport logs it, then hands back the faults' decision", () => {
  for (const decision of [
    { kind: "route" },
    { kind: "drop" },
    Promise.resolve<InboundDecision>({ kind: "route" }),
  ] as (InboundDecision | Promise<InboundDecision>)[]) {
    it(`returns ${decision instanceof Promise ? "a delayed" : decision.kind} decision to the caller`, async () => {
      const log = new SimulatorLog();
      const seen: string[] = [];
      const transport = new Transport(new VirtualClock(), log, hook(decision, log, seen));
      const returned = transport.receiveRequest({} as ServerResponse, REQUEST);
      expect(returned).toBe(decision);
      // Logged with the faults' marks before anything the verdict does.
      expect(seen).toEqual(["carried out after 1 log entry"]);
      expect(log.entries()).toMatchObject([
        { direction: "in", kind: "rest", method: "PATCH", faults: [MARK] },
      ]);
      if (decision instanceof Promise) expect(await returned).toEqual({ kind: "route" });
    });
  }
});
