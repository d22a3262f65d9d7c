import { defineConfig } from "vitest/config";

/**
 * Browser tests: each file starts a real `rondo serve` process and drives Debian's Chromium
 * through playwright-core. They run one file at a time to stay within a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
