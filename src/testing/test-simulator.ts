import type { VirtualClock } from "../base/clock/index.js";
import { ProtocolSimulator, type ProtocolSimulatorOptions } from "../simulator/index.js";

/** The node password of {@link createTestEnvironment} and {@link startTestSimulator} unless one is given. */
export const TEST_PASSWORD = "sonora-test";

/** A simulator whose clock is virtual: `sim.clock.advance(ms)` moves its time. */
export type VirtualSimulator = ProtocolSimulator<ProtocolSimulatorOptions & { clock: "virtual" }>;

/** Options of {@link startTestSimulator}: the simulator's own, on a free loopback port. */
export interface TestSimulatorOptions extends Omit<ProtocolSimulatorOptions, "port" | "clock"> {
  /** A virtual clock to share (with a client, or other simulators); default a fresh one. */
  clock?: VirtualClock;
}

/**
 * Starts a {@link ProtocolSimulator} for a test: on a free port of 127.0.0.1, on a virtual clock,
 * password {@link TEST_PASSWORD} and seed 0 unless given. For tests that talk to a node without a
 * SonoraClient (another Lavalink client, raw WebSocket frames); `createTestEnvironment` wires a
 * client too. Stop it when done (the runner adapters do: `testSimulator`, `withSimulator`).
 *
 * ```ts
 * const sim = await startTestSimulator({ statsInterval: 10_000 });
 * const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/v4/websocket`, { headers: { Authorization: TEST_PASSWORD, … } });
 * ```
 */
export async function startTestSimulator(options: TestSimulatorOptions = {}): Promise<VirtualSimulator> {
  const simulator = new ProtocolSimulator({
    password: TEST_PASSWORD,
    seed: 0,
    ...options,
    port: 0,
    clock: options.clock ?? "virtual",
  }) as VirtualSimulator;
  await simulator.start();
  return simulator;
}
