import { and, desc, eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";
import { activities, customers, storedFiles } from "../db/schema/index.js";
import type { ActivityRow } from "./activities.js";

/**
 * Queries behind the staff screens that configure a unit's customer portal: its customers'
 * access, the replaced logo files and the activity a text preview renders against. Every query
 * is scoped by organization and business unit.
 */
export function portalConfigRepository(db: Executor, organizationId: string) {
  return {
    /** Counts the unit's customers, and those of them with portal access. */
    async countCustomers(businessUnitId: string): Promise<{ total: number; withAccess: number }> {
      const [row] = await db
        .select({
          total: sql<number>`count(*)::int`,
          withAccess: sql<number>`(count(*) FILTER (WHERE ${customers.portalAccess}))::int`,
        })
        .from(customers)
        .where(
          and(eq(customers.organizationId, organizationId), eq(customers.businessUnitId, businessUnitId)),
        );
      return { total: Number(row?.total ?? 0), withAccess: Number(row?.withAccess ?? 0) };
    },

    /**
     * Grants or revokes portal access of every customer of the unit with one UPDATE. Returns the
     * number of customers whose access changed; those that already had the value are left alone.
     */
    async setAccessForAll(businessUnitId: string, grant: boolean, now: Date): Promise<number> {
      // Counting in SQL keeps a unit of many thousand customers from sending back every id.
      const [row] = await queryRows<{ updated: number }>(
        db,
        sql`WITH changed AS (
              UPDATE customers SET portal_access = ${grant}, updated_at = ${now.toISOString()}::timestamptz
               WHERE organization_id = ${organizationId} AND business_unit_id = ${businessUnitId}
                 AND portal_access <> ${grant}
              RETURNING 1)
            SELECT count(*)::int AS updated FROM changed`,
      );
      return Number(row?.updated ?? 0);
    },

    /** The activity of the type created last, which a preview of the type's texts renders against. */
    async latestActivityOfType(
      businessUnitId: string,
      activityTypeId: string,
    ): Promise<ActivityRow | undefined> {
      const [row] = await db
        .select()
        .from(activities)
        .where(
          and(
            eq(activities.organizationId, organizationId),
            eq(activities.businessUnitId, businessUnitId),
            eq(activities.activityTypeId, activityTypeId),
          ),
        )
        .orderBy(desc(activities.createdAt), desc(activities.id))
        .limit(1);
      return row;
    },

    /** Deletes a logo file that the unit no longer uses. */
    async deleteLogoFile(businessUnitId: string, fileId: string): Promise<void> {
      await db
        .delete(storedFiles)
        .where(
          and(
            eq(storedFiles.organizationId, organizationId),
            eq(storedFiles.businessUnitId, businessUnitId),
            eq(storedFiles.id, fileId),
          ),
        );
    },
  };
}
