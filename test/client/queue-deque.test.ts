import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Deque } from "../../src/client/queue/deque.js";

type Op =
  | { op: "push" | "unshift"; v: number }
  | { op: "shift" | "pop" }
  | { op: "removeAt"; i: number }
  | { op: "insertAt"; i: number; v: number }
  | { op: "insertAll"; i: number; vs: number[] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom("push" as const, "unshift" as const), v: fc.integer() }),
  fc.record({ op: fc.constantFrom("shift" as const, "pop" as const) }),
  fc.record({ op: fc.constant("removeAt" as const), i: fc.nat(100) }),
  fc.record({ op: fc.constant("insertAt" as const), i: fc.nat(100), v: fc.integer() }),
  fc.record({
    op: fc.constant("insertAll" as const),
    i: fc.nat(100),
    vs: fc.array(fc.integer(), { maxLength: 40 }),
  }),
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
            case "insertAll": {
              const i = o.i % (model.length + 1);
              d.insertAll(i, o.vs);
              model.splice(i, 0, ...o.vs);
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

  it("insertAll and removeAt are right on a wrapped buffer, at every index and batch size", () => {
    for (let headOffset = 0; headOffset < 16; headOffset += 5) {
      for (let size = 0; size <= 12; size++) {
        for (let at = 0; at <= size; at++) {
          for (const k of [0, 1, 3, 9]) {
            const d = new Deque<number>(16);
            // Rotate the head so the content wraps around the end of the buffer.
            for (let i = 0; i < headOffset; i++) d.push(-1);
            for (let i = 0; i < headOffset; i++) d.shift();
            const model = Array.from({ length: size }, (_, i) => i);
            d.pushAll(model);
            const batch = Array.from({ length: k }, (_, i) => 100 + i);
            d.insertAll(at, batch);
            model.splice(at, 0, ...batch);
            expect(d.slice()).toEqual(model);
            if (model.length > 0) {
              const r = (at * 7) % model.length;
              expect(d.removeAt(r)).toBe(model.splice(r, 1)[0]);
              expect(d.slice()).toEqual(model);
            }
          }
        }
      }
    }
  });

  it("removeAt shifts long sides (the splice path) right, wrapped or not, at every index", () => {
    for (const headOffset of [0, 40, 100, 200, 255]) {
      for (const size of [130, 200, 256]) {
        for (let index = 0; index < size; index += 3) {
          const d = new Deque<number>(256);
          for (let i = 0; i < headOffset; i++) d.push(-1);
          for (let i = 0; i < headOffset; i++) d.shift();
          const model = Array.from({ length: size }, (_, i) => i);
          d.pushAll(model);
          expect(d.removeAt(index)).toBe(model.splice(index, 1)[0]);
          expect(d.slice()).toEqual(model);
          // The freed slot holds nothing, and pushes/unshifts still land where they should.
          const buf = (d as unknown as { buf: unknown[] }).buf;
          expect(buf).toHaveLength(256);
          expect(buf.filter((x) => x !== undefined)).toHaveLength(size - 1);
          d.push(1000);
          d.unshift(-1000);
          expect(d.slice()).toEqual([-1000, ...model, 1000]);
        }
      }
    }
  });

  it("removeAt leaves no reference behind in the freed slot", () => {
    const d = new Deque<object>(16);
    const items = Array.from({ length: 10 }, () => ({}));
    d.pushAll(items);
    d.removeAt(2); // front side moves
    d.removeAt(6); // back side moves
    const buf = (d as unknown as { buf: (object | undefined)[] }).buf;
    expect(buf.filter((x) => x !== undefined)).toHaveLength(8);
  });
});
