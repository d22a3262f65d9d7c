import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { activities, activityTypes } from "../db/schema/index.js";

export type ActivityRow = typeof activities.$inferSelect;
export type ActivityTypeRow = typeof activityTypes.$inferSelect;

export interface PortalActivityRow {
  activity: ActivityRow;
  type: ActivityTypeRow;
}

/** A customer's activities whose type is shown on the portal, scoped by organization. */
export function portalActivityRepository(db: Executor, organizationId: string) {
  const shownOnPortal = sql`(${activityTypes.portalDisplay} ->> 'shown') = 'true'`;
  const base = () =>
    db
      .select({ activity: activities, type: activityTypes })
      .from(activities)
      .innerJoin(
        activityTypes,
        and(
          eq(activityTypes.organizationId, activities.organizationId),
          eq(activityTypes.id, activities.activityTypeId),
        ),
      );

  return {
    /** Open activities first by start (unscheduled last), then at most `pastLimit` closed ones, newest first. */
    async listForCustomer(customerId: string, pastLimit: number): Promise<PortalActivityRow[]> {
      const scope = and(
        eq(activities.organizationId, organizationId),
        eq(activities.customerId, customerId),
        shownOnPortal,
      );
      const open = await base()
        .where(and(scope, sql`${activities.status} IN ('pending', 'in_progress')`))
        .orderBy(sql`${activities.startAt} ASC NULLS LAST`, asc(activities.createdAt));
      const closed = await base()
        .where(and(scope, sql`${activities.status} IN ('terminated', 'canceled')`))
        .orderBy(desc(sql`coalesce(${activities.closedAt}, ${activities.startAt}, ${activities.updatedAt})`))
        .limit(pastLimit);
      return [...open, ...closed];
    },

    async findForCustomer(customerId: string, activityId: string): Promise<PortalActivityRow | undefined> {
      const [row] = await base()
        .where(
          and(
            eq(activities.organizationId, organizationId),
            eq(activities.customerId, customerId),
            eq(activities.id, activityId),
            shownOnPortal,
          ),
        )
        .limit(1);
      return row;
    },
  };
}
