import { and, asc, desc, eq, gt, inArray, isNotNull, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { queryRows } from "../db/database.js";
import { activities, activityHistory, activityTypes, customers, users } from "../db/schema/index.js";
import type { DerivedState } from "../domain/activities/lifecycle.js";

export type ActivityRow = typeof activities.$inferSelect;
export type NewActivityRow = Omit<typeof activities.$inferInsert, "organizationId" | "id">;
export type ActivityHistoryRow = typeof activityHistory.$inferSelect;

/**
 * The derived state in SQL, the same rules as `deriveState` in the domain; `now` is a parameter
 * so that queries follow the injected clock. A test compares the two on every state.
 */
export function derivedStateSql(now: Date): SQL<DerivedState> {
  return sql<DerivedState>`CASE
    WHEN ${activities.status} = 'canceled' THEN 'canceled'
    WHEN ${activities.status} = 'terminated' THEN 'terminated'
    WHEN ${activities.status} = 'in_progress' THEN 'in_progress'
    WHEN ${activities.assigneeId} IS NOT NULL AND ${activities.startAt} IS NOT NULL AND ${activities.endAt} IS NOT NULL
      THEN CASE WHEN ${activities.endAt} <= ${now.toISOString()}::timestamptz THEN 'to_close' ELSE 'scheduled' END
    ELSE 'unscheduled'
  END`;
}

export interface ActivityFilters {
  states?: DerivedState[];
  /** "open" in the state filter: neither terminated nor canceled. */
  openOnly?: boolean;
  activityTypeId?: string;
  assigneeId?: string;
  customerId?: string;
  /** Scheduled activities overlapping [from, to). */
  from?: Date;
  to?: Date;
  /** Matched on the reference, the customer's name key and the comment. */
  searchKey?: string;
  limit: number;
  offset: number;
}

export interface ActivityListRow extends ActivityRow {
  state: DerivedState;
  typeName: string;
  typeColour: string;
  customerName: string | null;
  assigneeName: string | null;
}

/** Activities of an organization; every query is scoped by it. */
export function activityRepository(db: Executor, organizationId: string) {
  const scope = eq(activities.organizationId, organizationId);

  return {
    async insert(values: NewActivityRow): Promise<ActivityRow> {
      const [row] = await db
        .insert(activities)
        .values({ ...values, organizationId })
        .returning();
      return row!;
    },

    async find(
      businessUnitId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<ActivityRow | undefined> {
      const query = db
        .select()
        .from(activities)
        .where(and(scope, eq(activities.businessUnitId, businessUnitId), eq(activities.id, id)))
        .limit(1);
      const [row] = options.forUpdate ? await query.for("update") : await query;
      return row;
    },

    async update(id: string, changes: Partial<NewActivityRow>, now: Date): Promise<ActivityRow> {
      const [row] = await db
        .update(activities)
        .set({ ...changes, updatedAt: now, version: sql`${activities.version} + 1` })
        .where(and(scope, eq(activities.id, id)))
        .returning();
      return row!;
    },

    async list(
      businessUnitId: string,
      filters: ActivityFilters,
      now: Date,
    ): Promise<{ rows: ActivityListRow[]; total: number }> {
      const state = derivedStateSql(now);
      const conditions: SQL[] = [scope, eq(activities.businessUnitId, businessUnitId)];
      if (filters.states && filters.states.length > 0) conditions.push(inArray(state, filters.states));
      if (filters.openOnly) conditions.push(inArray(activities.status, ["pending", "in_progress"]));
      if (filters.activityTypeId) conditions.push(eq(activities.activityTypeId, filters.activityTypeId));
      if (filters.assigneeId) conditions.push(eq(activities.assigneeId, filters.assigneeId));
      if (filters.customerId) conditions.push(eq(activities.customerId, filters.customerId));
      if (filters.from) conditions.push(gt(activities.endAt, filters.from));
      if (filters.to) conditions.push(lt(activities.startAt, filters.to));
      if (filters.searchKey) {
        const pattern = `%${filters.searchKey.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
        conditions.push(
          or(
            sql`lower(${activities.reference}) LIKE ${pattern}`,
            sql`${customers.searchKey} LIKE ${pattern}`,
            sql`lower(coalesce(${activities.comment}, '')) LIKE ${pattern}`,
          )!,
        );
      }
      const where = and(...conditions);
      const rows = await db
        .select({
          activity: activities,
          state,
          typeName: activityTypes.name,
          typeColour: activityTypes.colour,
          customerName: customers.displayName,
          assigneeName: users.name,
        })
        .from(activities)
        .innerJoin(
          activityTypes,
          and(
            eq(activityTypes.organizationId, activities.organizationId),
            eq(activityTypes.id, activities.activityTypeId),
          ),
        )
        .leftJoin(
          customers,
          and(
            eq(customers.organizationId, activities.organizationId),
            eq(customers.id, activities.customerId),
          ),
        )
        .leftJoin(users, eq(users.id, activities.assigneeId))
        .where(where)
        .orderBy(sql`${activities.startAt} IS NULL`, asc(activities.startAt), desc(activities.createdAt))
        .limit(filters.limit)
        .offset(filters.offset);
      const [count] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(activities)
        .leftJoin(
          customers,
          and(
            eq(customers.organizationId, activities.organizationId),
            eq(customers.id, activities.customerId),
          ),
        )
        .where(where);
      return {
        rows: rows.map((row) => ({
          ...row.activity,
          state: row.state,
          typeName: row.typeName,
          typeColour: row.typeColour,
          customerName: row.customerName,
          assigneeName: row.assigneeName,
        })),
        total: Number(count?.total ?? 0),
      };
    },

    /** The derived state of one activity computed by SQL, for the test that compares it with the domain. */
    async derivedState(id: string, now: Date): Promise<DerivedState | undefined> {
      const [row] = await db
        .select({ state: derivedStateSql(now) })
        .from(activities)
        .where(and(scope, eq(activities.id, id)));
      return row?.state;
    },

    /**
     * Open visits of a worker overlapping [from, to), in every business unit of the organization:
     * their time blocks the worker wherever they are booked.
     */
    async listOpenVisitsOfWorker(
      userId: string,
      from: Date,
      to: Date,
      exceptId?: string,
    ): Promise<ActivityRow[]> {
      const conditions = [
        scope,
        eq(activities.assigneeId, userId),
        inArray(activities.status, ["pending", "in_progress"]),
        isNotNull(activities.startAt),
        lt(activities.startAt, to),
        gt(activities.endAt, from),
      ];
      if (exceptId) conditions.push(ne(activities.id, exceptId));
      return db
        .select()
        .from(activities)
        .where(and(...conditions))
        .orderBy(asc(activities.startAt));
    },

    /**
     * Open visits (pending or in progress) of several workers overlapping [from, to), in every unit
     * of the organization, ordered by start: the time the scheduling assistant must keep free.
     */
    async listOpenVisitsOfWorkers(userIds: string[], from: Date, to: Date, exceptId?: string) {
      if (userIds.length === 0) return [];
      const conditions = [
        scope,
        inArray(activities.assigneeId, userIds),
        inArray(activities.status, ["pending", "in_progress"]),
        isNotNull(activities.startAt),
        lt(activities.startAt, to),
        gt(activities.endAt, from),
      ];
      if (exceptId) conditions.push(ne(activities.id, exceptId));
      return db
        .select({
          id: activities.id,
          reference: activities.reference,
          businessUnitId: activities.businessUnitId,
          assigneeId: activities.assigneeId,
          startAt: activities.startAt,
          endAt: activities.endAt,
          latitude: activities.latitude,
          longitude: activities.longitude,
        })
        .from(activities)
        .where(and(...conditions))
        .orderBy(asc(activities.startAt));
    },

    /**
     * Visits of several workers overlapping [from, to) in every unit of the organization, except
     * canceled ones, with their type and customer names, for the team schedule.
     */
    async listVisitsOfWorkers(userIds: string[], from: Date, to: Date, now: Date) {
      if (userIds.length === 0) return [];
      return db
        .select({
          activity: activities,
          state: derivedStateSql(now),
          typeName: activityTypes.name,
          typeColour: activityTypes.colour,
          customerName: customers.displayName,
        })
        .from(activities)
        .innerJoin(
          activityTypes,
          and(
            eq(activityTypes.organizationId, activities.organizationId),
            eq(activityTypes.id, activities.activityTypeId),
          ),
        )
        .leftJoin(
          customers,
          and(
            eq(customers.organizationId, activities.organizationId),
            eq(customers.id, activities.customerId),
          ),
        )
        .where(
          and(
            scope,
            inArray(activities.assigneeId, userIds),
            ne(activities.status, "canceled"),
            isNotNull(activities.startAt),
            lt(activities.startAt, to),
            gt(activities.endAt, from),
          ),
        )
        .orderBy(asc(activities.startAt));
    },

    async listChildren(id: string): Promise<ActivityRow[]> {
      return db
        .select()
        .from(activities)
        .where(and(scope, eq(activities.parentId, id)))
        .orderBy(asc(activities.createdAt));
    },

    async insertHistory(
      values: Omit<typeof activityHistory.$inferInsert, "organizationId" | "id">,
    ): Promise<void> {
      await db.insert(activityHistory).values({ ...values, organizationId });
    },

    async listHistory(activityId: string): Promise<ActivityHistoryRow[]> {
      return db
        .select()
        .from(activityHistory)
        .where(
          and(eq(activityHistory.organizationId, organizationId), eq(activityHistory.activityId, activityId)),
        )
        .orderBy(asc(activityHistory.at), asc(activityHistory.sequence));
    },

    /**
     * Serializes changes to one worker's schedule until the transaction ends, on both engines, so
     * that the feasibility check and the write see the same neighbours.
     */
    async lockWorkerSchedule(userId: string): Promise<void> {
      await queryRows(
        db,
        sql`SELECT pg_advisory_xact_lock(hashtext(${`schedule:${organizationId}:${userId}`}))`,
      );
    },
  };
}
