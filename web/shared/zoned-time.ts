import { DateTime } from "luxon";

/**
 * Conversions between wall times of a business unit's time zone and instants. Pickers such as
 * those of `@mantine/dates` return a date and a time without a zone. These helpers read them in
 * the unit's IANA zone, never in the browser's zone.
 */

/** Calendar date "YYYY-MM-DD", read in the business unit's zone. */
export type LocalDate = string;

/** Wall time "HH:mm" on a 24-hour clock. */
export type WallTime = string;

const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const WALL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isLocalDate(value: string): boolean {
  return LOCAL_DATE_PATTERN.test(value) && DateTime.fromISO(value, { zone: "UTC" }).isValid;
}

export function isWallTime(value: string): boolean {
  return WALL_TIME_PATTERN.test(value);
}

/** Returns today's date in `zone`. */
export function todayInZone(zone: string, now: Date = new Date()): LocalDate {
  return DateTime.fromJSDate(now, { zone }).toISODate() ?? "";
}

/** Adds a number of calendar days to a local date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate() ?? date;
}

/** Returns the number of calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const start = DateTime.fromISO(from, { zone: "UTC" });
  const end = DateTime.fromISO(to, { zone: "UTC" });
  return Math.round(end.diff(start, "days").days);
}

/**
 * Converts a wall time of `zone` to an ISO 8601 instant with the zone's offset, such as
 * "2026-06-08T08:00:00.000+02:00". Returns null when the date or time is invalid, or when the
 * wall time does not exist in the zone because clocks jump forward over it (02:30 in Paris on
 * the last Sunday of March). A wall time that occurs twice, when clocks go back, gets the
 * earlier of its two instants, as Luxon resolves it.
 */
export function wallTimeToInstant(date: LocalDate, time: WallTime, zone: string): string | null {
  if (!isLocalDate(date) || !isWallTime(time)) {
    return null;
  }
  const dateTime = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dateTime.isValid) {
    return null;
  }
  // Luxon moves a wall time inside a forward jump to a later one, so a mismatch means a gap.
  if (dateTime.toISODate() !== date || dateTime.toFormat("HH:mm") !== time) {
    return null;
  }
  return dateTime.toISO();
}

/** Returns the instant of the midnight that starts `date` in `zone`, with the zone's offset. */
export function startOfDayInstant(date: LocalDate, zone: string): string | null {
  if (!isLocalDate(date)) {
    return null;
  }
  return DateTime.fromISO(date, { zone }).startOf("day").toISO();
}

/** Returns the local date and wall time of an instant in `zone`. */
export function instantToWallTime(instant: string, zone: string): { date: LocalDate; time: WallTime } {
  const dateTime = DateTime.fromISO(instant, { setZone: false }).setZone(zone);
  return { date: dateTime.toISODate() ?? "", time: dateTime.toFormat("HH:mm") };
}

/** Tells whether an instant is exactly midnight, the start of a day, in `zone`. */
export function isStartOfDay(instant: string, zone: string): boolean {
  const dateTime = DateTime.fromISO(instant).setZone(zone);
  return dateTime.equals(dateTime.startOf("day"));
}

/**
 * Returns the long name of a zone in `locale`, such as "Central European Time" or "heure
 * d’Europe centrale", or the IANA id when the browser has no name for it.
 */
export function zoneDisplayName(zone: string, locale: string, at: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      timeZoneName: "longGeneric",
    }).formatToParts(at);
    return parts.find((part) => part.type === "timeZoneName")?.value ?? zone;
  } catch {
    return zone;
  }
}
