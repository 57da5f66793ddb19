// Transitional: the client tests written in parallel with the move onto the kit (probing, flapping,
// resume-window commands, reconciliation) still use these helpers; they move to sonora/testing next.
import { onTestFinished } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import type { ClientOptions, NodeOptions } from "../../src/client/index.js";
import { SonoraClient } from "../../src/client/index.js";
import { ProtocolSimulator, type ProtocolSimulatorOptions } from "../../src/testing/index.js";
/** Lets real socket I/O happen (a poll between clock steps, not a timing assumption). */
export const io = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));

/**
 * Advances a virtual clock in steps until `promise` settles, letting real I/O through between
 * steps, so code waiting on both sockets and virtual timers makes progress.
 */
export async function drive<T>(
  clock: VirtualClock,
  promise: Promise<T>,
  stepMs = 100,
  maxSteps = 2_000,
): Promise<T> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let i = 0; i < maxSteps && !done; i++) {
    await io();
    if (!done) await clock.advance(stepMs);
  }
  return promise;
}

/** Waits (polling real I/O, without moving the clock) until `check` holds. */
export async function until(check: () => boolean, what: string, maxPolls = 2_500): Promise<void> {
  for (let i = 0; i < maxPolls; i++) {
    if (check()) return;
    await io();
  }
  throw new Error(`timed out waiting until ${what}`);
}

/**
 * The catalog identifier of a plain test track (docs/catalog.md, special identifiers): the label makes
 * it distinct, the length is fixed so tests that play a track to its end know how long that takes.
 * The loaded track's `info.identifier` is this same string.
 */
export function song(label: string, lengthMs = 180_000): string {
  return `sonora:track:${lengthMs}#${label}`;
}

export const PASSWORD = "test-password";
export const GUILD = "817327181659111454";
export const BOT = "159985870458322944";

/** Starts a simulator on port 0 sharing `clock`. */
export async function startSim(clock: VirtualClock, options: ProtocolSimulatorOptions = {}) {
  const sim = new ProtocolSimulator({ port: 0, password: PASSWORD, seed: 7, clock, ...options });
  await sim.start();
  return sim;
}

/** Node options pointing at a simulator. */
export function nodeFor(sim: { port: number }, name: string, extra: Partial<NodeOptions> = {}): NodeOptions {
  return { host: "127.0.0.1", port: sim.port, password: PASSWORD, name, ...extra };
}

/** {@link startSim}, stopped when the current test ends (pass or fail). */
export async function simForTest(clock: VirtualClock, options: ProtocolSimulatorOptions = {}) {
  const sim = new ProtocolSimulator({ port: 0, password: PASSWORD, seed: 7, clock, ...options });
  onTestFinished(async () => {
    if (sim.running) await sim.stop();
  });
  await sim.start();
  return sim;
}

/** {@link makeClient}, closed when the current test ends (pass or fail). */
export function clientForTest(nodes: NodeOptions[], clock: VirtualClock, options: ClientOptions = {}) {
  const client = makeClient(nodes, clock, options);
  onTestFinished(() => client.close());
  return client;
}

/** A client on the shared clock with deterministic, jitter-free reconnects. */
export function makeClient(nodes: NodeOptions[], clock: VirtualClock, options: ClientOptions = {}) {
  return new SonoraClient(nodes, {
    clock,
    userId: BOT,
    random: () => 0.5,
    reconnect: { maxRetries: 3, backoff: "fixed", baseDelay: 1_000, jitter: false },
    ...options,
  });
}

/** At least two simulators, as destructuring `[a, b]` expects. */
export type SimPair = [ProtocolSimulator, ProtocolSimulator, ...ProtocolSimulator[]];

/**
 * `count` simulators (seeds 1…count, nodes named "a", "b", …) on one virtual clock and a started
 * client over them, all closed when the test ends, pass or fail. `nodes[i]` overrides node i's options.
 */
export async function startNodes(
  count: number,
  options: { nodes?: Partial<NodeOptions>[]; client?: ClientOptions } = {},
): Promise<{ clock: VirtualClock; sims: SimPair; client: SonoraClient }> {
  const clock = new VirtualClock();
  const sims: ProtocolSimulator[] = [];
  for (let i = 0; i < count; i++) sims.push(await simForTest(clock, { seed: i + 1 }));
  const names = "abcdefghij";
  const nodes = sims.map((sim, i) => nodeFor(sim, names[i]!, options.nodes?.[i] ?? {}));
  const client = clientForTest(nodes, clock, options.client);
  await client.start();
  return { clock, sims: sims as SimPair, client };
}

/**
 * One simulator on a virtual clock and a started client with one node named "main", both closed
 * when the test ends, pass or fail.
 */
export async function startNode(
  options: { client?: ClientOptions } = {},
): Promise<{ clock: VirtualClock; sim: ProtocolSimulator; client: SonoraClient }> {
  const clock = new VirtualClock();
  const sim = await simForTest(clock);
  const client = clientForTest([nodeFor(sim, "main")], clock, options.client);
  await client.start();
  return { clock, sim, client };
}
