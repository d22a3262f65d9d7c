import { and, eq, gt, lt } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { portalSessions } from "../db/schema/index.js";

export type PortalSessionRow = typeof portalSessions.$inferSelect;

/**
 * Customer portal sessions. Global by nature: a session opened with a code that matches customers
 * of several organizations belongs to none of them until the person picks one.
 */
export function portalSessionRepository(db: Executor) {
  return {
    async insert(values: typeof portalSessions.$inferInsert): Promise<PortalSessionRow> {
      const [row] = await db.insert(portalSessions).values(values).returning();
      return row!;
    },

    async findLive(tokenHash: string, now: Date): Promise<PortalSessionRow | undefined> {
      const [row] = await db
        .select()
        .from(portalSessions)
        .where(and(eq(portalSessions.tokenHash, tokenHash), gt(portalSessions.expiresAt, now)))
        .limit(1);
      return row;
    },

    async choose(id: string, organizationId: string, customerId: string): Promise<void> {
      await db.update(portalSessions).set({ organizationId, customerId }).where(eq(portalSessions.id, id));
    },

    async touch(id: string, now: Date): Promise<void> {
      await db.update(portalSessions).set({ lastSeenAt: now }).where(eq(portalSessions.id, id));
    },

    async delete(id: string): Promise<void> {
      await db.delete(portalSessions).where(eq(portalSessions.id, id));
    },

    async deleteExpired(now: Date): Promise<void> {
      await db.delete(portalSessions).where(lt(portalSessions.expiresAt, now));
    },
  };
}
