import { DateTime } from "luxon";
import { activityRepository } from "../../repositories/activities.js";
import { businessUnitRepository } from "../../repositories/business-units.js";
import { membershipRepository } from "../../repositories/memberships.js";
import { AppError, invalidField, notFound } from "../../server/errors.js";
import { type Actor, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";
import { notifyAppointmentChange } from "../notifications/appointments.js";
import { suggestSlots } from "../scheduling/assistant-service.js";
import { recordHistory, staffHistoryActor } from "./history.js";
import type { ActivityView } from "./present.js";
import { getActivity } from "./queries.js";
import { checkSchedule, type ScheduleWarning } from "./schedule-check.js";
import { diff, PLANNING_ROLES, refuseUnless, transition, writeOrConflict } from "./shared.js";

export interface ScheduleRequest {
  assigneeId: string;
  startAt: string;
  /** Staff saw the warnings (outside hours, unavailable, travel) and place the visit anyway. */
  acceptWarnings?: boolean;
  /** Whether the customer is told (email, SMS, reminders); true by default. */
  notifyCustomer?: boolean;
}

export interface ScheduleResult {
  activity: ActivityView;
  warnings: ScheduleWarning[];
}

/**
 * Assigns and schedules an activity (end = start + duration). Inside one transaction it locks
 * the worker's schedule, checks hours, unavailabilities and travel to both neighbours, and writes.
 * Warnings stop the change unless `acceptWarnings` is set. An overlap with another open visit of
 * the worker is rejected in every case, and the database's exclusion constraint enforces it too.
 */
export async function scheduleActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  request: ScheduleRequest,
): Promise<ScheduleResult> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const startAt = new Date(request.startAt);
  const membership = await membershipRepository(context.db, actor.organizationId).find(
    businessUnitId,
    request.assigneeId,
  );
  if (!membership?.roles.includes("field_worker")) {
    throw invalidField("assigneeId", "no such field worker in this business unit", request.assigneeId);
  }
  const warnings = await placeOrOfferFresh(context, actor, businessUnitId, id, startAt, () =>
    context.db.transaction(async (tx) => {
      const repository = activityRepository(tx, actor.organizationId);
      await repository.lockWorkerSchedule(request.assigneeId);
      const row = await repository.find(businessUnitId, id, { forUpdate: true });
      if (!row) throw notFound("Activity not found.");
      refuseUnless("schedule", row);
      const endAt = new Date(startAt.getTime() + row.durationMinutes * 60_000);
      const check = await checkSchedule(context, tx, businessUnitId, {
        activity: row,
        assigneeId: request.assigneeId,
        startAt,
      });
      if (check.overlap) {
        throw new AppError(
          "schedule_conflict",
          check.overlap.reference
            ? `The worker already has ${check.overlap.reference} from ${check.overlap.start} to ${check.overlap.end}.`
            : `The worker already has a visit of another unit from ${check.overlap.start} to ${check.overlap.end}.`,
          { overlapping: check.overlap },
        );
      }
      if (row.startAt && row.startAt <= context.clock.now()) {
        check.warnings.unshift({
          code: "already_started",
          message: `The visit was due to start at ${row.startAt.toISOString()}, which has passed.`,
        });
      }
      if (check.warnings.length > 0 && !request.acceptWarnings) {
        throw new AppError("schedule_warnings", check.warnings.map((warning) => warning.message).join(" "), {
          warnings: check.warnings,
        });
      }
      const now = context.clock.now();
      const updated = await writeOrConflict(() =>
        repository.update(
          id,
          {
            assigneeId: request.assigneeId,
            startAt,
            endAt,
            arrivalWindowStart: null,
            arrivalWindowEnd: null,
          },
          now,
        ),
      );
      await notifyAppointmentChange(context, tx, {
        before: row,
        after: updated,
        notifyCustomer: request.notifyCustomer ?? true,
      });
      await recordHistory(
        tx,
        { organizationId: actor.organizationId, businessUnitId },
        id,
        await staffHistoryActor(tx, actor),
        "scheduled",
        diff(row, updated),
        now,
        check.warnings.length > 0
          ? `Placed past warnings: ${check.warnings.map((warning) => warning.message).join(" ")}`
          : undefined,
      );
      if (check.warnings.length > 0) {
        context.logger.info(
          {
            event: "schedule_forced",
            activityId: id,
            warnings: check.warnings.map((warning) => warning.code),
          },
          "visit placed past warnings",
        );
      }
      return check.warnings;
    }),
  );
  return { activity: await getActivity(context, actor, businessUnitId, id), warnings };
}

/**
 * Runs a placement; when the time was taken, adds to the conflict the next free slots from the
 * wanted start on (any worker, within the week), so the planner can pick another at once.
 */
async function placeOrOfferFresh<T>(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  startAt: Date,
  place: () => Promise<T>,
): Promise<T> {
  try {
    return await place();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "schedule_conflict") throw error;
    const unit = await businessUnitRepository(context.db, actor.organizationId).find(businessUnitId);
    if (!unit) throw error;
    const from = DateTime.fromJSDate(startAt, { zone: unit.timeZone }).toISODate()!;
    const suggestions = await suggestSlots(context, actor, businessUnitId, id, { from });
    throw new AppError("schedule_conflict", error.message, {
      ...error.details,
      freshSlots: nextFreeSlots(suggestions.all, startAt, FRESH_SLOTS),
    });
  }
}

/** The free slots from the wanted start on, in time order: what a planner looks at next. */
function nextFreeSlots<T extends { start: string; score: number }>(
  slots: readonly T[],
  from: Date,
  count: number,
): T[] {
  const wanted = from.toISOString();
  return slots
    .filter((slot) => slot.start >= wanted)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : b.score - a.score))
    .slice(0, count);
}

const FRESH_SLOTS = 5;

export async function unscheduleActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<ActivityView> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  await transition(
    context,
    actor,
    businessUnitId,
    id,
    "schedule",
    "unscheduled",
    () => ({
      assigneeId: null,
      startAt: null,
      endAt: null,
      arrivalWindowStart: null,
      arrivalWindowEnd: null,
    }),
    { afterWrite: (tx, before, after) => notifyAppointmentChange(context, tx, { before, after }) },
  );
  return getActivity(context, actor, businessUnitId, id);
}
