import { defineConfig } from "vitest/config";

/**
 * Unit and integration tests. Integration tests run on an embedded PGlite database by default
 * and on the PostgreSQL server named by TEST_DATABASE_URL when it is set.
 */
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    pool: "forks",
    // Each worker holds a PGlite instance of several hundred MB; two fit the 2-core CI machine.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
