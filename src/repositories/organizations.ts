import { eq } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { organizations } from "../db/schema/index.js";

export type OrganizationRow = typeof organizations.$inferSelect;

export async function insertOrganization(db: Executor, name: string, now: Date): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values({ name, createdAt: now }).returning();
  return row!;
}

export async function findOrganization(
  db: Executor,
  organizationId: string,
): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  return row;
}

/** True when no organization exists yet: the database is new and may receive the demo. */
export async function hasNoOrganization(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).limit(1);
  return row === undefined;
}
