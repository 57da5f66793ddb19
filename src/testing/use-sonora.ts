import { createTestEnvironment, type TestEnvironment, type TestEnvironmentOptions } from "./environment.js";
import { TestingError } from "./errors.js";

/** Options of `useSonora` (both the vitest and the node:test adapter). */
export interface UseSonoraOptions extends TestEnvironmentOptions {
  /**
   * `"each"` (default): a fresh environment per test (beforeEach/afterEach). `"all"`: one for the
   * enclosing describe block or file (beforeAll/afterAll, node:test's before/after) — faster, but
   * tests share state.
   */
  scope?: "each" | "all";
}

/** Registers one hook function with a test runner. */
type RegisterHook = (fn: () => Promise<void>) => unknown;

/** A runner's four lifecycle hooks; each adapter passes its own, so only it imports the runner. */
export interface RunnerHooks {
  beforeAll: RegisterHook;
  afterAll: RegisterHook;
  beforeEach: RegisterHook;
  afterEach: RegisterHook;
}

/**
 * The runner-agnostic body of the adapters' `useSonora`: registers hooks that create and dispose
 * an environment with the given runner's functions, and returns the environment's getter.
 */
export function useSonoraWith(hooks: RunnerHooks, options: UseSonoraOptions): () => TestEnvironment {
  const { scope = "each", ...envOptions } = options;
  if (scope !== "each" && scope !== "all") {
    throw new TestingError(
      "TEST_INVALID_OPTION",
      `scope must be "each" or "all", got ${JSON.stringify(scope)}`,
    );
  }
  let current: TestEnvironment | null = null;
  const setup = async (): Promise<void> => {
    current = await createTestEnvironment(envOptions);
  };
  const teardown = async (): Promise<void> => {
    const env = current;
    current = null;
    await env?.dispose();
  };
  if (scope === "all") {
    hooks.beforeAll(setup);
    hooks.afterAll(teardown);
  } else {
    hooks.beforeEach(setup);
    hooks.afterEach(teardown);
  }
  return () => {
    if (current === null) {
      throw new TestingError(
        "TEST_DISPOSED",
        "no Sonora test environment is active: call the getter inside a test or hook, not at module level",
      );
    }
    return current;
  };
}
