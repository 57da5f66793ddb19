import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { TypedEmitter } from "../../src/client/index.js";
import {
  createTestEnvironment,
  type TestEnvironment,
  TestingError,
  WaitTimeoutError,
  waitForEvent,
} from "../../src/testing/index.js";

type Events = { ping: [n: number]; pong: [text: string]; other: [] };

let env: TestEnvironment | undefined;
afterEach(async () => {
  await env?.dispose();
  env = undefined;
});

describe("waitForEvent", () => {
  it("resolves with the arguments of the first emission passing the filter", async () => {
    const emitter = new TypedEmitter<Events>();
    const wait = waitForEvent(emitter, "ping", { filter: (n) => n > 2 });
    emitter.emit("ping", 1);
    emitter.emit("ping", 3);
    emitter.emit("ping", 4);
    expect(await wait).toEqual([3]);
  });

  it("times out with a WaitTimeoutError that lists the events that did arrive, and marks filtered ones", async () => {
    const clock = new VirtualClock();
    const emitter = new TypedEmitter<Events>();
    // Catch right away: the rejection happens inside clock.advance().
    const wait = waitForEvent(emitter, "ping", { filter: (n) => n > 100, timeoutMs: 1_000, clock }).catch(
      (e: unknown) => e,
    );
    emitter.emit("pong", "hello");
    emitter.emit("ping", 7);
    emitter.emit("other");
    await clock.advance(1_000);
    const error = await wait;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const timeout = error as WaitTimeoutError;
    expect(timeout.code).toBe("WAIT_TIMEOUT");
    expect(timeout.event).toBe("ping");
    expect(timeout.timeoutMs).toBe(1_000);
    expect(timeout.clock).toBe("virtual");
    expect(timeout.observed).toEqual([
      { event: "pong", summary: '"hello"', rejectedByFilter: false, count: 1 },
      { event: "ping", summary: "7", rejectedByFilter: true, count: 1 },
      { event: "other", summary: "", rejectedByFilter: false, count: 1 },
    ]);
    expect(timeout.message).toContain('waiting for "ping"');
    expect(timeout.message).toContain('pong("hello")');
    expect(timeout.message).toContain("ping(7)  [rejected by the filter]");
  });

  it("says so when nothing at all arrived, collapses runs of one event, keeps the last 50 entries", async () => {
    const clock = new VirtualClock();
    const emitter = new TypedEmitter<Events>();
    const silent = waitForEvent(emitter, "ping", { timeoutMs: 10, clock }).catch((e: unknown) => e);
    await clock.advance(10);
    expect(String(await silent)).toMatch(/no event at all arrived/);

    const runs = waitForEvent(emitter, "pong", { timeoutMs: 10, clock }).catch((e: unknown) => e);
    for (let i = 0; i < 5; i++) emitter.emit("ping", i);
    await clock.advance(10);
    const collapsed = (await runs) as WaitTimeoutError;
    expect(collapsed.observed).toEqual([{ event: "ping", summary: "4", rejectedByFilter: false, count: 5 }]);
    expect(collapsed.message).toContain("ping(4) ×5 (last shown)");

    const noisy = waitForEvent(emitter, "pong", { timeoutMs: 10, clock }).catch((e: unknown) => e);
    // Alternating names: nothing collapses.
    for (let i = 0; i < 30; i++) {
      emitter.emit("ping", i);
      emitter.emit("other");
    }
    await clock.advance(10);
    const error = (await noisy) as WaitTimeoutError;
    expect(error.observed).toHaveLength(50);
    expect(error.omitted).toBe(10);
    expect(error.observed[0]).toEqual({ event: "ping", summary: "5", rejectedByFilter: false, count: 1 });
    expect(error.message).toContain("… and 10 earlier event(s)");
  });

  it("observes without adding listeners and restores emit afterwards", async () => {
    const emitter = new TypedEmitter<Events>();
    const a = waitForEvent(emitter, "ping");
    const b = waitForEvent(emitter, "pong");
    expect(emitter.listenerCount("ping")).toBe(0);
    expect(Object.hasOwn(emitter, "emit")).toBe(true);
    emitter.emit("ping", 1);
    await a;
    expect(Object.hasOwn(emitter, "emit")).toBe(true); // b still waits
    emitter.emit("pong", "x");
    await b;
    expect(Object.hasOwn(emitter, "emit")).toBe(false);
  });

  it("works on Node's EventEmitter (the simulator), rejects when the filter throws or the signal aborts", async () => {
    const emitter = new EventEmitter<{ done: [value: string] }>();
    const wait = waitForEvent(emitter, "done");
    emitter.emit("done", "ok");
    expect(await wait).toEqual(["ok"]);

    const typed = new TypedEmitter<Events>();
    const broken = waitForEvent(typed, "ping", {
      filter: () => {
        throw new Error("bad filter");
      },
    });
    typed.emit("ping", 1);
    await expect(broken).rejects.toThrow("bad filter");

    const controller = new AbortController();
    const aborted = waitForEvent(typed, "ping", { signal: controller.signal });
    controller.abort(new Error("test over"));
    await expect(aborted).rejects.toThrow("test over");
    await expect(waitForEvent(typed, "ping", { timeoutMs: -1 })).rejects.toBeInstanceOf(TestingError);
  });

  it("on a client, the timeout message names players and tracks instead of dumping them", async () => {
    env = await createTestEnvironment({ seed: 3 });
    const player = await env.player();
    const track = (await env.client.load("sonora:track:120000#named")).tracks[0]!;
    // A filter that never matches: the wait must fail and show what did happen.
    const wait = env.advanceUntil("trackEnd", {
      filter: (_p, _t, reason) => reason === "stopped",
      maxMs: 400_000,
    });
    await player.play(track);
    const error = (await wait.catch((e: unknown) => e)) as WaitTimeoutError;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.clock).toBe("virtual");
    expect(error.message).toContain(
      `trackStart(Player ${player.guildId}, Track "${track.title}" (${track.identifier})`,
    );
    expect(error.message).toContain(
      `trackEnd(Player ${player.guildId}, Track "${track.title}" (${track.identifier}), "finished"`,
    );
    expect(error.message).toMatch(/trackEnd\(.*"finished".*\[rejected by the filter\]/);
    expect(error.message).toMatch(/nodeStats\(Node simulator \(ready\), .*\) ×\d+ \(last shown\)/);
    expect(error.message).not.toContain("raw(");
  });
});
