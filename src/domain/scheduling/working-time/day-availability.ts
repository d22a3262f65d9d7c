import type { IANAZone } from "luxon";
import {
  DAY_MS,
  formatInstant,
  formatLocalDate,
  isoWeekdayOf,
  MINUTE_MS,
  MINUTES_PER_DAY,
  parseInstant,
  parseLocalDate,
  parseWallTime,
} from "./calendar.js";
import { InvalidWorkingTimeInputError } from "./problems.js";
import { intersectSpans, normalizeSpans, type Span, subtractSpans } from "./spans.js";
import type {
  BlockedInterval,
  BlockedReason,
  DateRange,
  DayAvailability,
  LocalDate,
  Unavailability,
  UnavailabilityReason,
  WallTimeRange,
  WeeklyHours,
  WorkingDay,
  WorkingTimeInput,
} from "./types.js";
import { validateDateRange, validateWorkingTimeInput } from "./validate.js";
import { loadZone, startOfLocalDay, wallTimeToInstant } from "./wall-time.js";

interface PreparedException {
  from: number;
  to: number;
  hours: WeeklyHours | "off";
  label?: string;
  appliesOnPublicHolidays: boolean;
}

interface PreparedUnavailability {
  span: Span;
  id: string;
  reason: UnavailabilityReason;
}

/** Validated input with dates as day numbers and instants as epoch milliseconds. */
interface PreparedInput {
  zone: IANAZone;
  weeklyHours: WeeklyHours;
  exceptions: PreparedException[];
  holidayNames: Map<number, string[]>;
  unavailabilities: PreparedUnavailability[];
}

/** Returns the value of a field that validation has already checked. */
function checked<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("Working-time input changed after it was validated.");
  return value;
}

function prepare(
  input: WorkingTimeInput,
  range: DateRange,
): { prepared: PreparedInput; from: number; to: number } {
  const problems = [
    ...validateWorkingTimeInput(input),
    ...validateDateRange(range).map((problem) => ({ ...problem, path: ["range", ...problem.path] })),
  ];
  if (problems.length > 0) throw new InvalidWorkingTimeInputError(problems);

  const exceptions = (input.exceptions ?? []).map((exception) => ({
    from: checked(parseLocalDate(exception.from)),
    to: checked(parseLocalDate(exception.to)),
    hours: exception.hours,
    label: exception.label,
    appliesOnPublicHolidays:
      exception.hours !== "off" &&
      (exception.from === exception.to || exception.worksOnPublicHolidays === true),
  }));

  const holidayNames = new Map<number, string[]>();
  for (const holiday of input.holidays ?? []) {
    const day = checked(parseLocalDate(holiday.date));
    holidayNames.set(day, [...(holidayNames.get(day) ?? []), holiday.name]);
  }

  const unavailabilities = (input.unavailabilities ?? []).map((unavailability) => ({
    span: {
      start: checked(parseInstant(unavailability.start)),
      end: checked(parseInstant(unavailability.end)),
    },
    id: unavailability.id,
    reason: unavailability.reason,
  }));

  const prepared = {
    zone: checked(loadZone(input.zone)),
    weeklyHours: input.weeklyHours,
    exceptions,
    holidayNames,
    unavailabilities,
  };
  return { prepared, from: checked(parseLocalDate(range.from)), to: checked(parseLocalDate(range.to)) };
}

/** Converts a wall-time range of a local day to instants. "24:00" is the start of the next day. */
function rangeToSpan(zone: IANAZone, day: number, range: WallTimeRange, nextDayStart: number): Span {
  const startMinutes = checked(parseWallTime(range.start, false));
  const endMinutes = checked(parseWallTime(range.end, true));
  const wallMidnight = day * DAY_MS;

  const start = wallTimeToInstant(zone, wallMidnight + startMinutes * MINUTE_MS, "start");
  if (endMinutes === MINUTES_PER_DAY) return { start, end: nextDayStart };
  return { start, end: wallTimeToInstant(zone, wallMidnight + endMinutes * MINUTE_MS, "end") };
}

/** Blocked part of a day, in epoch milliseconds until the day is formatted. */
export interface BlockedSpan extends Span {
  reason: BlockedReason;
  details: Partial<BlockedInterval>;
}

function blockedSpans(
  spans: Span[],
  reason: BlockedReason,
  details: Partial<BlockedInterval> = {},
): BlockedSpan[] {
  return spans.map((span) => ({ start: span.start, end: span.end, reason, details }));
}

/** One local day before formatting: working spans and blocked spans in epoch milliseconds. */
export interface DaySpans {
  date: LocalDate;
  working: Span[];
  blocked: BlockedSpan[];
}

export function formatDaySpans(day: DaySpans): DayAvailability {
  return formatDay(day.date, day.working, day.blocked);
}

function formatDay(date: LocalDate, working: Span[], blocked: BlockedSpan[]): DayAvailability {
  const sortedBlocked = [...blocked].sort((a, b) => a.start - b.start);
  return {
    date,
    working: working.map((span) => ({ start: formatInstant(span.start), end: formatInstant(span.end) })),
    blocked: sortedBlocked.map((span) => ({
      start: formatInstant(span.start),
      end: formatInstant(span.end),
      reason: span.reason,
      ...span.details,
    })),
  };
}

