import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { businessUnits } from "../db/schema/index.js";

export type BusinessUnitRow = typeof businessUnits.$inferSelect;
export type BusinessUnitFields = Omit<
  typeof businessUnits.$inferInsert,
  "organizationId" | "id" | "createdAt" | "updatedAt"
>;

/** Business units of one organization; every query is scoped by it. */
export function businessUnitRepository(db: Executor, organizationId: string) {
  const scope = eq(businessUnits.organizationId, organizationId);
  return {
    async list(): Promise<BusinessUnitRow[]> {
      return db.select().from(businessUnits).where(scope).orderBy(asc(businessUnits.code));
    },

    async find(id: string): Promise<BusinessUnitRow | undefined> {
      const [row] = await db
        .select()
        .from(businessUnits)
        .where(and(scope, eq(businessUnits.id, id)))
        .limit(1);
      return row;
    },

    /** Codes compare without regard to case, as operators type them on the command line. */
    async findByCode(code: string): Promise<BusinessUnitRow | undefined> {
      const [row] = await db
        .select()
        .from(businessUnits)
        .where(and(scope, sql`upper(${businessUnits.code}) = upper(${code})`))
        .limit(1);
      return row;
    },

    async insert(fields: BusinessUnitFields, now: Date): Promise<BusinessUnitRow> {
      const [row] = await db
        .insert(businessUnits)
        .values({ ...fields, organizationId, createdAt: now, updatedAt: now })
        .returning();
      return row!;
    },

    async update(
      id: string,
      changes: Partial<BusinessUnitFields>,
      now: Date,
    ): Promise<BusinessUnitRow | undefined> {
      const [row] = await db
        .update(businessUnits)
        .set({ ...changes, updatedAt: now })
        .where(and(scope, eq(businessUnits.id, id)))
        .returning();
      return row;
    },
  };
}

/**
 * Organizations having a business unit with this code. Only the command line uses it, to let
 * an operator name a unit by code; the API always works inside one organization.
 */
export async function listOrganizationIdsWithBusinessUnitCode(db: Executor, code: string): Promise<string[]> {
  const rows = await db
    .select({ organizationId: businessUnits.organizationId })
    .from(businessUnits)
    .where(sql`upper(${businessUnits.code}) = upper(${code})`);
  return rows.map((row) => row.organizationId);
}
