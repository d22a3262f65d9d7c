import type { Logger } from "pino";
import type { Database } from "../db/database.js";
import type { Clock } from "../domain/clock.js";
import { portalLoginCodeRepository } from "../repositories/portal-login-codes.js";
import { portalSessionRepository } from "../repositories/portal-sessions.js";
import { deleteExpiredCounters } from "../repositories/rate-limits.js";

/** How often expired rows are deleted. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;

/**
 * Deletes rows that no longer serve: rate-limit windows that ended, portal sessions past their
 * expiry, and login codes that expired more than a day ago (the daily cap counts the last day).
 */
export async function runHousekeeping(db: Database, now: Date): Promise<void> {
  await deleteExpiredCounters(db, now);
  await portalSessionRepository(db).deleteExpired(now);
  await portalLoginCodeRepository(db).deleteExpired(now);
}

/** Runs the housekeeping now and then every hour until the returned function is called. */
export function startHousekeeping(options: { db: Database; clock: Clock; logger: Logger }): () => void {
  const run = () => {
    runHousekeeping(options.db, options.clock.now()).catch((error: unknown) => {
      options.logger.error({ err: error, event: "housekeeping_failed" }, "deleting expired rows failed");
    });
  };
  run();
  const timer = setInterval(run, HOUSEKEEPING_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
