import type { IANAZone } from "luxon";
import { formatLocalDate, parseInstant } from "../working-time/calendar.js";
import {
  type DaySpans,
  dayAvailabilitySpans,
  formatDaySpans,
  withUnavailabilities,
} from "../working-time/day-availability.js";
import type { Span } from "../working-time/spans.js";
import type { DayAvailability } from "../working-time/types.js";
import { loadZone, offsetAt, startOfLocalDay } from "../working-time/wall-time.js";
import type { CandidateWorker, PlaceKey, Reason, RequiredSkill, TravelLookup, TravelSide } from "./types.js";

export const MINUTE_MS = 60_000;

/** A booked visit with its instants as epoch milliseconds. */
export interface Stop {
  id: string;
  reference: string;
  start: number;
  end: number;
  place: PlaceKey;
  inThisUnit: boolean;
}

/** One local day of a worker, ready for the search. */
export interface PreparedDay {
  date: string;
  availability: DayAvailability;
  /** Instant of the local midnight that starts the day, where candidate starts are counted from. */
  midnight: number;
  nextMidnight: number;
  working: Span[];
  /** Open visits touching the day, sorted by start. */
  stops: Stop[];
}

export function parseOrThrow(value: string | number, name: string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new RangeError(`Invalid ${name} ${value}: expected epoch milliseconds.`);
    return value;
  }
  const parsed = parseInstant(value);
  if (parsed === undefined)
    throw new RangeError(`Invalid ${name} "${value}": expected an ISO 8601 instant with an offset.`);
  return parsed;
}

export function zoneOrThrow(name: string): IANAZone {
  const zone = loadZone(name);
  if (!zone) throw new RangeError(`Unknown time zone "${name}".`);
  return zone;
}

/** Local date, in `zone`, of an instant. */
export function localDayNumber(zone: IANAZone, instant: number): number {
  return Math.floor((instant + offsetAt(zone, instant) * MINUTE_MS) / 86_400_000);
}

/** Lists the skills the worker lacks, or has below the required level. */
export function missingSkills(worker: CandidateWorker, required: readonly RequiredSkill[]): Reason[] {
  const reasons: Reason[] = [];
  for (const skill of required) {
    const level = worker.skills[skill.skillId];
    if (level === undefined || level < skill.minimumLevel) {
      reasons.push({
        code: "lacks_skill",
        skillId: skill.skillId,
        skillName: skill.name,
        requiredLevel: skill.minimumLevel,
        workerLevel: level ?? null,
      });
    }
  }
  return reasons;
}

/** Sorted stops of a worker, as epoch milliseconds. */
export function stopsOf(worker: CandidateWorker): Stop[] {
  return worker.visits
    .map((visit) => ({
      id: visit.id,
      reference: visit.reference,
      start: parseOrThrow(visit.start, "visit start"),
      end: parseOrThrow(visit.end, "visit end"),
      place: visit.place,
      inThisUnit: visit.inThisUnit,
    }))
    .sort((a, b) => a.start - b.start);
}

/**
 * Days without leave, computed once per distinct set of hours, exceptions and holidays within one
 * search: most workers of a unit share them, and computing days is the costly part of a search.
 */
export class SharedDays {
  private readonly days = new Map<string, DaySpans[]>();

  of(worker: CandidateWorker, firstDay: number, lastDay: number): DaySpans[] {
    const { workingTime } = worker;
    const key = JSON.stringify([
      workingTime.zone,
      workingTime.weeklyHours,
      workingTime.exceptions ?? [],
      workingTime.holidays ?? [],
    ]);
    let days = this.days.get(key);
    if (!days) {
      days = dayAvailabilitySpans(
        { ...workingTime, unavailabilities: [] },
        { from: formatLocalDate(firstDay), to: formatLocalDate(lastDay) },
      );
      this.days.set(key, days);
    }
    return days;
  }
}

/** The worker's local days from `firstDay` to `lastDay` (day numbers), with working spans and stops. */
export function prepareDays(
  zone: IANAZone,
  worker: CandidateWorker,
  stops: readonly Stop[],
  firstDay: number,
  lastDay: number,
  shared?: SharedDays,
): PreparedDay[] {
  const days = shared
    ? withUnavailabilities(shared.of(worker, firstDay, lastDay), worker.workingTime.unavailabilities ?? [])
    : dayAvailabilitySpans(worker.workingTime, {
        from: formatLocalDate(firstDay),
        to: formatLocalDate(lastDay),
      });
  let firstStop = 0;
  return days.map((day, index) => {
    const dayNumber = firstDay + index;
    const midnight = startOfLocalDay(zone, dayNumber);
    const nextMidnight = startOfLocalDay(zone, dayNumber + 1);
    // Stops are sorted by start: skip those that ended before this day, then take those that touch it.
    while (firstStop < stops.length && (stops[firstStop] as Stop).end <= midnight) firstStop++;
    const dayStops: Stop[] = [];
    for (let next = firstStop; next < stops.length && (stops[next] as Stop).start < nextMidnight; next++) {
      if ((stops[next] as Stop).end > midnight) dayStops.push(stops[next] as Stop);
    }
    let formatted: DayAvailability | undefined;
    return {
      date: day.date,
      get availability() {
        formatted ??= formatDaySpans(day);
        return formatted;
      },
      midnight,
      nextMidnight,
      working: day.working,
      stops: dayStops,
    };
  });
}

/** Travel between two places; zero, and flagged unknown, when one of them has no coordinates. */
export function travelSide(
  travel: TravelLookup,
  from: PlaceKey,
  to: PlaceKey,
  activityId: string | null,
): TravelSide {
  if (from === null || to === null) return { activityId, minutes: 0, km: 0, unknown: true };
  if (from === to) return { activityId, minutes: 0, km: 0, unknown: false };
  const { minutes, km } = travel(from, to);
  return { activityId, minutes, km, unknown: false };
}

/** Returns the reason of a day without any working time, most specific first. */
export function dayOffReason(day: DayAvailability): Reason {
  const blocked = day.blocked;
  const dayOff = blocked.find((part) => part.reason === "day_off");
  if (dayOff) return dayOff.label ? { code: "day_off", label: dayOff.label } : { code: "day_off" };
  const holiday = blocked.find((part) => part.reason === "public_holiday");
  if (holiday)
    return holiday.label ? { code: "public_holiday", label: holiday.label } : { code: "public_holiday" };
  const unavailable = blocked.find((part) => part.reason === "unavailable");
  if (unavailable) {
    return unavailable.unavailabilityReason
      ? { code: "unavailable", unavailabilityReason: unavailable.unavailabilityReason }
      : { code: "unavailable" };
  }
  return { code: "outside_hours" };
}
