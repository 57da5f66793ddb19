import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    // Tests open real sockets; a generous per-test budget absorbs a busy 2-core CI box
    // while the virtual clock keeps simulated time independent of wall time.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
