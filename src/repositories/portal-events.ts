import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { activities, customers, portalActionRuns, portalEvents } from "../db/schema/index.js";

export type PortalEventRow = typeof portalEvents.$inferSelect;
export type PortalEventKind =
  | "booked"
  | "rescheduled"
  | "canceled"
  | "requested"
  | "created"
  | "closed"
  | "updated";

export interface PortalEventView extends PortalEventRow {
  activityReference: string;
  customerName: string;
}

/** Runs of portal actions and the portal events planners see, scoped by organization. */
export function portalActivityLogRepository(db: Executor, organizationId: string) {
  return {
    async recordRun(values: Omit<typeof portalActionRuns.$inferInsert, "organizationId">): Promise<void> {
      await db.insert(portalActionRuns).values({ ...values, organizationId });
    },

    /** Runs of an action on an activity, or by a customer for a home-page action (activityId null). */
    async countRuns(actionId: string, activityId: string | null, customerId: string): Promise<number> {
      const [row] = await db
        .select({ count: count() })
        .from(portalActionRuns)
        .where(
          and(
            eq(portalActionRuns.organizationId, organizationId),
            eq(portalActionRuns.actionId, actionId),
            activityId === null
              ? isNull(portalActionRuns.activityId)
              : eq(portalActionRuns.activityId, activityId),
            eq(portalActionRuns.customerId, customerId),
          ),
        );
      return row?.count ?? 0;
    },

    async recordEvent(
      values: Omit<typeof portalEvents.$inferInsert, "organizationId">,
    ): Promise<PortalEventRow> {
      const [row] = await db
        .insert(portalEvents)
        .values({ ...values, organizationId })
        .returning();
      return row!;
    },

    /** The unit's events, newest first; only those not yet acknowledged when `onlyNew` is set. */
    async listEvents(
      businessUnitId: string,
      options: { onlyNew: boolean; limit: number },
    ): Promise<PortalEventView[]> {
      const rows = await db
        .select({
          event: portalEvents,
          activityReference: activities.reference,
          customerName: customers.displayName,
        })
        .from(portalEvents)
        .innerJoin(
          activities,
          and(
            eq(activities.organizationId, portalEvents.organizationId),
            eq(activities.id, portalEvents.activityId),
          ),
        )
        .innerJoin(
          customers,
          and(
            eq(customers.organizationId, portalEvents.organizationId),
            eq(customers.id, portalEvents.customerId),
          ),
        )
        .where(
          and(
            eq(portalEvents.organizationId, organizationId),
            eq(portalEvents.businessUnitId, businessUnitId),
            options.onlyNew ? isNull(portalEvents.acknowledgedAt) : undefined,
          ),
        )
        .orderBy(desc(portalEvents.createdAt), desc(portalEvents.id))
        .limit(options.limit);
      return rows.map((row) => ({
        ...row.event,
        activityReference: row.activityReference,
        customerName: row.customerName,
      }));
    },

    async countNew(businessUnitId: string): Promise<number> {
      const [row] = await db
        .select({ count: count() })
        .from(portalEvents)
        .where(
          and(
            eq(portalEvents.organizationId, organizationId),
            eq(portalEvents.businessUnitId, businessUnitId),
            isNull(portalEvents.acknowledgedAt),
          ),
        );
      return row?.count ?? 0;
    },

    /** Marks events as seen; every new event of the unit when `ids` is undefined. Returns how many changed. */
    async acknowledge(
      businessUnitId: string,
      ids: readonly string[] | undefined,
      userId: string,
      now: Date,
    ): Promise<number> {
      const rows = await db
        .update(portalEvents)
        .set({ acknowledgedAt: now, acknowledgedBy: userId })
        .where(
          and(
            eq(portalEvents.organizationId, organizationId),
            eq(portalEvents.businessUnitId, businessUnitId),
            isNull(portalEvents.acknowledgedAt),
            ids ? inArray(portalEvents.id, [...ids]) : sql`true`,
          ),
        )
        .returning({ id: portalEvents.id });
      return rows.length;
    },
  };
}
