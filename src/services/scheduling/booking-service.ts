import { DateTime } from "luxon";
import type { Transaction } from "../../db/database.js";
import {
  type BookingPolicy,
  customerMayChange,
  explainPlacement,
  type Reason,
} from "../../domain/scheduling/assistant/index.js";
import { parseInstant } from "../../domain/scheduling/working-time/calendar.js";
import { type ActivityRow, activityRepository } from "../../repositories/activities.js";
import { type BusinessUnitRow, businessUnitRepository } from "../../repositories/business-units.js";
import { membershipRepository } from "../../repositories/memberships.js";
import { AppError, invalidField, notFound } from "../../server/errors.js";
import { type Actor, requireRole } from "../access.js";
import { type HistoryActor, recordHistory, staffHistoryActor } from "../activities/history.js";
import { diff, PLANNING_ROLES, refuseUnless, writeOrConflict } from "../activities/shared.js";
import type { ServiceContext } from "../context.js";
import { notifyAppointmentChange } from "../notifications/appointments.js";
import { offerWindows, policyOf, searchSlots, subjectOf } from "./assistant-service.js";
import { checkPlacement } from "./placement-check.js";
import { travelProviderFor } from "./providers.js";
import { loadSearchData, loadTravel } from "./search-data.js";

/** The person booking under a policy: staff on a customer's behalf, or the customer in the portal. */
export type Booker =
  | { kind: "staff"; actor: Actor }
  | { kind: "customer"; organizationId: string; customerId: string; name: string };

export interface PolicyBookingRequest {
  /** Exact start, an ISO 8601 instant with an offset. */
  start?: string;
  /** Exact start as a local wall time of the unit, "2026-06-10T12:00". */
  startLocal?: string;
  /** Start of an arrival window that the offer listed; the best feasible exact start inside it is booked. */
  windowStart?: string;
  /** A given worker; only staff, or customers when the policy names workers. */
  workerId?: string;
  /**
   * Runs inside the booking's transaction once the activity is locked, before the write; it may
   * throw to refuse. The portal checks its action's conditions again here, so that two runs of the
   * same action cannot both pass.
   */
  guard?: (tx: Transaction, row: ActivityRow) => Promise<void>;
}

export interface PolicyBooking {
  activityId: string;
  assigneeId: string;
  startAt: string;
  endAt: string;
  arrivalWindow: { start: string; end: string } | null;
}

/** A bounded number of tries when the chosen start is taken meanwhile. */
const MAX_ATTEMPTS = 5;
/** Days searched for fresh windows after a conflict, from the wanted day. */
const FRESH_DAYS = 3;

function refused(reasons: Reason[], message: string): AppError {
  return new AppError("slot_refused", message, { reasons });
}

/** Reads the request's start, refusing text without an offset and local times that do not exist. */
function requestedStart(unit: BusinessUnitRow, request: PolicyBookingRequest): { field: string; at: Date } {
  const given = (["start", "startLocal", "windowStart"] as const).filter(
    (field) => request[field] !== undefined,
  );
  if (given.length !== 1) {
    throw new AppError("validation_failed", "Give exactly one of start, startLocal and windowStart.", {
      fields: [{ path: "start", message: "give exactly one of start, startLocal and windowStart" }],
    });
  }
  const field = given[0] as "start" | "startLocal" | "windowStart";
  const value = request[field] as string;
  if (field !== "startLocal") {
    const epochMs = parseInstant(value);
    if (epochMs === undefined) {
      throw new AppError(
        "invalid_time",
        `${field} "${value}" has no UTC offset, so its instant is ambiguous; add one, such as ${value}+02:00 or Z.`,
        { fields: [{ path: field, message: "expected an ISO 8601 instant with an offset", value }] },
      );
    }
    return { field, at: new Date(epochMs) };
  }
  return { field, at: localToInstant(unit.timeZone, value) };
}

