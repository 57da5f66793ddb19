import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { UpdateSchedule } from "../../src/simulator/update-schedule.js";

// On the real clock the simulator lets updates due within 10 ms share one wakeup; each player's
// phase (its due times) must stay exact, only the moment of sending may be up to a batch late.
describe("UpdateSchedule with a batch", () => {
  async function firings(batch: number): Promise<Record<string, number[]>> {
    const clock = new VirtualClock(0);
    const fired: Record<string, number[]> = { a: [], b: [], c: [] };
    const schedule = new UpdateSchedule<string>(
      clock,
      1_000,
      (p) => {
        fired[p]!.push(clock.now());
        return true;
      },
      batch,
    );
    schedule.start("a"); // due 1000, 2000, …
    await clock.advance(3);
    schedule.start("b"); // due 1003, 2003, …
    await clock.advance(9);
    schedule.start("c"); // due 1012, 2012, …
    await clock.advance(3_010); // to 3022
    schedule.stop();
    return fired;
  }

  it("without one, sends each update at its due time", async () => {
    expect(await firings(0)).toEqual({
      a: [1_000, 2_000, 3_000],
      b: [1_003, 2_003, 3_003],
      c: [1_012, 2_012, 3_012],
    });
  });

  it("with 10 ms, wakes at most once per 10 ms and keeps every phase (no drift, no update lost)", async () => {
    expect(await firings(10)).toEqual({
      a: [1_000, 2_000, 3_000],
      b: [1_010, 2_010, 3_010],
      c: [1_020, 2_020, 3_020],
    });
  });
});
