import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SeededRandom } from "../../src/base/random.js";
import {
  defaultRandomSource,
  isRandomInput,
  type RandomSource,
  toRandomSource,
} from "../../src/base/random-source.js";
import {
  DEFAULT_RECONNECT,
  InvalidOptionError,
  resolveRetryPolicy,
  retryDelay,
  SonoraClient,
} from "../../src/client/index.js";
import { Queue, QueueOptionError, smartShuffle } from "../../src/client/queue/index.js";
import { waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { makeTrack, tracksByArtist } from "./helpers/tracks.js";

afterEach(() => vi.restoreAllMocks());

/** Every `.ts` file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

describe("one random abstraction: RandomSource, with a Math.random default in base", () => {
  it("toRandomSource keeps a source, wraps a function, and defaults to Math.random", () => {
    const seeded = new SeededRandom(3);
    expect(toRandomSource(seeded)).toBe(seeded);
    expect(toRandomSource(undefined)).toBe(defaultRandomSource);
    expect(toRandomSource(() => 0.25).next()).toBe(0.25);
    vi.spyOn(Math, "random").mockReturnValue(0.75);
    expect(defaultRandomSource.next()).toBe(0.75);
    expect(isRandomInput(seeded)).toBe(true);
    expect(isRandomInput(() => 0)).toBe(true);
    for (const bad of [undefined, null, 5, "x", {}, { next: 1 }]) expect(isRandomInput(bad)).toBe(false);
    expect(() => toRandomSource({} as RandomSource)).toThrow(TypeError);
  });

  it("the only Math.random call in src is the default source in base", () => {
    const callers = sourceFiles("src").filter((file) => /Math\.random\(/.test(readFileSync(file, "utf8")));
    expect(callers.map((f) => f.replaceAll("\\", "/"))).toEqual(["src/base/random-source.ts"]);
  });

  it("a SeededRandom and the same stream as a function shuffle a queue identically", async () => {
    const tracks = Array.from({ length: 30 }, (_, i) => makeTrack({ id: `t${i}` }));
    const bySource = new Queue({ random: new SeededRandom(11) });
    const stream = new SeededRandom(11);
    const byFunction = new Queue({ random: () => stream.next() });
    await bySource.add(tracks);
    await byFunction.add(tracks);
    await bySource.shuffle();
    await byFunction.shuffle();
    expect(bySource.upcoming).toEqual(byFunction.upcoming);
    expect(bySource.upcoming).not.toEqual(tracks);
  });

  it("smartShuffle and retryDelay take a RandomSource as they take a function", () => {
    const tracks = tracksByArtist({ a: 4, b: 3, c: 2 });
    const stream = new SeededRandom(5);
    expect(smartShuffle(tracks, { random: new SeededRandom(5) })).toEqual(
      smartShuffle(tracks, { random: () => stream.next() }),
    );
    const policy = resolveRetryPolicy(
      { jitter: 0.5, backoff: "fixed", baseDelay: 1_000 },
      DEFAULT_RECONNECT,
      "test",
    );
    expect(retryDelay(policy, 1, { next: () => 0.5 })).toBe(retryDelay(policy, 1, () => 0.5));
    expect(retryDelay(policy, 1, { next: () => 0.5 })).toBe(750);
  });

  it("the queue and the client refuse a random option that is neither, naming it", () => {
    expect(() => new Queue({ random: { next: 5 } as unknown as RandomSource })).toThrow(QueueOptionError);
    const node = { host: "127.0.0.1", port: 1, password: "x" };
    for (const bad of [{}, { next: "x" }, 5]) {
      let caught: unknown;
      try {
        new SonoraClient([node], { random: bad as unknown as RandomSource, offline: false });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidOptionError);
      expect((caught as InvalidOptionError).option).toBe("random");
    }
  });

  it("the client's reconnect jitter draws from an injected SeededRandom", async () => {
    const env = await sonoraEnv({ nodes: ["main"], connect: false });
    const { simulator: sim } = env;
    let draws = 0;
    const seeded = new SeededRandom(9);
    const counting: RandomSource = {
      next: () => {
        draws++;
        return seeded.next();
      },
    };
    const client = env.createClient({
      random: counting,
      offline: false,
      reconnect: { maxRetries: 3, backoff: "fixed", baseDelay: 1_000, jitter: 0.5 },
    });
    try {
      await client.start();
      const delays: number[] = [];
      client.on("nodeReconnecting", (_node, _attempt, delay) => delays.push(delay));
      const node = client.nodes.get("main")!;
      sim.dropConnection(node.sessionId!);
      await waitUntil(() => delays.length === 1, "the client schedules a reconnect");
      expect(draws).toBe(1);
      const expected = new SeededRandom(9).next();
      expect(delays[0]).toBe(Math.round(1_000 - expected * 0.5 * 1_000));
    } finally {
      await client.close();
    }
  });
});
