import { and, eq, gt, isNull } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { accountTokens } from "../db/schema/index.js";

export type AccountTokenRow = typeof accountTokens.$inferSelect;
export type AccountTokenPurpose = "invitation" | "password_reset";

export async function insertAccountToken(
  db: Executor,
  values: Omit<typeof accountTokens.$inferInsert, "id">,
): Promise<AccountTokenRow> {
  const [row] = await db.insert(accountTokens).values(values).returning();
  return row!;
}

/** The live token with this hash: unused and not expired. Locked for the caller's transaction. */
export async function findLiveAccountToken(
  db: Executor,
  tokenHash: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<AccountTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .limit(1)
    .for("update");
  return row;
}

/** Ends every unused token of a purpose for a user, such as older reset links when a new one is sent. */
export async function retireAccountTokens(
  db: Executor,
  userId: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)),
    );
}

export async function markAccountTokenUsed(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, id));
}
