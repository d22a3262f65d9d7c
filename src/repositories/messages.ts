import { and, desc, eq, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { messages } from "../db/schema/index.js";

export type MessageRow = typeof messages.$inferSelect;
export type NewMessageRow = Omit<typeof messages.$inferInsert, "organizationId" | "id">;

/** Messages of one organization, for the services and the staff screens. */
export function messageRepository(db: Executor, organizationId: string) {
  const scope = eq(messages.organizationId, organizationId);
  return {
    async insert(values: NewMessageRow): Promise<MessageRow> {
      const [row] = await db
        .insert(messages)
        .values({ ...values, organizationId })
        .returning();
      return row!;
    },

    async find(id: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(scope, eq(messages.id, id)))
        .limit(1);
      return row;
    },

    async list(filters: {
      businessUnitId: string;
      customerId?: string;
      activityId?: string;
      statuses?: string[];
      /** Also the organization's staff messages (invitations, resets), which belong to no unit. */
      includeStaffMessages?: boolean;
      limit: number;
      offset: number;
    }): Promise<MessageRow[]> {
      const unit = eq(messages.businessUnitId, filters.businessUnitId);
      const conditions: SQL[] = [
        scope,
        filters.includeStaffMessages
          ? or(unit, and(isNull(messages.businessUnitId), isNotNull(messages.userId)))!
          : unit,
      ];
      if (filters.customerId) conditions.push(eq(messages.customerId, filters.customerId));
      if (filters.activityId) conditions.push(eq(messages.activityId, filters.activityId));
      if (filters.statuses && filters.statuses.length > 0)
        conditions.push(inArray(messages.status, filters.statuses));
      return db
        .select()
        .from(messages)
        .where(and(...conditions))
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(filters.limit)
        .offset(filters.offset);
    },

    /** Drops the queued messages of an event for an activity, such as its reminders when it moves. */
    async cancelQueued(activityId: string, events: string[], now: Date): Promise<number> {
      const rows = await db
        .update(messages)
        .set({ status: "canceled", updatedAt: now })
        .where(
          and(
            scope,
            eq(messages.activityId, activityId),
            inArray(messages.event, events),
            eq(messages.status, "queued"),
          ),
        )
        .returning({ id: messages.id });
      return rows.length;
    },
  };
}

/**
 * The dispatcher's view of the outbox, across organizations. Claims take rows with
 * `FOR UPDATE SKIP LOCKED` and commit at once, so no row lock is held while a message is sent;
 * a claim whose lease ran out (its dispatcher died) is taken again.
 */
export function outboxRepository(db: Executor, organizationIds?: readonly string[]) {
  // Tests that share one database drain only their own organizations' messages.
  const only = organizationIds ? inArray(messages.organizationId, [...organizationIds]) : undefined;
  return {
    /** Marks queued messages past their expiry as expired, and redacts their sensitive part. */
    async expire(now: Date): Promise<number> {
      const rows = await db
        .update(messages)
        .set({
          status: "expired",
          updatedAt: now,
          bodyText: redacted(messages.bodyText),
          bodyHtml: redacted(messages.bodyHtml),
          subject: redacted(messages.subject),
          leaseUntil: null,
          leasedBy: null,
        })
        .where(
          and(
            only,
            inArray(messages.status, ["queued", "sending"]),
            lte(messages.expiresAt, now),
            or(eq(messages.status, "queued"), lte(messages.leaseUntil, now)),
          ),
        )
        .returning({ id: messages.id });
      return rows.length;
    },

    async claim(now: Date, leaseUntil: Date, dispatcherId: string, limit: number): Promise<MessageRow[]> {
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ organizationId: messages.organizationId, id: messages.id })
          .from(messages)
          .where(
            and(
              only,
              or(
                and(eq(messages.status, "queued"), lte(messages.dueAt, now)),
                and(eq(messages.status, "sending"), lte(messages.leaseUntil, now)),
              ),
            ),
          )
          .orderBy(messages.dueAt)
          .limit(limit)
          .for("update", { skipLocked: true });
        if (due.length === 0) return [];
        return tx
          .update(messages)
          .set({
            status: "sending",
            leaseUntil,
            leasedBy: dispatcherId,
            attempts: sql`${messages.attempts} + 1`,
            updatedAt: now,
          })
          .where(
            or(
              ...due.map((row) =>
                and(eq(messages.organizationId, row.organizationId), eq(messages.id, row.id)),
              ),
            ),
          )
          .returning();
      });
    },

    /** Records a send; ignored when another dispatcher took the message over meanwhile. */
    async markSent(
      message: MessageRow,
      dispatcherId: string,
      result: { transport: string; providerMessageId: string | null },
      now: Date,
      redact: boolean,
    ): Promise<boolean> {
      const rows = await db
        .update(messages)
        .set({
          status: "sent",
          sentAt: now,
          updatedAt: now,
          leaseUntil: null,
          lastError: null,
          transport: result.transport,
          providerMessageId: result.providerMessageId,
          ...(message.sensitive && redact
            ? {
                bodyText: redacted(messages.bodyText),
                bodyHtml: redacted(messages.bodyHtml),
                subject: redacted(messages.subject),
              }
            : {}),
        })
        .where(ownClaim(message, dispatcherId))
        .returning({ id: messages.id });
      return rows.length > 0;
    },

    /** Records a failure: back to the queue at `retryAt`, or failed for good when `retryAt` is null. */
    async markFailed(
      message: MessageRow,
      dispatcherId: string,
      error: string,
      retryAt: Date | null,
      now: Date,
      transport: string,
    ): Promise<boolean> {
      const rows = await db
        .update(messages)
        .set({
          status: retryAt ? "queued" : "failed",
          dueAt: retryAt ?? message.dueAt,
          leaseUntil: null,
          leasedBy: null,
          lastError: error,
          transport,
          updatedAt: now,
        })
        .where(ownClaim(message, dispatcherId))
        .returning({ id: messages.id });
      return rows.length > 0;
    },
  };
}

function ownClaim(message: MessageRow, dispatcherId: string): SQL {
  return and(
    eq(messages.organizationId, message.organizationId),
    eq(messages.id, message.id),
    eq(messages.status, "sending"),
    eq(messages.leasedBy, dispatcherId),
  )!;
}

/**
 * The column with the message's sensitive texts replaced by a mark. `sensitive` holds one secret,
 * or two separated by a line feed (a login code and its sign-in link token).
 */
function redacted(column: typeof messages.bodyText | typeof messages.bodyHtml | typeof messages.subject) {
  // replace() with an empty search string returns the text unchanged, so a missing second part is harmless.
  return sql`CASE WHEN ${messages.sensitive} IS NULL OR ${column} IS NULL THEN ${column}
    ELSE replace(replace(${column}, split_part(${messages.sensitive}, E'\n', 1), '••••••'),
      split_part(${messages.sensitive}, E'\n', 2), '••••••') END`;
}
