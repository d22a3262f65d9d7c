import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { auditEvents, users } from "../db/schema/index.js";

export type AuditEventRow = typeof auditEvents.$inferSelect;

export type AuditAction =
  | "portal_preview_opened"
  | "portal_settings_changed"
  | "portal_access_granted_to_all"
  | "portal_access_revoked_from_all"
  | "portal_access_changed";

export type AuditSubjectType = "customer" | "business_unit" | "activity_type";

export interface AuditEventInput {
  businessUnitId: string | null;
  actorUserId: string | null;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string | null;
  details?: Record<string, unknown>;
  createdAt: Date;
}

export interface AuditEventView {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

/** The audit history of an organization: who did what that matters for trust, and when. */
export function auditRepository(db: Executor, organizationId: string) {
  return {
    async record(event: AuditEventInput): Promise<void> {
      await db.insert(auditEvents).values({
        organizationId,
        businessUnitId: event.businessUnitId,
        actorUserId: event.actorUserId,
        action: event.action,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        details: event.details ?? {},
        createdAt: event.createdAt,
      });
    },

    /** The newest events about one record first, with the actor's name. */
    async listForSubject(
      subjectType: AuditSubjectType,
      subjectId: string,
      limit = 100,
    ): Promise<AuditEventView[]> {
      const rows = await db
        .select({
          id: auditEvents.id,
          action: auditEvents.action,
          actorId: users.id,
          actorName: users.name,
          details: auditEvents.details,
          createdAt: auditEvents.createdAt,
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorUserId))
        .where(
          and(
            eq(auditEvents.organizationId, organizationId),
            eq(auditEvents.subjectType, subjectType),
            eq(auditEvents.subjectId, subjectId),
          ),
        )
        .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
        .limit(limit);
      return rows.map((row) => ({
        id: row.id,
        action: row.action,
        actor: row.actorId && row.actorName ? { id: row.actorId, name: row.actorName } : null,
        details: row.details,
        createdAt: row.createdAt,
      }));
    },
  };
}
