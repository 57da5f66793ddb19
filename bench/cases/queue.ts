/**
 * Queue operations at 100,000 tracks, side by side with lavalink-client's Queue doing the same work
 * (constructed standalone with its own QueueSaver and default in-memory store, as its manager does).
 * lavalink-client saves the whole queue on every mutation, which makes each single add/shift O(n);
 * the one-by-one cases therefore work on a queue that already holds 100,000 tracks and apply a few
 * hundred mutations per call, so both sides do identical work in bounded time.
 */
import { Queue as LLQueue, ManagerUtils, QueueSaver } from "lavalink-client";
import { Deque } from "../../src/client/queue/deque.js";
import { Queue } from "../../src/client/queue/index.js";
import type { QueueItem } from "../../src/client/queue/item.js";
import { Track } from "../../src/client/track.js";
import { encodeTrack, type TrackInfo } from "../../src/protocol/index.js";
import type { BenchCase } from "../harness.js";

const N = 100_000;
const STEPS = 200;

function info(i: number): TrackInfo {
  return {
    identifier: `vid${i.toString(36).padStart(9, "0")}`,
    isSeekable: true,
    author: `Artist ${i % 997}`,
    length: 120_000 + (i % 180) * 1000,
    isStream: false,
    position: 0,
    title: `Song number ${i} (Official Video)`,
    uri: `https://www.youtube.com/watch?v=vid${i.toString(36).padStart(9, "0")}`,
    artworkUrl: null,
    isrc: null,
    sourceName: "youtube",
  };
}

type LLTrack = LLQueue["tracks"][number];

const llUtils = new ManagerUtils();

/** lavalink-client's own Track, built by its own builder (`ManagerUtils.buildTrack`) from the Lavalink track. */
function llTrack(t: Track): LLTrack {
  return llUtils.buildTrack(
    { encoded: t.encoded, info: t.info, pluginInfo: {}, userData: {} } as never,
    undefined,
  ) as LLTrack;
}

/** The cases this module provides, known without building anything. */
export const names = [
  "queue/add-one-at-100k",
  "queue/add-batch-100k",
  "queue/shuffle-100k",
  "queue/remove-middle-100k",
  "queue/shift-at-100k",
] as const;

