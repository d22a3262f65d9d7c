import { DateTime } from "luxon";
import type { DerivedState } from "../domain/activities/lifecycle.js";
import { estimateTravel, type Point } from "../domain/scheduling/travel.js";
import {
  type DayAvailability,
  dayAvailability,
  type PublicHoliday,
  publicHolidays,
  UNAVAILABILITY_REASONS,
  type Unavailability,
  type UnavailabilityReason,
  validateDateRange,
} from "../domain/scheduling/working-time/index.js";
import { activityRepository } from "../repositories/activities.js";
import { businessUnitRepository } from "../repositories/business-units.js";
import { teamRepository } from "../repositories/team.js";
import { invalidField, notFound } from "../server/errors.js";
import { type Actor, requireMember } from "./access.js";
import { listActivities } from "./activities/activity-service.js";
import type { ServiceContext } from "./context.js";
import { toFieldProblems, validationError } from "./problems.js";
import { DEFAULT_WEEKLY_HOURS } from "./team-service.js";

/** At most six weeks at once keeps one answer small enough for a phone. */
const MAX_DAYS = 42;

export interface ScheduleVisit {
  id: string;
  reference: string;
  businessUnitId: string;
  /** False for a visit booked in another unit: it blocks the time but is shown without details. */
  inThisUnit: boolean;
  /** Empty for a visit of another unit. */
  activityTypeId: string;
  activityTypeName: string;
  colour: string;
  state: DerivedState;
  customerName: string | null;
  addressLine1: string | null;
  postcode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  startAt: string;
  endAt: string;
  confirmedByCustomer: boolean;
}

export interface TravelLeg {
  /** The visit travelled from, or null for the base. */
  fromActivityId: string | null;
  /** The visit travelled to, or null for the base. */
  toActivityId: string | null;
  /** The leg drawn just before the arrival (or just after leaving, for the way back to base). */
  startAt: string;
  endAt: string;
  minutes: number;
  km: number;
}

export interface ScheduleWorker {
  userId: string;
  name: string;
  colour: string;
  base: Point | null;
  days: DayAvailability[];
  visits: ScheduleVisit[];
  travel: TravelLeg[];
}

export interface TeamSchedule {
  timeZone: string;
  from: string;
  to: string;
  holidays: PublicHoliday[];
  workers: ScheduleWorker[];
}

/**
 * The team schedule of [from, to] (local dates of the unit): one row per field worker with
 * working and blocked time, visits and the travel between them (built-in estimate). Planners see
 * every worker; a field worker sees their own row only.
 */
