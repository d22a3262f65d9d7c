import { DateTime } from "luxon";

/** A point in time: a Date, or an ISO 8601 string with "Z" or a UTC offset. */
export type Instant = Date | string;

const OFFSET_SUFFIX = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Converts an instant to epoch milliseconds. Strings without "Z" or an offset are rejected,
 * because `Date.parse` would read them in the server's zone. Throws a RangeError naming `label`.
 */
export function toEpochMillis(value: Instant, label: string): number {
  if (value instanceof Date) {
    const millis = value.getTime();
    if (Number.isNaN(millis)) throw new RangeError(`Invalid ${label}: the Date is invalid.`);
    return millis;
  }

  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!OFFSET_SUFFIX.test(value) || !parsed.isValid) {
    throw new RangeError(
      `Invalid ${label} "${value}": use an ISO 8601 instant with "Z" or an offset, such as 2026-06-10T07:00:00Z.`,
    );
  }
  return parsed.toMillis();
}
