import { DateTime } from "luxon";
import type { Executor } from "../../db/database.js";
import { estimateTravel, type Point } from "../../domain/scheduling/travel.js";
import { dayAvailability, explainOutsideWorkingTime } from "../../domain/scheduling/working-time/index.js";
import { type ActivityRow, activityRepository } from "../../repositories/activities.js";
import { businessUnitRepository } from "../../repositories/business-units.js";
import { teamRepository } from "../../repositories/team.js";
import { notFound } from "../../server/errors.js";
import { loadWorkingTimeInput } from "../team-service.js";

export type ScheduleWarningCode =
  | "outside_hours"
  | "lunch"
  | "public_holiday"
  | "day_off"
  | "unavailable"
  | "travel_from_previous"
  | "travel_to_next";

export interface ScheduleWarning {
  code: ScheduleWarningCode;
  message: string;
  /** Minutes of travel needed and minutes free, for the travel warnings. */
  neededMinutes?: number;
  availableMinutes?: number;
  /** The neighbouring visit, when the warning is about travel to or from it. */
  activityId?: string;
  unavailabilityReason?: string;
  /** The holiday's name or the day off's label, for the screens to show in their language. */
  label?: string;
}

export interface ScheduleCheck {
  overlap: ActivityRow | undefined;
  warnings: ScheduleWarning[];
}

/**
 * Checks a placement against the worker's other open visits (in every unit), working time and
 * travel to both neighbours. Runs inside the booking transaction after the schedule lock.
 */
export async function checkSchedule(
  tx: Executor,
  organizationId: string,
  businessUnitId: string,
  placement: { activity: ActivityRow; assigneeId: string; startAt: Date; endAt: Date },
): Promise<ScheduleCheck> {
  const { activity, assigneeId, startAt, endAt } = placement;
  const activities = activityRepository(tx, organizationId);
  const [overlap] = await activities.listOpenVisitsOfWorker(assigneeId, startAt, endAt, activity.id);
  if (overlap) return { overlap, warnings: [] };

  const unit = await businessUnitRepository(tx, organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  const zone = unit.timeZone;
  const firstDate = DateTime.fromJSDate(startAt, { zone }).toISODate()!;
  const lastDate = DateTime.fromJSDate(new Date(endAt.getTime() - 1), { zone }).toISODate()!;
  const input = await loadWorkingTimeInput(tx, organizationId, unit, assigneeId, {
    from: firstDate,
    to: lastDate,
  });
  const days = dayAvailability(input, { from: firstDate, to: lastDate });

  const warnings: ScheduleWarning[] = [];
  const blocked = explainOutsideWorkingTime(days, startAt, endAt);
  if (blocked) {
    warnings.push({
      code: blocked.reason,
      message: describeBlocked(blocked.reason, blocked.label, blocked.unavailabilityReason),
      ...(blocked.unavailabilityReason ? { unavailabilityReason: blocked.unavailabilityReason } : {}),
      ...(blocked.label ? { label: blocked.label } : {}),
    });
  }

  const here = pointOf(activity);
  if (here) {
    const day = days[0]!;
    const dayStart = new Date(DateTime.fromISO(firstDate, { zone }).startOf("day").toMillis());
    const dayEnd = new Date(DateTime.fromISO(lastDate, { zone }).endOf("day").toMillis() + 1);
    const sameDay = await activities.listOpenVisitsOfWorker(assigneeId, dayStart, dayEnd, activity.id);
    const previous = [...sameDay].reverse().find((visit) => visit.endAt! <= startAt);
    const next = sameDay.find((visit) => visit.startAt! >= endAt);
    const profile = await teamRepository(tx, organizationId).findProfile(businessUnitId, assigneeId);
    const base =
      profile?.baseLatitude != null && profile.baseLongitude != null
        ? { latitude: profile.baseLatitude, longitude: profile.baseLongitude }
        : undefined;
    const workStart = day.working[0] ? new Date(day.working[0].start) : undefined;
    const workEnd = days.at(-1)?.working.at(-1) ? new Date(days.at(-1)!.working.at(-1)!.end) : undefined;

    const from = previous ? pointOf(previous) : base;
    const freeBefore = previous ? previous.endAt! : workStart;
    if (from && freeBefore) {
      const travel = estimateTravel(from, here);
      const available = Math.floor((startAt.getTime() - freeBefore.getTime()) / 60_000);
      if (travel.minutes > available) {
        warnings.push({
          code: "travel_from_previous",
          neededMinutes: travel.minutes,
          availableMinutes: Math.max(0, available),
          ...(previous ? { activityId: previous.id } : {}),
          message: `Needs ${travel.minutes} min travel from ${previous ? `visit ${previous.reference}` : "the base"}, ${Math.max(0, available)} available.`,
        });
      }
    }
    const to = next ? pointOf(next) : base;
    const freeAfter = next ? next.startAt! : workEnd;
    if (to && freeAfter) {
      const travel = estimateTravel(here, to);
      const available = Math.floor((freeAfter.getTime() - endAt.getTime()) / 60_000);
      if (travel.minutes > available) {
        warnings.push({
          code: "travel_to_next",
          neededMinutes: travel.minutes,
          availableMinutes: Math.max(0, available),
          ...(next ? { activityId: next.id } : {}),
          message: `Needs ${travel.minutes} min travel to ${next ? `visit ${next.reference}` : "the base"}, ${Math.max(0, available)} available.`,
        });
      }
    }
  }
  return { overlap: undefined, warnings };
}

function pointOf(row: { latitude: number | null; longitude: number | null }): Point | undefined {
  return row.latitude !== null && row.longitude !== null
    ? { latitude: row.latitude, longitude: row.longitude }
    : undefined;
}

function describeBlocked(
  reason: string,
  label: string | undefined,
  unavailabilityReason: string | undefined,
): string {
  switch (reason) {
    case "outside_hours":
      return "Outside the worker's working hours.";
    case "lunch":
      return "During the worker's lunch break.";
    case "public_holiday":
      return `On a public holiday${label ? ` (${label})` : ""}.`;
    case "day_off":
      return `On a day off${label ? ` (${label})` : ""}.`;
    default:
      return `The worker is unavailable${unavailabilityReason ? ` (${unavailabilityReason})` : ""}.`;
  }
}