/** Converts a local wall time in the unit's zone, rejecting one the clock skips or shows twice. */
export function localToInstant(zone: string, value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  const parsed = match ? DateTime.fromISO(value, { zone }) : undefined;
  if (!parsed?.isValid) {
    throw new AppError(
      "invalid_time",
      `startLocal "${value}" is not a local date and time such as 2026-06-10T12:00.`,
      {
        fields: [
          { path: "startLocal", message: "expected a local date and time such as 2026-06-10T12:00", value },
        ],
      },
    );
  }
  // Luxon moves a time in the spring-forward gap to after it; the wall time then differs.
  if (parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== value) {
    throw new AppError("nonexistent_local_time", `${value} does not exist in ${zone}: the clocks skip it.`, {
      fields: [{ path: "startLocal", message: `does not exist in ${zone}`, value }],
    });
  }
  const earlier = parsed.minus({ hours: 1 });
  const later = parsed.plus({ hours: 1 });
  const sameWall = (other: DateTime) =>
    other.offset !== parsed.offset &&
    DateTime.fromMillis(parsed.toMillis() + (parsed.offset - other.offset) * 60_000, { zone }).toFormat(
      "yyyy-MM-dd'T'HH:mm",
    ) === value;
  if (sameWall(earlier) || sameWall(later)) {
    throw new AppError(
      "ambiguous_local_time",
      `${value} happens twice in ${zone}; give the start with its offset.`,
      {
        fields: [{ path: "startLocal", message: `happens twice in ${zone}`, value }],
      },
    );
  }
  return parsed.toJSDate();
}

/** Returns the first instant past the policy's horizon: midnight after the last bookable day. */
function horizonEnd(unit: BusinessUnitRow, policy: BookingPolicy, now: Date): Date {
  return DateTime.fromJSDate(now, { zone: unit.timeZone })
    .startOf("day")
    .plus({ days: policy.horizonDays + 1 })
    .toJSDate();
}

/** Reasons the policy alone refuses a start for: past, inside the notice, beyond the horizon. */
function policyReasons(
  unit: BusinessUnitRow,
  policy: BookingPolicy,
  now: Date,
  start: Date,
  end: Date,
): Reason[] {
  const earliest = new Date(now.getTime() + policy.minimumNoticeMinutes * 60_000);
  if (end <= now || start < now) return [{ code: "in_past" }];
  if (start < earliest) return [{ code: "inside_notice", earliestStart: earliest.toISOString() }];
  if (start >= horizonEnd(unit, policy, now))
    return [{ code: "beyond_horizon", latestDate: lastBookableDate(unit, policy, now) }];
  return [];
}

function lastBookableDate(unit: BusinessUnitRow, policy: BookingPolicy, now: Date): string {
  return DateTime.fromJSDate(now, { zone: unit.timeZone }).plus({ days: policy.horizonDays }).toISODate()!;
}

/** Candidate (worker, start) pairs to try in order, best first. */
async function candidatesFor(
  context: ServiceContext,
  unit: BusinessUnitRow,
  row: ActivityRow,
  policy: BookingPolicy,
  request: PolicyBookingRequest,
  requested: { field: string; at: Date },
): Promise<{ workerId: string; start: Date }[]> {
  const subject = await subjectOf(context, row);
  if (requested.field === "windowStart") {
    const windowEnd = new Date(requested.at.getTime() + policy.arrivalWindowMinutes * 60_000);
    const { result } = await searchSlots(
      context,
      unit,
      subject,
      { from: requested.at, to: windowEnd },
      policy.minimumNoticeMinutes,
    );
    return result.slots
      .filter((slot) => request.workerId === undefined || slot.workerId === request.workerId)
      .map((slot) => ({ workerId: slot.workerId, start: new Date(slot.start) }));
  }
  if (request.workerId !== undefined) return [{ workerId: request.workerId, start: requested.at }];

  // Any worker who can take this exact start, the least added travel first.
  const end = new Date(requested.at.getTime() + row.durationMinutes * 60_000);
  const data = await loadSearchData(
    context.db,
    unit.organizationId,
    unit,
    { from: requested.at, to: end },
    {
      exceptActivityId: row.id,
    },
  );
  const travel = await loadTravel(travelProviderFor(context, data.settings), subject.place, data.workers);
  const feasible = data.workers
    .map((worker) => ({
      worker,
      explanation: explainPlacement({
        zone: unit.timeZone,
        durationMinutes: row.durationMinutes,
        place: subject.place,
        requiredSkills: subject.requiredSkills,
        now: context.clock.now().toISOString(),
        minimumNoticeMinutes: policy.minimumNoticeMinutes,
        worker,
        travel,
        start: requested.at.toISOString(),
      }),
    }))
    .sort(
      (a, b) =>
        a.explanation.reasons.length - b.explanation.reasons.length ||
        travelOf(a.explanation) - travelOf(b.explanation),
    );
  const best = feasible[0];
  if (best && best.explanation.reasons.length > 0) {
    throw refused(best.explanation.reasons, "No field worker can take the visit at this time.");
  }
  return feasible
    .filter((entry) => entry.explanation.reasons.length === 0)
    .map((entry) => ({ workerId: entry.worker.id, start: requested.at }));
}

function travelOf(explanation: {
  travelBefore: { minutes: number } | null;
  travelAfter: { minutes: number } | null;
}) {
  return (explanation.travelBefore?.minutes ?? 0) + (explanation.travelAfter?.minutes ?? 0);
}

