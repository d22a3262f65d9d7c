import { and, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { rateLimitCounters } from "../db/schema/index.js";

/**
 * Fixed-window counters kept in the database so that every server process shares them. A
 * window starts at a multiple of its length since the epoch, so a burst across a boundary can
 * reach twice the limit; the limits are set with that in mind.
 */
export interface RateWindow {
  start: Date;
  end: Date;
}

export function windowAt(now: Date, lengthSeconds: number): RateWindow {
  const lengthMs = lengthSeconds * 1000;
  const start = Math.floor(now.getTime() / lengthMs) * lengthMs;
  return { start: new Date(start), end: new Date(start + lengthMs) };
}

export async function incrementCounter(db: Executor, key: string, window: RateWindow): Promise<number> {
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, windowStart: window.start, count: 1, expiresAt: window.end })
    .onConflictDoUpdate({
      target: [rateLimitCounters.key, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({ count: rateLimitCounters.count });
  return row!.count;
}

export async function readCounter(db: Executor, key: string, window: RateWindow): Promise<number> {
  const [row] = await db
    .select({ count: rateLimitCounters.count })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, window.start)))
    .limit(1);
  return row?.count ?? 0;
}

export async function resetCounter(db: Executor, key: string, window: RateWindow): Promise<void> {
  await db
    .delete(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, window.start)));
}

export async function deleteExpiredCounters(db: Executor, now: Date): Promise<void> {
  await db.delete(rateLimitCounters).where(lt(rateLimitCounters.expiresAt, now));
}
