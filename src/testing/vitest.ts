/**
 * Vitest adapter of Sonora's testing kit (`sonora/testing/vitest`). Only this module imports
 * vitest, so `sonora/testing` itself works under any runner. Everything else (the simulator, the
 * environment, `waitForEvent`, …) comes from `sonora/testing`.
 * @module
 */
import { afterAll, afterEach, beforeAll, beforeEach, onTestFinished, test } from "vitest";
import type { Player } from "../client/index.js";
import { createTestEnvironment, type TestEnvironment, type TestEnvironmentOptions } from "./environment.js";
import { startTestSimulator, type TestSimulatorOptions, type VirtualSimulator } from "./test-simulator.js";
import { type UseSonoraOptions, useSonoraWith } from "./use-sonora.js";

// ─── Environment & fixtures ──────────────────────────────────────────────────────────────────────

export type { UseSonoraOptions } from "./use-sonora.js";

/** Fixtures added by {@link sonoraTest}. */
export interface SonoraFixtures {
  /** Options of the `sonora` fixture; override with `sonoraTest.override({ sonoraOptions: {...} })`. */
  sonoraOptions: TestEnvironmentOptions;
  /** A fresh test environment per test, disposed after it (even when it fails). */
  sonora: TestEnvironment;
  /**
   * `await sonora.player()`: the default guild's player, joined to voice. Created only by tests
   * (and `test.beforeEach` hooks) that ask for it.
   */
  player: Player;
}

/**
 * Builds a vitest `test` whose `sonora` fixture is a fresh environment per test:
 * ```ts
 * const it = createSonoraTest({ seed: 42 });
 * it("plays", async ({ sonora, player }) => { await player.play(sonora.tracks(1)[0]!); … });
 * ```
 */
export function createSonoraTest(options: TestEnvironmentOptions = {}) {
  return test.extend<SonoraFixtures>({
    sonoraOptions: [options, { injected: false }],
    sonora: async ({ sonoraOptions }, use) => {
      const env = await createTestEnvironment(sonoraOptions);
      try {
        await use(env);
      } finally {
        await env.dispose();
      }
    },
    player: async ({ sonora }, use) => {
      await use(await sonora.player());
    },
  });
}

/** `test` with a `sonora` fixture on default options (seed 0, virtual clock). */
export const sonoraTest = createSonoraTest();

/**
 * Registers hooks that create and dispose an environment, and returns its getter:
 * ```ts
 * const sonora = useSonora({ seed: 1 });
 * it("plays", async () => { const player = await sonora().player(); … });
 * ```
 */
export function useSonora(options: UseSonoraOptions = {}): () => TestEnvironment {
  return useSonoraWith({ beforeAll, afterAll, beforeEach, afterEach }, options);
}

/**
 * Creates an environment inside a running test and disposes it when the test finishes:
 * `const env = await sonoraEnv({ seed: 3 });`
 */
export async function sonoraEnv(options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
  const env = await createTestEnvironment(options);
  onTestFinished(() => env.dispose());
  return env;
}

/**
 * Starts a simulator inside a running test ({@link startTestSimulator}: free port, virtual clock)
 * and stops it when the test finishes, pass or fail: `const sim = await testSimulator({ seed: 3 });`
 */
export async function testSimulator(options: TestSimulatorOptions = {}): Promise<VirtualSimulator> {
  const simulator = await startTestSimulator(options);
  onTestFinished(async () => {
    if (simulator.running) await simulator.stop();
  });
  return simulator;
}
