import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { memberships, users } from "../db/schema/index.js";
import type { Role } from "../domain/roles.js";

export type MembershipRow = typeof memberships.$inferSelect;

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  mustChangePassword: boolean;
  active: boolean;
  lastLoginAt: Date | null;
}

/** Memberships of one organization; every query is scoped by it. */
export function membershipRepository(db: Executor, organizationId: string) {
  const scope = eq(memberships.organizationId, organizationId);
  return {
    async listForUser(userId: string): Promise<MembershipRow[]> {
      return db
        .select()
        .from(memberships)
        .where(and(scope, eq(memberships.userId, userId)));
    },

    async find(businessUnitId: string, userId: string): Promise<MembershipRow | undefined> {
      const [row] = await db
        .select()
        .from(memberships)
        .where(and(scope, eq(memberships.businessUnitId, businessUnitId), eq(memberships.userId, userId)))
        .limit(1);
      return row;
    },

    async listMembers(businessUnitId: string): Promise<MemberRow[]> {
      const rows = await db
        .select({
          userId: users.id,
          email: users.email,
          name: users.name,
          roles: memberships.roles,
          mustChangePassword: users.mustChangePassword,
          active: users.active,
          lastLoginAt: users.lastLoginAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(scope, eq(memberships.businessUnitId, businessUnitId)))
        .orderBy(asc(users.email));
      return rows.map((row) => ({ ...row, roles: row.roles as Role[] }));
    },

    async upsert(businessUnitId: string, userId: string, roles: Role[], now: Date): Promise<void> {
      await db
        .insert(memberships)
        .values({ organizationId, businessUnitId, userId, roles, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [memberships.organizationId, memberships.businessUnitId, memberships.userId],
          set: { roles, updatedAt: now },
        });
    },

    async remove(businessUnitId: string, userId: string): Promise<boolean> {
      const removed = await db
        .delete(memberships)
        .where(and(scope, eq(memberships.businessUnitId, businessUnitId), eq(memberships.userId, userId)))
        .returning({ userId: memberships.userId });
      return removed.length > 0;
    },
  };
}

/** The organizations a user belongs to, oldest membership first; global by nature, like accounts. */
export async function listOrganizationIdsOfUser(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  return rows.map((row) => row.organizationId);
}
