import { toEpochMs } from "./calendar.js";
import { normalizeSpans } from "./spans.js";
import type { DayAvailability, WorkingTimeConflict } from "./types.js";

/** Formats an instant for an error message without the process zone that Date.toString uses. */
function describeInstant(value: string | Date): string {
  if (typeof value === "string") return value;
  return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
}

/**
 * Returns the first blocked part, in time order, that the interval [start, end) runs into, or null
 * when the interval lies entirely inside working time. Intervals are half-open, so a visit ending at
 * 12:00 does not touch a lunch break starting at 12:00. Working intervals of consecutive days that
 * meet at midnight count as one, so a visit may cross midnight.
 *
 * `availability` comes from `dayAvailability`. `start` and `end` are Dates or ISO 8601 instants
 * with an offset. Throws a RangeError when `end` is not after `start`, when an instant has no
 * offset, or when part of the interval lies on dates that `availability` does not contain.
 */
export function explainOutsideWorkingTime(
  availability: readonly DayAvailability[],
  start: string | Date,
  end: string | Date,
): WorkingTimeConflict | null {
  const startText = describeInstant(start);
  const endText = describeInstant(end);
  const startMs = toEpochMs(start, "start");
  const endMs = toEpochMs(end, "end");
  if (endMs <= startMs) {
    throw new RangeError(`Invalid interval: end ${endText} must be after start ${startText}.`);
  }

  // Each day's working and blocked parts together cover the whole day, so their union shows
  // which instants the availability describes.
  const described = normalizeSpans(
    availability
      .flatMap((day) => [...day.working, ...day.blocked])
      .map((interval) => ({
        start: Date.parse(interval.start),
        end: Date.parse(interval.end),
      })),
  );
  if (!described.some((span) => span.start <= startMs && endMs <= span.end)) {
    throw new RangeError(
      `Interval ${startText} to ${endText} is not covered by the computed days: compute availability for all the dates it touches.`,
    );
  }

  let firstConflict: WorkingTimeConflict | null = null;
  for (const day of availability) {
    for (const blocked of day.blocked) {
      const blockedStart = Date.parse(blocked.start);
      const blockedEnd = Date.parse(blocked.end);
      if (blockedStart >= endMs || blockedEnd <= startMs) continue;
      if (firstConflict === null || blockedStart < Date.parse(firstConflict.start)) {
        firstConflict = { ...blocked, date: day.date };
      }
    }
  }
  return firstConflict;
}

/**
 * Returns whether [start, end) lies entirely inside working time.
 * See `explainOutsideWorkingTime` for the arguments and errors.
 */
export function isWithinWorkingTime(
  availability: readonly DayAvailability[],
  start: string | Date,
  end: string | Date,
): boolean {
  return explainOutsideWorkingTime(availability, start, end) === null;
}
