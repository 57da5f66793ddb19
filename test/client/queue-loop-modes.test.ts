import { describe, expect, it } from "vitest";
import { Queue } from "../../src/client/queue/index.js";
import { makeTrack, type TestTrack } from "./helpers/tracks.js";

async function filled(n: number, options = {}): Promise<{ q: Queue<TestTrack>; t: TestTrack[] }> {
  const q = new Queue<TestTrack>(options);
  const t = Array.from({ length: n }, () => makeTrack());
  await q.add(t);
  return { q, t };
}

describe("Queue.next honours loop modes", () => {
  it("off: advances, records history (most recent first), ends with null", async () => {
    const { q, t } = await filled(3);
    expect(q.next()).toBe(t[0]);
    expect(q.next()).toBe(t[1]);
    expect(q.next()).toBe(t[2]);
    expect(q.history).toEqual([t[1], t[0]]);
    expect(q.next()).toBeNull();
    expect(q.current).toBeNull();
    expect(q.history).toEqual([t[2], t[1], t[0]]);
  });

  it("track: repeats the current track on a natural end, moves on when skipped", async () => {
    const { q, t } = await filled(2);
    q.setLoop("track");
    expect(q.next()).toBe(t[0]); // nothing current yet: takes the first
    expect(q.next()).toBe(t[0]);
    expect(q.next()).toBe(t[0]);
    expect(q.size).toBe(1);
    expect(q.next({ skip: true })).toBe(t[1]);
  });

  it("queue: the finished track goes to the end, so the queue cycles forever", async () => {
    const { q, t } = await filled(3);
    q.loop = "queue";
    const played = Array.from({ length: 7 }, () => q.next());
    expect(played).toEqual([t[0], t[1], t[2], t[0], t[1], t[2], t[0]]);
    expect(q.size).toBe(2);
    // a single track in queue loop repeats
    const single = await filled(1);
    single.q.loop = "queue";
    expect([single.q.next(), single.q.next(), single.q.next()]).toEqual([
      single.t[0],
      single.t[0],
      single.t[0],
    ]);
  });

  it("previous steps back and puts the current track in front", async () => {
    const { q, t } = await filled(3);
    q.next();
    q.next();
    expect(q.previous()).toBe(t[0]);
    expect(q.current).toBe(t[0]);
    expect(q.upcoming).toEqual([t[1], t[2]]);
    expect(q.previous()).toBeNull();
    expect(q.current).toBe(t[0]);
  });

  it("previous in queue loop does not duplicate the re-queued track", async () => {
    const { q, t } = await filled(3);
    q.loop = "queue";
    q.next();
    q.next(); // t0 re-appended at the end
    expect(q.previous()).toBe(t[0]);
    expect(q.upcoming).toEqual([t[1], t[2]]);
  });

  it("history is bounded by historySize and can be shrunk", async () => {
    const { q } = await filled(30, { historySize: 5 });
    for (let i = 0; i < 20; i++) q.next();
    expect(q.history.length).toBe(5);
    q.historySize = 2;
    expect(q.history.length).toBe(2);
    const none = await filled(3, { historySize: 0 });
    none.q.next();
    none.q.next();
    expect(none.q.history).toEqual([]);
  });

  it("setCurrent moves the replaced track into history", async () => {
    const { q, t } = await filled(1);
    const other = makeTrack();
    q.next();
    expect(q.setCurrent(other)).toBe(t[0]);
    expect(q.current).toBe(other);
    expect(q.history[0]).toBe(t[0]);
  });
});
