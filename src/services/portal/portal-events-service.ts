import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { notifyChange } from "../../db/events.js";
import { memberships, users } from "../../db/schema/index.js";
import type { ActivityRow } from "../../repositories/activities.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import type { ActivityTypeRow } from "../../repositories/catalog.js";
import type { CustomerRow } from "../../repositories/customers.js";
import { type PortalEventKind, portalActivityLogRepository } from "../../repositories/portal-events.js";
import { type Actor, requireMember, requireRole } from "../access.js";
import { PLANNING_ROLES } from "../activities/shared.js";
import type { ServiceContext } from "../context.js";
import { appointmentValues } from "../notifications/appointments.js";
import { composeAndQueue, messageLanguage } from "../notifications/compose.js";

export interface PortalEventView {
  id: string;
  kind: string;
  activity: { id: string; reference: string };
  sourceActivityId: string | null;
  customer: { id: string; name: string };
  actionLabel: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
}

/**
 * Records what a customer did on the portal for the unit's planners, and queues an email to each
 * planner of the unit who opted in, in the caller's transaction.
 */
export async function recordPortalEvent(
  context: ServiceContext,
  tx: Executor,
  event: {
    unit: BusinessUnitRow;
    kind: PortalEventKind;
    activity: ActivityRow;
    sourceActivityId: string | null;
    customer: CustomerRow;
    actionLabel: string;
    type: ActivityTypeRow;
  },
): Promise<void> {
  const { unit, activity, customer } = event;
  const now = context.clock.now();
  await portalActivityLogRepository(tx, unit.organizationId).recordEvent({
    businessUnitId: unit.id,
    kind: event.kind,
    activityId: activity.id,
    sourceActivityId: event.sourceActivityId,
    customerId: customer.id,
    actionLabel: event.actionLabel,
    createdAt: now,
  });
  await notifyChange(tx, {
    organizationId: unit.organizationId,
    businessUnitId: unit.id,
    kind: "portal_event",
    id: activity.id,
  });

  const subscribers = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      language: users.language,
      roles: memberships.roles,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, unit.organizationId),
        eq(memberships.businessUnitId, unit.id),
        eq(memberships.portalEventEmails, true),
        eq(users.active, true),
      ),
    );
  for (const planner of subscribers) {
    if (!planner.roles.some((role) => (PLANNING_ROLES as readonly string[]).includes(role))) continue;
    const language = messageLanguage(planner.language);
    await composeAndQueue(context, tx, {
      unit,
      event: "portal_event",
      recipient: { email: planner.email, language },
      channels: ["email"],
      userId: planner.id,
      activityId: activity.id,
      values: {
        ...appointmentValues({
          unit,
          customer,
          type: event.type,
          visit: activity,
          workerName: null,
          language,
          portalUrl: `${context.config.publicUrl}/portal`,
        }),
        "user.name": planner.name,
        "portal_event.action": event.actionLabel,
        "activity.staff_url": `${context.config.publicUrl}/bu/${unit.id}/activities/${activity.id}`,
      },
      dueAt: now,
    });
  }
}

/** The unit's portal events, newest first, with how many are still new. */
export async function listPortalEvents(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  options: { onlyNew: boolean; limit: number },
): Promise<{ events: PortalEventView[]; newCount: number }> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const log = portalActivityLogRepository(context.db, actor.organizationId);
  const [rows, newCount] = await Promise.all([
    log.listEvents(businessUnitId, options),
    log.countNew(businessUnitId),
  ]);
  return {
    newCount,
    events: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      activity: { id: row.activityId, reference: row.activityReference },
      sourceActivityId: row.sourceActivityId,
      customer: { id: row.customerId, name: row.customerName },
      actionLabel: row.actionLabel,
      createdAt: row.createdAt,
      acknowledgedAt: row.acknowledgedAt,
    })),
  };
}

export async function acknowledgePortalEvents(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  ids: readonly string[] | undefined,
): Promise<number> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  return portalActivityLogRepository(context.db, actor.organizationId).acknowledge(
    businessUnitId,
    ids,
    actor.userId,
    context.clock.now(),
  );
}

/** Whether the signed-in member gets an email for each portal event of the unit. */
export async function portalEventSubscription(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  subscribed?: boolean,
): Promise<{ subscribed: boolean }> {
  requireMember(actor, businessUnitId);
  const scope = and(
    eq(memberships.organizationId, actor.organizationId),
    eq(memberships.businessUnitId, businessUnitId),
    eq(memberships.userId, actor.userId),
  );
  if (subscribed !== undefined) {
    requireRole(actor, businessUnitId, PLANNING_ROLES);
    await context.db
      .update(memberships)
      .set({ portalEventEmails: subscribed, updatedAt: context.clock.now() })
      .where(scope);
  }
  const [row] = await context.db
    .select({ subscribed: memberships.portalEventEmails })
    .from(memberships)
    .where(scope)
    .limit(1);
  return { subscribed: row?.subscribed ?? false };
}
