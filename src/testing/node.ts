/**
 * node:test adapter of Sonora's testing kit (`sonora/testing/node`). Only this module imports
 * `node:test`, so `sonora/testing` itself works under any runner.
 * @module
 */
import { after, afterEach, before, beforeEach, type TestContext } from "node:test";
import { createTestEnvironment, type TestEnvironment, type TestEnvironmentOptions } from "./environment.js";
import { TestingError } from "./errors.js";

/** Options of {@link useSonora}. */
export interface UseSonoraOptions extends TestEnvironmentOptions {
  /** `"each"` (default): fresh per test; `"all"`: one for the enclosing suite or file. */
  scope?: "each" | "all";
}

/**
 * Registers `before`/`after` (or `beforeEach`/`afterEach`) hooks of node:test that create and
 * dispose an environment, and returns its getter:
 * ```ts
 * const sonora = useSonora();
 * test("plays", async () => { const player = await sonora().player(); … });
 * ```
 */
export function useSonora(options: UseSonoraOptions = {}): () => TestEnvironment {
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
    before(setup);
    after(teardown);
  } else {
    beforeEach(setup);
    afterEach(teardown);
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
