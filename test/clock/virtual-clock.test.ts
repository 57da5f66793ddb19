import { describe, expect, it } from "vitest";
import { ClockError, RealClock, VirtualClock } from "../../src/base/clock/index.js";

describe("VirtualClock", () => {
  it("fires timers in due order and only when advanced past them", async () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push("b@200"), 200);
    clock.setTimeout(() => fired.push("a@100"), 100);
    clock.setTimeout(() => fired.push("c@100"), 100);
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual(["a@100", "c@100"]);
    expect(clock.now()).toBe(100);
    await clock.advance(1_000);
    expect(fired).toEqual(["a@100", "c@100", "b@200"]);
    expect(clock.now()).toBe(1_100);
  });

  it("repeats intervals and stops them when cleared", async () => {
    const clock = new VirtualClock(0);
    let ticks = 0;
    const handle = clock.setInterval(() => ticks++, 1_000);
    await clock.advance(180_000);
    expect(ticks).toBe(180);
    clock.clearInterval(handle);
    await clock.advance(10_000);
    expect(ticks).toBe(180);
    expect(clock.pending).toBe(0);
  });

  it("sees the clock at the timer's due time inside its callback", async () => {
    const clock = new VirtualClock(5_000);
    let seen = -1;
    clock.setTimeout(() => {
      seen = clock.now();
    }, 250);
    await clock.advance(10_000);
    expect(seen).toBe(5_250);
  });

  it("serialises concurrent advances", async () => {
    const clock = new VirtualClock(0);
    await Promise.all([clock.advance(1_000), clock.advance(1_000)]);
    expect(clock.now()).toBe(2_000);
  });

  it("runs timers scheduled by other timers within the same advance", async () => {
    const clock = new VirtualClock(0);
    const order: number[] = [];
    clock.setTimeout(() => {
      order.push(clock.now());
      clock.setTimeout(() => order.push(clock.now()), 50);
    }, 50);
    await clock.advance(100);
    expect(order).toEqual([50, 100]);
  });

  it("refuses negative or non-finite delays with a typed error", () => {
    const clock = new VirtualClock(0);
    expect(() => clock.setTimeout(() => {}, -1)).toThrow(ClockError);
    expect(() => clock.advance(Number.NaN)).toThrow(ClockError);
  });

  it("runAll drains one-shot timers", async () => {
    const clock = new VirtualClock(0);
    let n = 0;
    clock.setTimeout(() => n++, 10);
    clock.setTimeout(() => n++, 5_000);
    await clock.runAll();
    expect(n).toBe(2);
    expect(clock.now()).toBe(5_000);
  });
});

describe("RealClock", () => {
  it("validates its time scale", () => {
    expect(() => new RealClock({ timeScale: 0 })).toThrow(ClockError);
    expect(new RealClock({ timeScale: 10 }).timeScale).toBe(10);
  });

  it("runs scaled time faster than wall time", async () => {
    const clock = new RealClock({ timeScale: 100 });
    const start = clock.now();
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 1_000));
    // 1000 virtual ms at 100x takes ~10 real ms; the clock must have moved by at least the delay.
    expect(clock.now() - start).toBeGreaterThanOrEqual(900);
  });
});
