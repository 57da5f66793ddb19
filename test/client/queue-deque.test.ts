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
          // (The items end where the array ends: only the slots before them are room.)
          const { buf, head } = d as unknown as { buf: unknown[]; head: number };
          expect(buf.length - head).toBe(size - 1);
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

describe("Deque removal moves only the cheaper side", () => {
  /** Counts how many slots a removeAt rewrites, by watching the array's writes. */
  function slotsMoved(size: number, index: number): { moved: number; viaSplice: boolean } {
    const d = new Deque<number>();
    d.pushAll(Array.from({ length: size }, (_, i) => i));
    const inner = d as unknown as { buf: number[] };
    let writes = 0;
    let spliced = 0;
    const target = inner.buf;
    inner.buf = new Proxy(target, {
      set(t, key, value) {
        if (typeof key === "string" && /^\d+$/.test(key)) writes++;
        return Reflect.set(t, key, value);
      },
      get(t, key) {
        if (key === "splice") {
          return (start: number, count: number) => {
            spliced = t.length - start - count;
            return t.splice(start, count);
          };
        }
        return Reflect.get(t, key);
      },
    });
    expect(d.removeAt(index)).toBe(index);
    return { moved: spliced > 0 ? spliced : writes, viaSplice: spliced > 0 };
  }

  it("moves the back side with splice near the back and in the middle, the front side in a loop near the front", () => {
    const size = 10_000;
    // In the middle both sides are ~5,000: splice's memmove is the cheaper way.
    expect(slotsMoved(size, 5_000)).toEqual({ moved: 4_999, viaSplice: true });
    expect(slotsMoved(size, 9_000)).toEqual({ moved: 999, viaSplice: true });
    // Near the front the few items before the hole move (plus the freed slot), never the 9,899 after it.
    const front = slotsMoved(size, 100);
    expect(front.viaSplice).toBe(false);
    expect(front.moved).toBeLessThanOrEqual(101);
  });
});

describe("Deque batch inserts larger than one call's arguments", () => {
  it("inserts 3,000 items at the back side and at the front side exactly", () => {
    const batch = Array.from({ length: 3_000 }, (_, i) => -i);
    for (const at of [0, 10, 1_990, 2_000]) {
      const d = new Deque<number>();
      const model = Array.from({ length: 2_000 }, (_, i) => i);
      d.pushAll(model);
      d.shift();
      model.shift();
      d.insertAll(at, batch);
      model.splice(at, 0, ...batch);
      expect(d.slice()).toEqual(model);
      d.unshift(7);
      d.push(8);
      expect(d.slice()).toEqual([7, ...model, 8]);
    }
  });
});
