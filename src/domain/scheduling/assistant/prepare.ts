import type { IANAZone } from "luxon";
import { formatLocalDate, parseInstant, parseLocalDate } from "../working-time/calendar.js";
import { type DayAvailability, dayAvailability } from "../working-time/index.js";
import type { Span } from "../working-time/spans.js";
import { loadZone, startOfLocalDay } from "../working-time/wall-time.js";
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

export function parseOrThrow(value: string, name: string): number {
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
  return Math.floor((instant + zone.offset(instant) * MINUTE_MS) / 86_400_000);
}

/** The skills the worker lacks, or has below the required level. */
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

/** The worker's local days from `firstDay` to `lastDay` (day numbers), with working spans and stops. */
export function prepareDays(
  zone: IANAZone,
  worker: CandidateWorker,
  stops: readonly Stop[],
  firstDay: number,
  lastDay: number,
): PreparedDay[] {
  const availability = dayAvailability(worker.workingTime, {
    from: formatLocalDate(firstDay),
    to: formatLocalDate(lastDay),
  });
  return availability.map((day) => {
    const dayNumber = parseLocalDate(day.date) as number;
    const midnight = startOfLocalDay(zone, dayNumber);
    const nextMidnight = startOfLocalDay(zone, dayNumber + 1);
    return {
      date: day.date,
      availability: day,
      midnight,
      nextMidnight,
      working: day.working.map((interval) => ({
        start: Date.parse(interval.start),
        end: Date.parse(interval.end),
      })),
      stops: stops.filter((stop) => stop.end > midnight && stop.start < nextMidnight),
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

/** The reason a day without any working time gives, most specific first. */
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
