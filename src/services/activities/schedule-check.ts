import type { Executor } from "../../db/database.js";
import type { Reason } from "../../domain/scheduling/assistant/index.js";
import type { ActivityRow } from "../../repositories/activities.js";
import { businessUnitRepository } from "../../repositories/business-units.js";
import { notFound } from "../../server/errors.js";
import type { ServiceContext } from "../context.js";
import { checkPlacement } from "../scheduling/placement-check.js";

/** The assistant's reasons staff may override, and "already_started" for moving a visit whose start has passed. */
export type ScheduleWarningCode =
  | Exclude<Reason["code"], "overlap" | "fully_booked" | "inside_notice" | "beyond_horizon">
  | "already_started";

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
  /** The missing skill, for "lacks_skill". */
  skillName?: string;
  requiredLevel?: number;
  workerLevel?: number | null;
}

export interface ScheduleOverlap {
  id: string;
  reference: string;
  start: string;
  end: string;
}

export interface ScheduleCheck {
  overlap: ScheduleOverlap | undefined;
  warnings: ScheduleWarning[];
}

/**
 * Checks a staff placement with the assistant's rules (see `checkPlacement`). An overlap with
 * another open visit is returned apart, because nobody may force it; everything else is a warning
 * that staff may accept. Runs inside the booking transaction after the schedule lock.
 */
export async function checkSchedule(
  context: ServiceContext,
  tx: Executor,
  businessUnitId: string,
  placement: { activity: ActivityRow; assigneeId: string; startAt: Date },
): Promise<ScheduleCheck> {
  const unit = await businessUnitRepository(tx, placement.activity.organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  const check = await checkPlacement(context, tx, unit, { ...placement, minimumNoticeMinutes: 0 });
  const overlap = check.reasons.find((reason) => reason.code === "overlap");
  if (overlap) {
    return {
      overlap: {
        id: overlap.activityId,
        reference: overlap.reference,
        start: overlap.start,
        end: overlap.end,
      },
      warnings: [],
    };
  }
  return {
    overlap: undefined,
    warnings: check.reasons.flatMap((reason) => toWarning(reason, check.references)),
  };
}

/** Describes a reason in English for logs and API clients; the screens translate by code. */
export function describeReason(reason: Reason, references: Map<string, string> = new Map()): string {
  switch (reason.code) {
    case "lacks_skill":
      return reason.workerLevel === null
        ? `Lacks the skill ${reason.skillName} (level ${reason.requiredLevel} needed).`
        : `Has ${reason.skillName} at level ${reason.workerLevel}; level ${reason.requiredLevel} is needed.`;
    case "in_past":
      return "The start is in the past.";
    case "inside_notice":
      return `The start is inside the minimum notice; the earliest is ${reason.earliestStart}.`;
    case "outside_hours":
      return "Outside the worker's working hours.";
    case "lunch":
      return "During the worker's lunch break.";
    case "public_holiday":
      return `On a public holiday${reason.label ? ` (${reason.label})` : ""}.`;
    case "day_off":
      return `On a day off${reason.label ? ` (${reason.label})` : ""}.`;
    case "unavailable":
      return `The worker is unavailable${reason.unavailabilityReason ? ` (${reason.unavailabilityReason})` : ""}.`;
    case "overlap":
      return reason.reference
        ? `Overlaps visit ${reason.reference} from ${reason.start} to ${reason.end}.`
        : `Overlaps a visit of another unit from ${reason.start} to ${reason.end}.`;
    case "travel_from_previous": {
      const from = reason.activityId
        ? `visit ${references.get(reason.activityId) ?? reason.activityId}`
        : "the base";
      return `Needs ${reason.neededMinutes} min travel from ${from}, ${reason.availableMinutes} available.`;
    }
    case "travel_to_next": {
      const to = reason.activityId
        ? `visit ${references.get(reason.activityId) ?? reason.activityId}`
        : "the base";
      return `Needs ${reason.neededMinutes} min travel to ${to}, ${reason.availableMinutes} available.`;
    }
    case "fully_booked":
      return "The worker's day is fully booked.";
    case "beyond_horizon":
      return `Beyond the booking horizon; the last bookable day is ${reason.latestDate}.`;
  }
}

function toWarning(reason: Reason, references: Map<string, string>): ScheduleWarning[] {
  const message = describeReason(reason, references);
  switch (reason.code) {
    case "overlap":
    case "fully_booked":
    case "inside_notice":
    case "beyond_horizon":
      return [];
    case "lacks_skill":
      return [
        {
          code: reason.code,
          message,
          skillName: reason.skillName,
          requiredLevel: reason.requiredLevel,
          workerLevel: reason.workerLevel,
        },
      ];
    case "travel_from_previous":
    case "travel_to_next":
      return [
        {
          code: reason.code,
          message,
          neededMinutes: reason.neededMinutes,
          availableMinutes: reason.availableMinutes,
          ...(reason.activityId ? { activityId: reason.activityId } : {}),
        },
      ];
    case "unavailable":
      return [
        {
          code: reason.code,
          message,
          ...(reason.unavailabilityReason ? { unavailabilityReason: reason.unavailabilityReason } : {}),
        },
      ];
    case "public_holiday":
    case "day_off":
      return [{ code: reason.code, message, ...(reason.label ? { label: reason.label } : {}) }];
    default:
      return [{ code: reason.code, message }];
  }
}
