import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Deque } from "../../src/client/queue/deque.js";

type Op =
  | { op: "push" | "unshift"; v: number }
  | { op: "shift" | "pop" }
  | { op: "removeAt"; i: number }
  | { op: "insertAt"; i: number; v: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom("push" as const, "unshift" as const), v: fc.integer() }),
  fc.record({ op: fc.constantFrom("shift" as const, "pop" as const) }),
  fc.record({ op: fc.constant("removeAt" as const), i: fc.nat(100) }),
  fc.record({ op: fc.constant("insertAt" as const), i: fc.nat(100), v: fc.integer() }),
);

describe("Deque behaves like an array under any sequence of operations", () => {
  it("matches an Array model (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const d = new Deque<number>(1);
        const model: number[] = [];
        for (const o of ops) {
          switch (o.op) {
            case "push":
              d.push(o.v);
              model.push(o.v);
              break;
            case "unshift":
              d.unshift(o.v);
              model.unshift(o.v);
              break;
            case "shift":
              expect(d.shift()).toBe(model.shift());
              break;
            case "pop":
              expect(d.pop()).toBe(model.pop());
              break;
            case "removeAt":
              if (model.length > 0) {
                const i = o.i % model.length;
                expect(d.removeAt(i)).toBe(model.splice(i, 1)[0]);
              }
              break;
            case "insertAt": {
              const i = o.i % (model.length + 1);
              d.insertAt(i, o.v);
              model.splice(i, 0, o.v);
              break;
            }
          }
          expect(d.length).toBe(model.length);
        }
        expect(d.slice()).toEqual(model);
        expect([...d]).toEqual(model);
      }),
      { numRuns: 300, seed: 1234 },
    );
  });
});
