import { DateTime } from "luxon";
import type { IsoWeekday } from "./types.js";

/**
 * Parsing and arithmetic for local dates, wall times and instants. Local dates are handled as
 * day numbers counted from 1970-01-01, so no step here depends on the process time zone.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME_PATTERN = /^(\d{2}):(\d{2})$/;
const UTC_ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Returns the day number of a real date "YYYY-MM-DD", or undefined for any other text. */
export function parseLocalDate(value: string): number | undefined {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return undefined;

  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // setUTCFullYear, unlike Date.UTC, keeps years below 100 as they are.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return Math.round(date.getTime() / DAY_MS);
}

/** Formats a day number as "YYYY-MM-DD". */
export function formatLocalDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Returns the ISO weekday of a day number. Day 0, 1970-01-01, was a Thursday. */
export function isoWeekdayOf(dayNumber: number): IsoWeekday {
  const weekday = ((((dayNumber + 3) % 7) + 7) % 7) + 1;
  return String(weekday) as IsoWeekday;
}

/**
 * Returns minutes after midnight for "HH:MM", or undefined when the text is not a wall time.
 * "24:00" (1440) is accepted only when `allowEndOfDay` is set.
 */
export function parseWallTime(value: string, allowEndOfDay: boolean): number | undefined {
  const match = WALL_TIME_PATTERN.exec(value);
  if (!match) return undefined;

  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return allowEndOfDay ? MINUTES_PER_DAY : undefined;
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

/**
 * Returns epoch milliseconds for an ISO 8601 instant with an explicit offset ("Z" or "+02:00"),
 * or undefined when the text has no offset or is not a real date and time.
 */
export function parseInstant(value: string): number | undefined {
  // The UTC form that toISOString writes is common and needs no zone handling.
  if (UTC_ISO_PATTERN.test(value)) {
    const epochMs = Date.parse(value);
    // Date.parse rolls 30 February over to March and accepts 24:00, so the day and hour are checked.
    if (
      !Number.isNaN(epochMs) &&
      new Date(epochMs).getUTCDate() === Number(value.slice(8, 10)) &&
      value.slice(11, 13) !== "24"
    ) {
      return epochMs;
    }
    return undefined;
  }
  if (!INSTANT_PATTERN.test(value)) return undefined;

  // setZone keeps the offset written in the text, so luxon's default zone plays no part.
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** Formats epoch milliseconds as a UTC ISO 8601 string such as "2026-03-29T01:00:00.000Z". */
export function formatInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * Returns epoch milliseconds for an instant given as a Date or as an ISO 8601 string with an offset.
 * Throws a RangeError for text without an offset, because its instant depends on a zone.
 */
export function toEpochMs(value: string | Date, name: string): number {
  if (value instanceof Date) {
    const epochMs = value.getTime();
    if (Number.isNaN(epochMs)) throw new RangeError(`Invalid ${name}: the Date is invalid.`);
    return epochMs;
  }

  const epochMs = parseInstant(value);
  if (epochMs === undefined) {
    throw new RangeError(
      `Invalid ${name} "${value}": expected an ISO 8601 instant with an offset, such as "2026-06-11T09:30:00+02:00".`,
    );
  }
  return epochMs;
}