function computeDaySpans(input: PreparedInput, day: number): DaySpans {
  const { zone } = input;
  const date = formatLocalDate(day);
  const nextDayStart = startOfLocalDay(zone, day + 1);
  // Empty when a zone skips the whole date, as Pacific/Apia did on 2011-12-30.
  const wholeDay = normalizeSpans([{ start: startOfLocalDay(zone, day), end: nextDayStart }]);

  // The exception listed last wins when several cover the date.
  const exception = input.exceptions.findLast((candidate) => candidate.from <= day && day <= candidate.to);
  const exceptionHours = exception?.hours;
  if (exceptionHours === "off") {
    const details = exception?.label === undefined ? {} : { label: exception.label };
    return { date, working: [], blocked: blockedSpans(wholeDay, "day_off", details) };
  }
  const holidayNames = input.holidayNames.get(day);
  if (holidayNames && !exception?.appliesOnPublicHolidays) {
    return {
      date,
      working: [],
      blocked: blockedSpans(wholeDay, "public_holiday", { label: holidayNames.join(", ") }),
    };
  }

  const pattern = exceptionHours ?? input.weeklyHours;
  const weekday = isoWeekdayOf(day);
  const dayRanges = pattern.days[weekday] ?? [];
  const rangeSpans = normalizeSpans(dayRanges.map((range) => rangeToSpan(zone, day, range, nextDayStart)));
  const hours = intersectSpans(rangeSpans, wholeDay);
  const blocked = blockedSpans(subtractSpans(wholeDay, hours), "outside_hours");

  let working = hours;
  const hasOwnLunch = pattern.lunchByDay !== undefined && weekday in pattern.lunchByDay;
  const lunchRange = hasOwnLunch ? pattern.lunchByDay?.[weekday] : pattern.lunch;
  if (lunchRange) {
    const lunch = [rangeToSpan(zone, day, lunchRange, nextDayStart)];
    blocked.push(...blockedSpans(intersectSpans(working, lunch), "lunch"));
    working = subtractSpans(working, lunch);
  }

  // Unavailabilities claim the working time that is left, in list order, so each blocked part
  // names the first listed unavailability that covers it.
  for (const unavailability of input.unavailabilities) {
    const covered = intersectSpans(working, [unavailability.span]);
    if (covered.length === 0) continue;

    const details = { unavailabilityId: unavailability.id, unavailabilityReason: unavailability.reason };
    blocked.push(...blockedSpans(covered, "unavailable", details));
    working = subtractSpans(working, [unavailability.span]);
  }

  return { date, working, blocked };
}

/**
 * Applies unavailabilities to days computed without them, by step 4 of `dayAvailability`: each
 * removes the working time it covers, in list order. Lets callers share the days of workers who
 * have the same hours and differ only in their leave. Throws a RangeError for an unavailability without valid instants.
 */
export function withUnavailabilities(
  days: readonly DaySpans[],
  unavailabilities: readonly Unavailability[],
): DaySpans[] {
  if (unavailabilities.length === 0) return [...days];
  const spans = unavailabilities.map((unavailability) => {
    const start = parseInstant(unavailability.start);
    const end = parseInstant(unavailability.end);
    if (start === undefined || end === undefined || end <= start) {
      throw new RangeError(
        `Invalid unavailability ${unavailability.id}: its instants need offsets and an end after the start.`,
      );
    }
    return {
      span: { start, end },
      details: { unavailabilityId: unavailability.id, unavailabilityReason: unavailability.reason },
    };
  });
  return days.map((day) => {
    let working = day.working;
    let blocked = day.blocked;
    for (const { span, details } of spans) {
      const covered = intersectSpans(working, [span]);
      if (covered.length === 0) continue;
      blocked = [...blocked, ...blockedSpans(covered, "unavailable", details)];
      working = subtractSpans(working, [span]);
    }
    return working === day.working ? day : { date: day.date, working, blocked };
  });
}

/**
 * Computes, for each local date of `range`, the working intervals and the blocked parts of the day
 * with their reasons. The rules, in order of precedence:
 * 1. An exception with hours "off" makes the date a day off ("day_off").
 * 2. A public holiday is a day off ("public_holiday"), unless an exception with hours covers the date
 *    and is either for that single date or sets `worksOnPublicHolidays`.
 * 3. Otherwise the covering exception's pattern, or else the weekly pattern, gives the hours. The rest
 *    of the day is "outside_hours", and the lunch break inside the hours is "lunch".
 * 4. Unavailabilities remove what is left ("unavailable"), on every date they cover.
 * Wall times become instants by the rules of `wallTimeToInstant`. Throws InvalidWorkingTimeInputError
 * with every problem when the input or the range is invalid.
 */
export function dayAvailability(input: WorkingTimeInput, range: DateRange): DayAvailability[] {
  const { prepared, from, to } = prepare(input, range);
  const days: DayAvailability[] = [];
  for (let day = from; day <= to; day++) {
    days.push(formatDaySpans(computeDaySpans(prepared, day)));
  }
  return days;
}

/**
 * The same days as `dayAvailability`, with spans left in epoch milliseconds for code that computes
 * on them (the scheduling assistant); `formatDaySpans` gives the public form of one day.
 */
export function dayAvailabilitySpans(input: WorkingTimeInput, range: DateRange): DaySpans[] {
  const { prepared, from, to } = prepare(input, range);
  const days: DaySpans[] = [];
  for (let day = from; day <= to; day++) {
    days.push(computeDaySpans(prepared, day));
  }
  return days;
}

/** Computes the working intervals of each local date of `range`. See `dayAvailability` for the rules. */
export function workingIntervals(input: WorkingTimeInput, range: DateRange): WorkingDay[] {
  return dayAvailability(input, range).map(({ date, working }) => ({ date, working }));
}