export async function getTeamSchedule(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  range: { from: string; to: string; workerId?: string },
): Promise<TeamSchedule> {
  const roles = requireMember(actor, businessUnitId);
  const planner = roles.includes("admin") || roles.includes("planner");
  const problems = toFieldProblems(validateDateRange({ from: range.from, to: range.to }), "");
  if (problems.length > 0) throw validationError(problems);
  const unit = await businessUnitRepository(context.db, actor.organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  const zone = unit.timeZone;
  const fromDay = DateTime.fromISO(range.from, { zone }).startOf("day");
  const toDay = DateTime.fromISO(range.to, { zone }).startOf("day");
  if (toDay.diff(fromDay, "days").days + 1 > MAX_DAYS) {
    throw invalidField("to", `ask for at most ${MAX_DAYS} days at once`, range.to);
  }
  const rangeStart = fromDay.toJSDate();
  const rangeEnd = toDay.plus({ days: 1 }).toJSDate();

  const team = teamRepository(context.db, actor.organizationId);
  let workers = await team.listFieldWorkers(businessUnitId);
  const onlyWorker = planner ? range.workerId : actor.userId;
  if (onlyWorker) workers = workers.filter((worker) => worker.userId === onlyWorker);
  const userIds = workers.map((worker) => worker.userId);

  // Exceptions and leave are read with a day of margin: they are local dates and instants.
  const [exceptions, unavailabilities, visitRows] = await Promise.all([
    team.listExceptionsOfWorkers(businessUnitId, userIds),
    team.listUnavailabilitiesOfWorkers(
      userIds,
      fromDay.minus({ days: 1 }).toJSDate(),
      toDay.plus({ days: 2 }).toJSDate(),
    ),
    activityRepository(context.db, actor.organizationId).listVisitsOfWorkers(
      userIds,
      rangeStart,
      rangeEnd,
      context.clock.now(),
    ),
  ]);
  const holidays: PublicHoliday[] = [];
  for (let year = fromDay.year; year <= toDay.year; year++) {
    holidays.push(...publicHolidays(unit.country, year, { language: unit.language === "fr" ? "fr" : "en" }));
  }

  const result: ScheduleWorker[] = workers.map((worker, index) => {
    const base =
      worker.profile?.baseLatitude != null && worker.profile.baseLongitude != null
        ? { latitude: worker.profile.baseLatitude, longitude: worker.profile.baseLongitude }
        : null;
    const days = dayAvailability(
      {
        zone,
        weeklyHours: worker.profile?.weeklyHours ?? DEFAULT_WEEKLY_HOURS,
        exceptions: exceptions.filter((row) => row.userId === worker.userId).map((row) => row.exception),
        holidays,
        unavailabilities: unavailabilities
          .filter((row) => row.userId === worker.userId)
          .map(toUnavailability),
      },
      { from: range.from, to: range.to },
    );
    const visits: ScheduleVisit[] = visitRows
      .filter((row) => row.activity.assigneeId === worker.userId)
      .map((row) => {
        const inThisUnit = row.activity.businessUnitId === businessUnitId;
        return {
          id: row.activity.id,
          reference: inThisUnit ? row.activity.reference : "",
          businessUnitId: row.activity.businessUnitId,
          inThisUnit,
          activityTypeId: inThisUnit ? row.activity.activityTypeId : "",
          activityTypeName: inThisUnit ? row.typeName : "",
          colour: row.typeColour,
          state: row.state,
          customerName: inThisUnit ? row.customerName : null,
          addressLine1: inThisUnit ? row.activity.addressLine1 : null,
          postcode: inThisUnit ? row.activity.postcode : null,
          city: inThisUnit ? row.activity.city : null,
          latitude: row.activity.latitude,
          longitude: row.activity.longitude,
          startAt: row.activity.startAt!.toISOString(),
          endAt: row.activity.endAt!.toISOString(),
          confirmedByCustomer: row.activity.confirmedByCustomer,
        };
      });
    return {
      userId: worker.userId,
      name: worker.name,
      colour: worker.profile?.colour ?? FALLBACK_COLOURS[index % FALLBACK_COLOURS.length]!,
      base,
      days,
      visits,
      travel: travelLegs(visits, base, zone),
    };
  });
  return { timeZone: zone, from: range.from, to: range.to, holidays, workers: result };
}

const FALLBACK_COLOURS = [
  "#1c7ed6",
  "#e8590c",
  "#2f9e44",
  "#ae3ec9",
  "#f08c00",
  "#0c8599",
  "#e03131",
  "#5f3dc4",
];

/**
 * Travel legs of each local day: base → first visit, between consecutive visits, last visit →
 * base. A leg touching a visit without coordinates ("not located") is left out.
 */
export function travelLegs(visits: ScheduleVisit[], base: Point | null, zone: string): TravelLeg[] {
  const legs: TravelLeg[] = [];
  const byDay = new Map<string, ScheduleVisit[]>();
  for (const visit of visits) {
    const day = DateTime.fromISO(visit.startAt, { zone }).toISODate()!;
    byDay.set(day, [...(byDay.get(day) ?? []), visit]);
  }
  for (const dayVisits of byDay.values()) {
    const ordered = [...dayVisits].sort((a, b) => a.startAt.localeCompare(b.startAt));
    let previous: { point: Point | null; id: string | null; endAt: string | null } = {
      point: base,
      id: null,
      endAt: null,
    };
    for (const visit of ordered) {
      const here = pointOf(visit);
      if (previous.point && here) {
        const travel = estimateTravel(previous.point, here);
        if (travel.minutes > 0) {
          const arrival = Date.parse(visit.startAt);
          legs.push({
            fromActivityId: previous.id,
            toActivityId: visit.id,
            startAt: new Date(arrival - travel.minutes * 60_000).toISOString(),
            endAt: visit.startAt,
            ...travel,
          });
        }
      }
      previous = { point: here, id: visit.id, endAt: visit.endAt };
    }
    if (previous.point && base && previous.endAt) {
      const travel = estimateTravel(previous.point, base);
      if (travel.minutes > 0) {
        const departure = Date.parse(previous.endAt);
        legs.push({
          fromActivityId: previous.id,
          toActivityId: null,
          startAt: previous.endAt,
          endAt: new Date(departure + travel.minutes * 60_000).toISOString(),
          ...travel,
        });
      }
    }
  }
  return legs;
}

function pointOf(visit: { latitude: number | null; longitude: number | null }): Point | null {
  return visit.latitude !== null && visit.longitude !== null
    ? { latitude: visit.latitude, longitude: visit.longitude }
    : null;
}

function toUnavailability(row: {
  id: string;
  startAt: Date;
  endAt: Date;
  reason: string;
  note: string | null;
}): Unavailability {
  return {
    id: row.id,
    start: row.startAt.toISOString(),
    end: row.endAt.toISOString(),
    reason: (UNAVAILABILITY_REASONS as readonly string[]).includes(row.reason)
      ? (row.reason as UnavailabilityReason)
      : "other",
    ...(row.note ? { note: row.note } : {}),
  };
}

/** Open activities without a worker or time, for the list beside the team schedule. */
export async function listUnscheduled(context: ServiceContext, actor: Actor, businessUnitId: string) {
  return listActivities(context, actor, businessUnitId, { states: ["unscheduled"], limit: 200 });
}