/** Builds the 100,000-track queues (only when one of `names` is selected). */
export async function cases(): Promise<BenchCase[]> {
  const encoded = Array.from({ length: N }, (_, i) => encodeTrack(info(i)));
  const tracks = encoded.map((e) => Track.from(e));
  const llTracks = tracks.map(llTrack);
  const llQueue = (): LLQueue => new LLQueue("1", {}, new QueueSaver({ maxPreviousTracks: 25 }));

  function sonoraFull(): Queue<Track> {
    const q = new Queue<Track>({ maxSize: Number.POSITIVE_INFINITY });
    q.addSync(tracks);
    return q;
  }
  function llFull(): LLQueue {
    const q = llQueue();
    q.tracks.push(...llTracks);
    return q;
  }

  /** Heap bytes per queued track beyond its encoded string (which both libraries keep as is). */
  function bytesPerTrack(build: () => unknown): number {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const kept = build();
    gc?.();
    const after = process.memoryUsage().heapUsed;
    if (kept === null) return 0;
    return Math.round((after - before) / N);
  }

  const sonoraBytes = bytesPerTrack(() => {
    const q = new Queue<Track>({ maxSize: Number.POSITIVE_INFINITY });
    q.addSync(encoded.map((e) => Track.from(e)));
    return q;
  });
  const llBytes = bytesPerTrack(() => {
    const q = llQueue();
    q.tracks.push(...encoded.map((e) => llTrack(Track.from(e))));
    return q;
  });
  console.log(
    `queue memory: sonora ${sonoraBytes} B/track, lavalink-client ${llBytes} B/track beyond the encoded string ` +
      `(decoded info included${(globalThis as { gc?: unknown }).gc === undefined ? "; run without --expose-gc: unsteady" : "; measured after full collections"})`,
  );

  /**
   * lavalink-client's mutations are async and keep a full copy of the queue alive until their promise
   * settles; the harness calls functions synchronously, so thousands of unsettled removes would exhaust
   * the heap. Its remove/shift are therefore timed here, awaiting each call, at the same queue size.
   */
  async function llAwaited(op: (q: LLQueue, i: number) => Promise<unknown>): Promise<number> {
    const q = llFull();
    const start = process.hrtime.bigint();
    for (let i = 0; i < STEPS; i++) {
      await op(q, i);
      q.tracks.push(llTracks[i] as LLTrack);
    }
    return Number(process.hrtime.bigint() - start) / 1e3 / STEPS;
  }
  const llRemoveUs = await llAwaited((q) => q.remove(N >> 1));
  const llShiftUs = await llAwaited((q) => q.splice(0, 1));
  console.log(
    `lavalink-client at ${N} tracks, awaited: remove(middle) ${llRemoveUs.toFixed(1)} µs/op, ` +
      `splice(0, 1) ${llShiftUs.toFixed(1)} µs/op (compare with the sonora rows below)`,
  );

  /**
   * The removal case's own queue and floor array, holding the same tracks in the same (allocation)
   * order, both in the old generation like a long-lived queue's. Each slot a splice moves costs a
   * check of the track it points to (V8's write barrier for the moved range), so the order of the
   * tracks in memory decides the floor: on this machine a shuffled array splices about 1.7× slower
   * than one in allocation order, and a young one several times faster. Sharing `sq` (shuffled by
   * the shuffle case) against an unshuffled floor made the old ratio ~1.8-2.0×; with the same order
   * on both sides the ratio is the queue's own overhead.
   */
  const rq = new Queue<Track>({ maxSize: Number.POSITIVE_INFINITY });
  rq.addSync(tracks);
  const rPlain = tracks.slice();
  const rDeque = new Deque<Track>();
  rDeque.pushAll(tracks);
  (globalThis as { gc?: () => void }).gc?.();

  /** Lavalink's own track objects (as a REST load result parses them), not the client's Track. */
  const plainTracks: QueueItem[] = tracks.map((t) => ({ encoded: t.encoded, info: t.info }));
  const plain = tracks.slice();
  const sq = sonoraFull();
  const lq = llFull();
  const extra = tracks.slice(0, STEPS);
  const llExtra = llTracks.slice(0, STEPS);

  return [
    {
      name: "queue/add-one-at-100k",
      description: `${STEPS} single adds onto a queue of ${N} tracks, each awaited (then trimmed back)`,
      unit: "adds",
      itemsPerCall: STEPS,
      async: true,
      subject: {
        name: "sonora Queue.add",
        fn: async () => {
          for (const t of extra) await sq.add(t);
          while (sq.size > N) await sq.remove(sq.size - 1);
          return sq.size;
        },
      },
      peers: [
        {
          name: "lavalink-client Queue.add",
          fn: async () => {
            for (const t of llExtra) await lq.add(t);
            lq.tracks.length = N;
            return lq.tracks.length;
          },
        },
      ],
    },
    {
      name: "queue/add-batch-100k",
      // lavalink-client's batch add is one Array#push of the array (it saves the queue once per call),
      // so both sides are bound by copying 100,000 references plus a check per track. The tracks are
      // the client's Track objects (what load results give): their constructor checked their fields,
      // so the queue's check is one read of that record plus the length it sums for `duration`.
      // Plain track objects get the full check (their strings and info read): the second sonora row.
      description: `one awaited add of ${N} tracks to an empty queue (floor: copy the array + typeof check per track)`,
      unit: "tracks",
      itemsPerCall: N,
      async: true,
      goal: { maxRatio: 2 },
      subject: {
        name: "sonora Queue.add([…])",
        fn: async () => {
          const q = new Queue<Track>({ maxSize: Number.POSITIVE_INFINITY });
          return await q.add(tracks);
        },
      },
      floor: {
        name: "slice + typeof encoded",
        fn: async () => {
          const copy = tracks.slice();
          for (let i = 0; i < copy.length; i++) {
            if (typeof copy[i]!.encoded !== "string") throw new Error("not a track");
          }
          return copy.length;
        },
      },
      peers: [
        {
          name: "sonora Queue.add([…]) of plain track objects",
          fn: async () => {
            const q = new Queue<QueueItem>({ maxSize: Number.POSITIVE_INFINITY });
            return await q.add(plainTracks);
          },
        },
        {
          name: "lavalink-client Queue.add([…])",
          fn: async () => {
            const q = llQueue();
            await q.add(llTracks);
            return q.tracks.length;
          },
        },
      ],
    },
    {
      name: "queue/shuffle-100k",
      description: `shuffle a queue of ${N} tracks, awaited`,
      unit: "tracks",
      itemsPerCall: N,
      async: true,
      subject: {
        name: "sonora Queue.shuffle",
        fn: async () => {
          await sq.shuffle();
          return sq.size;
        },
      },
      peers: [{ name: "lavalink-client Queue.shuffle", fn: async () => await lq.shuffle() }],
    },
    {
      name: "queue/remove-middle-100k",
      // The public call, awaited as a bot awaits it; it emits no event and writes no store here (no
      // store configured), so besides the deque's move it only updates the duration and a version.
      // The deque row is the structure beneath, for comparison.
      description: `remove the middle track of ${N} and put one back at the end, ${STEPS} times, each remove awaited (floor: Array#splice + push on a plain array of the same tracks in the same order)`,
      unit: "removes",
      itemsPerCall: STEPS,
      async: true,
      goal: { maxRatio: 1.2 },
      subject: {
        name: "sonora Queue.remove(index)",
        fn: async () => {
          for (let i = 0; i < STEPS; i++) {
            await rq.remove(N >> 1);
            rq.addSync(extra[i] as Track);
          }
          return rq.size;
        },
      },
      floor: {
        name: "Array#splice + push",
        fn: async () => {
          for (let i = 0; i < STEPS; i++) {
            rPlain.splice(N >> 1, 1);
            rPlain.push(extra[i] as Track);
          }
          return rPlain.length;
        },
      },
      peers: [
        {
          name: "sonora Deque.removeAt + push (beneath Queue.remove)",
          fn: async () => {
            for (let i = 0; i < STEPS; i++) {
              rDeque.removeAt(N >> 1);
              rDeque.push(extra[i] as Track);
            }
            return rDeque.length;
          },
        },
      ],
    },
    {
      name: "queue/shift-at-100k",
      description: `take ${STEPS} tracks off the front of a ${N}-track queue, refilled at the end (floor: Array#shift)`,
      unit: "shifts",
      itemsPerCall: STEPS,
      subject: {
        name: "sonora Queue.next",
        fn: () => {
          for (let i = 0; i < STEPS; i++) sq.next();
          sq.addSync(extra);
          return sq.size;
        },
      },
      floor: {
        name: "Array#shift + push",
        fn: () => {
          for (let i = 0; i < STEPS; i++) plain.shift();
          plain.push(...extra);
          return plain.length;
        },
      },
    },
  ];
}
