import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { portalLoginCodes } from "../db/schema/index.js";

export type PortalLoginCodeRow = typeof portalLoginCodes.$inferSelect;

/**
 * One-time portal sign-in codes. Global by nature: a code is asked for an identifier before anyone
 * knows which organization's customer will sign in.
 */
export function portalLoginCodeRepository(db: Executor) {
  const live = (now: Date) =>
    and(
      isNull(portalLoginCodes.consumedAt),
      isNull(portalLoginCodes.revokedAt),
      gt(portalLoginCodes.expiresAt, now),
    );

  return {
    async insert(values: typeof portalLoginCodes.$inferInsert): Promise<void> {
      await db.insert(portalLoginCodes).values(values);
    },

    /** The newest code asked for any of these identifier hashes, live or not. */
    async latest(hashes: readonly string[]): Promise<PortalLoginCodeRow | undefined> {
      const [row] = await db
        .select()
        .from(portalLoginCodes)
        .where(inArray(portalLoginCodes.identifierHash, [...hashes]))
        .orderBy(desc(portalLoginCodes.createdAt))
        .limit(1);
      return row;
    },

    /** How many codes were asked for the identifier since `since`. */
    async countSince(identifierHash: string, since: Date): Promise<number> {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(portalLoginCodes)
        .where(
          and(eq(portalLoginCodes.identifierHash, identifierHash), gt(portalLoginCodes.createdAt, since)),
        );
      return row?.count ?? 0;
    },

    /** Kills the identifier's live codes: a new code replaces them. */
    async revokeLive(identifierHash: string, now: Date): Promise<void> {
      await db
        .update(portalLoginCodes)
        .set({ revokedAt: now })
        .where(and(eq(portalLoginCodes.identifierHash, identifierHash), live(now)));
    },

    /** The newest live code of these identifier hashes. */
    async findLive(hashes: readonly string[], now: Date): Promise<PortalLoginCodeRow | undefined> {
      const [row] = await db
        .select()
        .from(portalLoginCodes)
        .where(and(inArray(portalLoginCodes.identifierHash, [...hashes]), live(now)))
        .orderBy(desc(portalLoginCodes.createdAt))
        .limit(1);
      return row;
    },

    async findLiveByLink(linkTokenHash: string, now: Date): Promise<PortalLoginCodeRow | undefined> {
      const [row] = await db
        .select()
        .from(portalLoginCodes)
        .where(and(eq(portalLoginCodes.linkTokenHash, linkTokenHash), live(now)))
        .limit(1);
      return row;
    },

    /**
     * Counts one verification attempt, atomically: the update applies only while the count is
     * under `maxAttempts`, so concurrent guesses cannot exceed it. Returns the new count, or
     * undefined when the code is used up, consumed, revoked or expired.
     */
    async countAttempt(id: string, maxAttempts: number, now: Date): Promise<number | undefined> {
      const [row] = await db
        .update(portalLoginCodes)
        .set({ attempts: sql`${portalLoginCodes.attempts} + 1` })
        .where(and(eq(portalLoginCodes.id, id), lt(portalLoginCodes.attempts, maxAttempts), live(now)))
        .returning({ attempts: portalLoginCodes.attempts });
      return row?.attempts;
    },

    /** Marks the code used; false when another request used it first. */
    async consume(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(portalLoginCodes)
        .set({ consumedAt: now })
        .where(and(eq(portalLoginCodes.id, id), live(now)))
        .returning({ id: portalLoginCodes.id });
      return rows.length > 0;
    },

    /** Deletes codes that expired more than a day ago. */
    async deleteExpired(now: Date): Promise<void> {
      await db
        .delete(portalLoginCodes)
        .where(lt(portalLoginCodes.expiresAt, new Date(now.getTime() - 24 * 3600_000)));
    },
  };
}
