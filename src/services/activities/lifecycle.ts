import type { Transaction } from "../../db/database.js";
import type { CancelReason } from "../../domain/activities/lifecycle.js";
import type { Answers } from "../../domain/forms/index.js";
import { type ActivityRow, activityRepository } from "../../repositories/activities.js";
import { catalogRepository } from "../../repositories/catalog.js";
import { notFound } from "../../server/errors.js";
import { type Actor, requireRole } from "../access.js";
import { checkAnswers } from "../catalog-service.js";
import type { ServiceContext } from "../context.js";
import { notifyAppointmentChange, notifySurveyInvitation } from "../notifications/appointments.js";
import { type HistoryActor, recordHistory, staffHistoryActor } from "./history.js";
import type { ActivityView } from "./present.js";
import { getActivity, loadActivity } from "./queries.js";
import {
  diff,
  nextActivityReference,
  PLANNING_ROLES,
  refuseUnless,
  requireActorMayAct,
  transition,
} from "./shared.js";

export async function startActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<ActivityView> {
  await transition(
    context,
    actor,
    businessUnitId,
    id,
    "start",
    "started",
    () => ({ status: "in_progress", startedAt: context.clock.now() }),
    {
      assigneeMayAct: true,
    },
  );
  return getActivity(context, actor, businessUnitId, id);
}

/**
 * Closes an activity with its closing form; the result OK/KO comes from the form. When the type
 * names a follow-up, a linked activity of that type is created for the same customer.
 */
export async function closeActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  closingAnswers: Record<string, unknown>,
): Promise<ActivityView> {
  const current = await loadActivity(context, actor, businessUnitId, id);
  requireActorMayAct(actor, businessUnitId, current, true);
  const answers = await checkAnswers(
    context,
    actor,
    businessUnitId,
    current.activityTypeId,
    "closing",
    closingAnswers,
  );
  await context.db.transaction(async (tx) => {
    const row = await closeInTransaction(
      context,
      tx,
      actor.organizationId,
      businessUnitId,
      id,
      answers,
      await staffHistoryActor(tx, actor),
    );
    await createFollowUp(context, tx, actor.organizationId, row, await staffHistoryActor(tx, actor));
  });
  return getActivity(context, actor, businessUnitId, id);
}

export async function closeInTransaction(
  context: ServiceContext,
  tx: Transaction,
  organizationId: string,
  businessUnitId: string,
  id: string,
  answers: Answers,
  historyActor: HistoryActor,
): Promise<ActivityRow> {
  const repository = activityRepository(tx, organizationId);
  const row = await repository.find(businessUnitId, id, { forUpdate: true });
  if (!row) throw notFound("Activity not found.");
  refuseUnless("close", row);
  const now = context.clock.now();
  const result = answers.result === "ko" ? "ko" : "ok";
  const updated = await repository.update(
    id,
    { status: "terminated", result, closingAnswers: answers, closedAt: now },
    now,
  );
  await recordHistory(
    tx,
    { organizationId, businessUnitId },
    id,
    historyActor,
    "closed",
    diff(row, updated),
    now,
  );
  return updated;
}

export async function createFollowUp(
  context: ServiceContext,
  tx: Transaction,
  organizationId: string,
  closed: ActivityRow,
  historyActor: HistoryActor,
): Promise<void> {
  const catalog = catalogRepository(tx, organizationId);
  const type = await catalog.find(closed.businessUnitId, closed.activityTypeId);
  if (!type?.followUpTypeId) return;
  const followUpType = await catalog.find(closed.businessUnitId, type.followUpTypeId);
  if (!followUpType || followUpType.archived) {
    context.logger.warn(
      { activityTypeId: type.id, followUpTypeId: type.followUpTypeId },
      "follow-up type missing or archived; no follow-up created",
    );
    return;
  }
  const now = context.clock.now();
  const reference = await nextActivityReference(tx, organizationId, closed.businessUnitId);
  const followUp = await activityRepository(tx, organizationId).insert({
    businessUnitId: closed.businessUnitId,
    reference,
    activityTypeId: followUpType.id,
    customerId: closed.customerId,
    parentId: closed.id,
    status: "pending",
    durationMinutes: followUpType.defaultDurationMinutes,
    addressLine1: closed.addressLine1,
    addressLine2: closed.addressLine2,
    postcode: closed.postcode,
    city: closed.city,
    latitude: closed.latitude,
    longitude: closed.longitude,
    answers: {},
    createdAt: now,
    createdBy: null,
    updatedAt: now,
  });
  await recordHistory(
    tx,
    { organizationId, businessUnitId: closed.businessUnitId },
    followUp.id,
    { kind: "system", id: null, name: null },
    "created",
    {},
    now,
    `Follow-up of ${closed.reference}`,
  );
  await recordHistory(
    tx,
    { organizationId, businessUnitId: closed.businessUnitId },
    closed.id,
    historyActor,
    "follow_up_created",
    {},
    now,
    `Follow-up ${reference} created`,
  );
  await notifySurveyInvitation(context, tx, { closed, survey: followUp });
}

export async function cancelActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  request: { reason: CancelReason; details?: string | null },
): Promise<ActivityView> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  await transition(
    context,
    actor,
    businessUnitId,
    id,
    "cancel",
    "canceled",
    () => ({
      status: "canceled",
      cancelReason: request.reason,
      cancelDetails: request.details?.trim() || null,
    }),
    { afterWrite: (tx, before, after) => notifyAppointmentChange(context, tx, { before, after }) },
  );
  return getActivity(context, actor, businessUnitId, id);
}

/**
 * Reopens a terminated or canceled activity as pending. It keeps its worker and time unless
 * another open visit of that worker took the slot meanwhile. In that case it reopens unscheduled,
 * with a history note giving the reason.
 */
export async function reopenActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<ActivityView> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  await context.db.transaction(async (tx) => {
    const repository = activityRepository(tx, actor.organizationId);
    const row = await repository.find(businessUnitId, id, { forUpdate: true });
    if (!row) throw notFound("Activity not found.");
    refuseUnless("reopen", row);
    let slotTaken = false;
    if (row.assigneeId && row.startAt && row.endAt) {
      await repository.lockWorkerSchedule(row.assigneeId);
      slotTaken =
        (await repository.listOpenVisitsOfWorker(row.assigneeId, row.startAt, row.endAt, row.id)).length > 0;
    }
    const now = context.clock.now();
    const updated = await repository.update(
      id,
      {
        status: "pending",
        result: null,
        cancelReason: null,
        cancelDetails: null,
        closedAt: null,
        startedAt: null,
        ...(slotTaken ? { assigneeId: null, startAt: null, endAt: null } : {}),
      },
      now,
    );
    const note = slotTaken
      ? "Reopened unscheduled: another visit of the worker now takes this time."
      : undefined;
    await recordHistory(
      tx,
      { organizationId: actor.organizationId, businessUnitId },
      id,
      await staffHistoryActor(tx, actor),
      "reopened",
      diff(row, updated),
      now,
      note,
    );
  });
  return getActivity(context, actor, businessUnitId, id);
}
