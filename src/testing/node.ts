/**
 * node:test adapter of Sonora's testing kit (`sonora/testing/node`). Only this module imports
 * `node:test`, so `sonora/testing` itself works under any runner. Everything else (the simulator, the
 * environment, `waitForEvent`, …) comes from `sonora/testing`.
 * @module
 */
import { after, afterEach, before, beforeEach, type TestContext } from "node:test";
import { createTestEnvironment, type TestEnvironment, type TestEnvironmentOptions } from "./environment.js";
import { startTestSimulator, type TestSimulatorOptions, type VirtualSimulator } from "./test-simulator.js";
import { type UseSonoraOptions, useSonoraWith } from "./use-sonora.js";

// ─── Environment & fixtures ──────────────────────────────────────────────────────────────────────

export type { UseSonoraOptions } from "./use-sonora.js";

/**
 * Registers `before`/`after` (or `beforeEach`/`afterEach`) hooks of node:test that create and
 * dispose an environment, and returns its getter:
 * ```ts
 * const sonora = useSonora();
 * test("plays", async () => { const player = await sonora().player(); … });
 * ```
 */
export function useSonora(options: UseSonoraOptions = {}): () => TestEnvironment {
  return useSonoraWith({ beforeAll: before, afterAll: after, beforeEach, afterEach }, options);
}

/**
 * Creates an environment scoped to one node:test test: disposed by `t.after` when the test ends.
 * ```ts
 * test("plays", async (t) => { const env = await withSonora(t); … });
 * ```
 */
export async function withSonora(
  t: TestContext,
  options: TestEnvironmentOptions = {},
): Promise<TestEnvironment> {
  const env = await createTestEnvironment(options);
  t.after(() => env.dispose());
  return env;
}

/**
 * Starts a simulator scoped to one node:test test ({@link startTestSimulator}: free port, virtual
 * clock), stopped by `t.after` when the test ends: `const sim = await withSimulator(t);`
 */
export async function withSimulator(
  t: TestContext,
  options: TestSimulatorOptions = {},
): Promise<VirtualSimulator> {
  const simulator = await startTestSimulator(options);
  t.after(async () => {
    if (simulator.running) await simulator.stop();
  });
  return simulator;
}