/**
 * Books or moves an activity under its type's booking policy, as a customer may: nothing can be
 * forced. Inside one transaction per attempt it locks the worker's schedule, re-checks the start
 * with travel to both neighbours, and writes; the exclusion constraint backs the check. A start
 * taken meanwhile is a 409 with fresh windows; a start the rules refuse is a 422 with reasons.
 * Customers may move a booked visit only until the policy's reschedule cut-off.
 */
export async function bookUnderPolicy(
  context: ServiceContext,
  booker: Booker,
  businessUnitId: string,
  activityId: string,
  request: PolicyBookingRequest,
): Promise<PolicyBooking> {
  const organizationId = booker.kind === "staff" ? booker.actor.organizationId : booker.organizationId;
  if (booker.kind === "staff") requireRole(booker.actor, businessUnitId, PLANNING_ROLES);
  const unit = await businessUnitRepository(context.db, organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  const row = await activityRepository(context.db, organizationId).find(businessUnitId, activityId);
  if (!row || (booker.kind === "customer" && row.customerId !== booker.customerId)) {
    throw notFound("Activity not found.");
  }
  refuseUnless("schedule", row);
  const { policy } = await policyOf(context, organizationId, businessUnitId, row.activityTypeId);
  if (booker.kind === "customer" && request.workerId !== undefined && !policy.showWorker) {
    throw new AppError("validation_failed", "workerId: customers cannot choose the field worker here.", {
      fields: [
        {
          path: "workerId",
          message: "customers cannot choose the field worker here",
          value: request.workerId,
        },
      ],
    });
  }
  const now = context.clock.now();
  refuseLateChange(booker, row, policy, now);

  const requested = requestedStart(unit, request);
  const window =
    requested.field === "windowStart"
      ? { start: requested.at, end: new Date(requested.at.getTime() + policy.arrivalWindowMinutes * 60_000) }
      : null;
  if (!window) {
    const end = new Date(requested.at.getTime() + row.durationMinutes * 60_000);
    const reasons = policyReasons(unit, policy, now, requested.at, end);
    if (reasons.length > 0) throw refused(reasons, "The booking policy does not allow this start.");
  } else {
    refuseWindow(unit, policy, now, window);
  }
  if (request.workerId !== undefined) await requireFieldWorker(context, unit, request.workerId);

  const candidates = (await candidatesFor(context, unit, row, policy, request, requested)).slice(
    0,
    MAX_ATTEMPTS,
  );
  for (const candidate of candidates) {
    const outcome = await attempt(context, unit, row, booker, policy, candidate, window, request.guard);
    if (outcome.booked) return outcome.booked;
    if (outcome.refusal && !window) throw outcome.refusal;
  }
  // Fresh choices from the wanted day over the next days: enough to pick again at once, and
  // cheap enough that a burst of refused attempts does not become a burst of long searches.
  const firstDay = DateTime.fromJSDate(requested.at, { zone: unit.timeZone });
  const { offer } = await offerWindows(context, unit, await subjectOf(context, row), policy, {
    from: firstDay.toISODate()!,
    to: firstDay.plus({ days: FRESH_DAYS - 1 }).toISODate()!,
  });
  throw new AppError("schedule_conflict", "This time was just taken; choose one of the fresh windows.", {
    freshWindows: offer.windows,
  });
}

/**
 * Refuses a window that the offers could not have listed: one not on the grid of the unit's local
 * midnight + k × window length, one that ends before the earliest allowed start, or one past the
 * horizon.
 */
function refuseWindow(
  unit: BusinessUnitRow,
  policy: BookingPolicy,
  now: Date,
  window: { start: Date; end: Date },
): void {
  const local = DateTime.fromJSDate(window.start, { zone: unit.timeZone });
  const minutesSinceMidnight = local.hour * 60 + local.minute;
  if (
    local.second !== 0 ||
    local.millisecond !== 0 ||
    minutesSinceMidnight % policy.arrivalWindowMinutes !== 0
  ) {
    throw new AppError("validation_failed", "windowStart: use the start of one of the offered windows.", {
      fields: [
        {
          path: "windowStart",
          message: "use the start of one of the offered windows",
          value: window.start.toISOString(),
        },
      ],
    });
  }
  const earliest = new Date(now.getTime() + policy.minimumNoticeMinutes * 60_000);
  if (window.end <= now) throw refused([{ code: "in_past" }], "This window is in the past.");
  if (window.end <= earliest) {
    throw refused(
      [{ code: "inside_notice", earliestStart: earliest.toISOString() }],
      "This window is inside the minimum notice.",
    );
  }
  const reasons = policyReasons(unit, policy, now, window.start, window.end).filter(
    (reason) => reason.code === "beyond_horizon",
  );
  if (reasons.length > 0) throw refused(reasons, "The booking policy does not allow this window.");
}

/** Refuses a worker id that is not a field worker of the unit, with the field named. */
async function requireFieldWorker(
  context: ServiceContext,
  unit: BusinessUnitRow,
  workerId: string,
): Promise<void> {
  const membership = await membershipRepository(context.db, unit.organizationId).find(unit.id, workerId);
  if (!membership?.roles.includes("field_worker")) {
    throw invalidField("workerId", "no such field worker in this business unit", workerId);
  }
}

function refuseLateChange(booker: Booker, row: ActivityRow, policy: BookingPolicy, now: Date): void {
  if (booker.kind !== "customer" || !row.startAt) return;
  if (!customerMayChange(row.startAt, now, policy.rescheduleCutoffHours)) {
    throw new AppError(
      "change_too_late",
      `This visit can no longer be moved online: changes close ${policy.rescheduleCutoffHours} h before its start.`,
      { cutoffHours: policy.rescheduleCutoffHours },
    );
  }
}

async function attempt(
  context: ServiceContext,
  unit: BusinessUnitRow,
  activity: ActivityRow,
  booker: Booker,
  policy: BookingPolicy,
  candidate: { workerId: string; start: Date },
  window: { start: Date; end: Date } | null,
  guard: PolicyBookingRequest["guard"],
): Promise<{ booked?: PolicyBooking; refusal?: AppError }> {
  const activityId = activity.id;
  // A time already taken is refused without the lock. The check inside the lock, and the
  // exclusion constraint under it, still decide for times that look free.
  const end = new Date(candidate.start.getTime() + activity.durationMinutes * 60_000);
  const taken = await activityRepository(context.db, unit.organizationId).listOpenVisitsOfWorker(
    candidate.workerId,
    candidate.start,
    end,
    activityId,
  );
  if (taken.length > 0) return {};
  try {
    return await context.db.transaction(async (tx) => {
      const repository = activityRepository(tx, unit.organizationId);
      await repository.lockWorkerSchedule(candidate.workerId);
      const row = await repository.find(unit.id, activityId, { forUpdate: true });
      if (!row) throw notFound("Activity not found.");
      refuseUnless("schedule", row);
      const now = context.clock.now();
      refuseLateChange(booker, row, policy, now);
      await guard?.(tx, row);
      const check = await checkPlacement(context, tx, unit, {
        activity: row,
        assigneeId: candidate.workerId,
        startAt: candidate.start,
        minimumNoticeMinutes: policy.minimumNoticeMinutes,
      });
      if (check.reasons.some((reason) => reason.code === "overlap")) return {};
      if (check.reasons.length > 0) {
        return { refusal: refused(check.reasons, "The field worker cannot take the visit at this time.") };
      }
      const startAt = candidate.start;
      const endAt = new Date(startAt.getTime() + row.durationMinutes * 60_000);
      const updated = await writeOrConflict(() =>
        repository.update(
          row.id,
          {
            assigneeId: candidate.workerId,
            startAt,
            endAt,
            arrivalWindowStart: window?.start ?? null,
            arrivalWindowEnd: window?.end ?? null,
            confirmedByCustomer: booker.kind === "customer" ? true : row.confirmedByCustomer,
          },
          now,
        ),
      );
      await notifyAppointmentChange(context, tx, { before: row, after: updated });
      const historyActor: HistoryActor =
        booker.kind === "staff"
          ? await staffHistoryActor(tx, booker.actor)
          : { kind: "customer", id: booker.customerId, name: booker.name };
      await recordHistory(
        tx,
        { organizationId: unit.organizationId, businessUnitId: unit.id },
        row.id,
        historyActor,
        row.startAt ? "rescheduled" : "booked",
        diff(row, updated),
        now,
        window ? `Arrival window ${window.start.toISOString()} to ${window.end.toISOString()}.` : undefined,
      );
      return {
        booked: {
          activityId: row.id,
          assigneeId: candidate.workerId,
          startAt: startAt.toISOString(),
          endAt: endAt.toISOString(),
          arrivalWindow: window ? { start: window.start.toISOString(), end: window.end.toISOString() } : null,
        },
      };
    });
  } catch (error) {
    // The exclusion constraint caught an overlap the check could not see: try the next candidate.
    if (error instanceof AppError && error.code === "schedule_conflict") return {};
    throw error;
  }
}
