import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { Scheduler } from "../../src/simulator/scheduler.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

describe("cancelled timers leave the scheduler instead of waiting for their due time", () => {
  it("20,000 replace cycles (schedule far ahead, cancel, schedule again) keep the heap small", () => {
    const clock = new VirtualClock();
    const scheduler = new Scheduler(clock);
    let task = scheduler.at(clock.now() + 180_000, () => undefined);
    for (let i = 0; i < 20_000; i++) {
      scheduler.cancel(task);
      task = scheduler.at(clock.now() + 180_000 + i, () => undefined);
    }
    expect(scheduler.size).toBe(1);
    // Compaction runs once cancelled entries are more than half: never above 2 × 64 here.
    expect(scheduler.heapSize).toBeLessThan(130);
    scheduler.stop();
  });

  it("still fires live tasks in due order after compactions", async () => {
    const clock = new VirtualClock();
    const scheduler = new Scheduler(clock);
    const fired: number[] = [];
    const tasks = Array.from({ length: 500 }, (_, i) =>
      scheduler.at(clock.now() + 1000 - i, () => fired.push(i)),
    );
    for (const [i, t] of tasks.entries()) if (i % 5 !== 0) scheduler.cancel(t);
    expect(scheduler.heapSize).toBeLessThan(250);
    await clock.advance(1000);
    const expected = tasks.map((_, i) => i).filter((i) => i % 5 === 0);
    expect(fired).toEqual(expected.reverse());
    expect(scheduler.heapSize).toBe(0);
  });

  it("a cancel after the task ran, or twice, changes nothing", async () => {
    const clock = new VirtualClock();
    const scheduler = new Scheduler(clock);
    let runs = 0;
    const task = scheduler.at(clock.now() + 10, () => runs++);
    await clock.advance(10);
    scheduler.cancel(task);
    scheduler.cancel(task);
    const next = scheduler.at(clock.now() + 10, () => runs++);
    scheduler.cancel(next);
    scheduler.cancel(next);
    await clock.advance(10);
    expect(runs).toBe(1);
    expect(scheduler.size).toBe(0);
  });
});

describe("over real sockets", () => {
  it("replacing a track 300 times keeps the simulator's scheduler small", async () => {
    const sim = await testSimulator({ log: false });
    const client = await TestClient.connect(sim);
    const { encoded } = await loadOne(sim);
    const path = `/v4/sessions/${client.sessionId}/players/1`;
    // Without compaction every replacement would leave its cancelled end milestone behind.
    for (let i = 0; i < 300; i++) {
      const res = await rest(sim, "PATCH", path, { track: { encoded } });
      expect(res.status).toBe(200);
    }
    const scheduler = (sim as unknown as { scheduler: Scheduler }).scheduler;
    expect(scheduler.size).toBe(1);
    expect(scheduler.heapSize).toBeLessThan(130);
    client.ws.close();
  });
});
