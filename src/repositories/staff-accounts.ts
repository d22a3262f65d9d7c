import { eq } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { users } from "../db/schema/index.js";

/**
 * Staff accounts are global: one account per email, with memberships in any number of
 * organizations. This is the one module that looks accounts up without an organization.
 */
export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, normalizedEmail: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, normalizedEmail)).limit(1);
  return row;
}

export async function findUserById(db: Executor, userId: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row;
}

export async function insertUser(
  db: Executor,
  values: {
    email: string;
    name: string;
    language: string;
    passwordHash: string;
    mustChangePassword: boolean;
    now: Date;
  },
): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({ ...values, createdAt: values.now, updatedAt: values.now })
    .returning();
  return row!;
}

export async function updateUser(
  db: Executor,
  userId: string,
  changes: Partial<
    Pick<UserRow, "name" | "language" | "passwordHash" | "mustChangePassword" | "lastLoginAt" | "active">
  >,
  now: Date,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: now })
    .where(eq(users.id, userId))
    .returning();
  return row;
}
