import { and, eq, gt, lt, ne, or } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { staffSessions } from "../db/schema/index.js";

export type StaffSessionRow = typeof staffSessions.$inferSelect;

export async function insertStaffSession(
  db: Executor,
  values: Omit<StaffSessionRow, "id">,
): Promise<StaffSessionRow> {
  const [row] = await db.insert(staffSessions).values(values).returning();
  return row!;
}

/** Returns the session unless it has expired or stayed idle for longer than `idleSince` allows. */
export async function findLiveStaffSession(
  db: Executor,
  tokenHash: string,
  now: Date,
  idleSince: Date,
): Promise<StaffSessionRow | undefined> {
  const [row] = await db
    .select()
    .from(staffSessions)
    .where(
      and(
        eq(staffSessions.tokenHash, tokenHash),
        gt(staffSessions.expiresAt, now),
        gt(staffSessions.lastSeenAt, idleSince),
      ),
    )
    .limit(1);
  return row;
}

export async function touchStaffSession(db: Executor, sessionId: string, now: Date): Promise<void> {
  await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, sessionId));
}

export async function switchStaffSessionOrganization(
  db: Executor,
  sessionId: string,
  organizationId: string,
): Promise<void> {
  await db.update(staffSessions).set({ organizationId }).where(eq(staffSessions.id, sessionId));
}

export async function deleteStaffSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
}

/** Ends every session of a user but one, after a password change. */
export async function deleteOtherStaffSessions(
  db: Executor,
  userId: string,
  keepSessionId: string,
): Promise<void> {
  await db
    .delete(staffSessions)
    .where(and(eq(staffSessions.userId, userId), ne(staffSessions.id, keepSessionId)));
}

export async function deleteStaleStaffSessions(db: Executor, now: Date, idleSince: Date): Promise<void> {
  await db
    .delete(staffSessions)
    .where(or(lt(staffSessions.expiresAt, now), lt(staffSessions.lastSeenAt, idleSince)));
}
