/**
 * Shapes of working hours, exceptions, unavailabilities and the computed availability.
 * Every input shape is plain JSON, so it can be stored as jsonb and sent through the API unchanged.
 */

/** Calendar date "YYYY-MM-DD" in the business unit's zone. */
export type LocalDate = string;

/**
 * Local wall time "HH:MM" on a 24-hour clock, from "00:00" to "23:59".
 * "24:00" is accepted only as the end of a range and means the next midnight.
 */
export type WallTime = string;

/** Half-open range of wall times [start, end) within one local day. The start is before the end. */
export interface WallTimeRange {
  start: WallTime;
  end: WallTime;
}

export const ISO_WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** ISO weekday as a JSON object key: "1" is Monday and "7" is Sunday. */
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/**
 * Weekly pattern of working hours in local wall time.
 * Ranges never cross midnight: a night shift is "22:00"-"24:00" on one day and "00:00"-"06:00" on the next.
 */
export interface WeeklyHours {
  /** Working ranges per weekday. A missing weekday or an empty list is a day without hours. */
  days: Partial<Record<IsoWeekday, WallTimeRange[]>>;
  /** Lunch break subtracted on every day with hours, except on weekdays listed in `lunchByDay`. */
  lunch?: WallTimeRange;
  /** Lunch break per weekday, replacing `lunch` on that day. `null` means no lunch break that day. */
  lunchByDay?: Partial<Record<IsoWeekday, WallTimeRange | null>>;
}

/** Different hours, or days off, for the dates from `from` to `to` inclusive. */
export interface HoursException {
  from: LocalDate;
  to: LocalDate;
  /** Weekly pattern used on these dates instead of the regular one, or "off" for days off. */
  hours: WeeklyHours | "off";
  /** Text shown to planners, such as "Summer hours" or "Training week". */
  label?: string;
  /**
   * Whether `hours` also apply on public holidays inside a range of several dates (default false).
   * An exception for a single date (`from` equal to `to`) always applies on a public holiday.
   */
  worksOnPublicHolidays?: boolean;
}

export const UNAVAILABILITY_REASONS = ["leave", "sick", "training", "other"] as const;
export type UnavailabilityReason = (typeof UNAVAILABILITY_REASONS)[number];

/**
 * Period [start, end) when a field worker cannot work, of any length.
 * `start` and `end` are ISO 8601 instants with an explicit offset, such as "2026-07-30T12:00:00+02:00".
 */
export interface Unavailability {
  id: string;
  start: string;
  end: string;
  reason: UnavailabilityReason;
  note?: string;
}

/** Public holiday of a business unit's country, a whole local day off. */
export interface PublicHoliday {
  date: LocalDate;
  name: string;
}

/** Everything that decides a field worker's working time. */
export interface WorkingTimeInput {
  /** IANA zone of the business unit, such as "Europe/Paris". Wall times are read in this zone. */
  zone: string;
  weeklyHours: WeeklyHours;
  /** Dated exceptions. When several cover a date, the one listed last applies. */
  exceptions?: readonly HoursException[];
  holidays?: readonly PublicHoliday[];
  unavailabilities?: readonly Unavailability[];
}

/** Local dates from `from` to `to`, both included. */
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/**
 * Half-open interval [start, end) of instants. Both ends are UTC ISO 8601 strings in the fixed
 * `Date.prototype.toISOString()` form, such as "2026-03-29T01:00:00.000Z", so they sort as text.
 */
export interface Interval {
  start: string;
  end: string;
}

export const BLOCKED_REASONS = [
  "outside_hours",
  "lunch",
  "public_holiday",
  "day_off",
  "unavailable",
] as const;
export type BlockedReason = (typeof BLOCKED_REASONS)[number];

/** Part of a local day that is not working time, with the reason. */
export interface BlockedInterval extends Interval {
  reason: BlockedReason;
  /** Id of the unavailability, when `reason` is "unavailable". */
  unavailabilityId?: string;
  /** Kind of the unavailability, when `reason` is "unavailable". */
  unavailabilityReason?: UnavailabilityReason;
  /** Holiday names for "public_holiday", or the exception's label for "day_off". */
  label?: string;
}

/**
 * One local day. `working` and `blocked` are each sorted by start, do not overlap each other and
 * together cover the whole day from its midnight to the next, so 23 hours on a spring-forward day.
 */
export interface DayAvailability {
  date: LocalDate;
  working: Interval[];
  blocked: BlockedInterval[];
}

/** Working intervals of one local day, sorted by start. */
export interface WorkingDay {
  date: LocalDate;
  working: Interval[];
}

/** Blocked part of a day that an interval runs into. */
export interface WorkingTimeConflict extends BlockedInterval {
  date: LocalDate;
}

/**
 * One problem found in an input. `path` leads from the validated value to the faulty field,
 * in the form zod uses, such as ["days", "1", 0, "end"].
 */
export interface ValidationProblem {
  path: (string | number)[];
  message: string;
}
