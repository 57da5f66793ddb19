/**
 * The one place the example imports Sonora from. In your own bot this file is simply:
 *
 *   export * from "sonora";
 *   export { createTestEnvironment } from "sonora/testing"; // only for the offline mode
 *
 * Inside Sonora's repository the example imports the sources instead, so that it runs with tsx and
 * is tested by vitest without building `dist/` first (vitest does not resolve a package's import of
 * its own name to its sources).
 */
export * from "../../src/index.js";
export { createTestEnvironment } from "../../src/testing/index.js";
