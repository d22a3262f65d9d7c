import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pino from "pino";
import { inject } from "vitest";
import { loadConfig } from "../../src/config.js";
import { type DatabaseHandle, openDatabase } from "../../src/db/database.js";
import { ManualClock } from "../../src/domain/clock.js";
import type { ServiceContext } from "../../src/services/context.js";
import { PasswordHasher, SecretHasher } from "../../src/services/secrets.js";

export interface TestContext extends ServiceContext {
  clock: ManualClock;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** The start of every test clock: a Monday in winter time, so Europe/Paris is UTC+1. */
export const TEST_START = "2026-03-02T08:00:00Z";

/**
 * Opens the test database (a copy of the migrated PGlite dump, or the TEST_DATABASE_URL
 * server) and wires the services with a manual clock, cheap password hashing and no logs.
 */
export async function createTestContext(): Promise<TestContext> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const database = serverUrl
    ? await openDatabase({ kind: "postgres", url: serverUrl, poolSize: 4 })
    : await openDatabase({
        kind: "pglite-memory",
        loadDataDir: new Blob([readFileSync(inject("pgliteDumpPath"))]),
      });
  const config = loadConfig({
    NODE_ENV: "test",
    SECRET_KEY: "test-secret-key-0123456789abcdef0123456789",
    PASSWORD_HASH_COST: "low",
    PUBLIC_URL: "http://127.0.0.1:3000",
  });
  return {
    db: database.db,
    database,
    clock: new ManualClock(TEST_START),
    config,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    secrets: new SecretHasher(config.secretKey),
    passwords: new PasswordHasher("low"),
    close: () => database.close(),
  };
}

/** A suffix that keeps emails and codes unique when tests share one server database. */
export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}
