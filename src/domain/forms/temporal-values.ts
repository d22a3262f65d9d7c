import { DateTime } from "luxon";
import type { NormalizedValue } from "./values.js";

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^(\d{1,2}):(\d{2})$/;
const DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

function invalid(code: string, message: string): NormalizedValue {
  return { ok: false, code, message };
}

/** Accepts a calendar date written YYYY-MM-DD. */
export function normalizeDate(raw: unknown, subject: string, described: string): NormalizedValue {
  const text = typeof raw === "string" ? raw.trim() : undefined;
  if (text === undefined || !DATE_PATTERN.test(text)) {
    return invalid(
      "invalid_date",
      `${subject}: ${described} is not a date. Use the form YYYY-MM-DD, e.g. "2025-03-31".`,
    );
  }
  if (!DateTime.fromFormat(text, "yyyy-MM-dd", { zone: "utc" }).isValid) {
    return invalid(
      "invalid_date",
      `${subject}: ${described} is not a day of the calendar. Check the month and day.`,
    );
  }
  return { ok: true, value: text };
}

/** Accepts a time of day from 00:00 to 23:59 and returns it as HH:MM, e.g. `7:05` as `07:05`. */
export function normalizeTime(raw: unknown, subject: string, described: string): NormalizedValue {
  const match = typeof raw === "string" ? TIME_PATTERN.exec(raw.trim()) : null;
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (match === null || hours > 23 || minutes > 59) {
    return invalid(
      "invalid_time",
      `${subject}: ${described} is not a time of day. Use the form HH:MM from 00:00 to 23:59, e.g. "08:30".`,
    );
  }
  return { ok: true, value: `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}` };
}

/**
 * Accepts an ISO 8601 instant with `Z` or a `±HH:MM` offset and returns it in UTC, e.g.
 * `2025-03-31T06:30:00Z`. Digits beyond milliseconds are cut, as luxon keeps milliseconds only.
 */
export function normalizeDatetime(raw: unknown, subject: string, described: string): NormalizedValue {
  const text = typeof raw === "string" ? raw.trim() : undefined;
  const match = text === undefined ? null : DATETIME_PATTERN.exec(text);
  if (text === undefined || match === null) {
    return invalid(
      "invalid_datetime",
      `${subject}: ${described} is not a date and time. Use ISO 8601 with an offset, e.g. "2025-03-31T08:30:00+02:00".`,
    );
  }
  if (match[1] === undefined) {
    return invalid(
      "datetime_without_offset",
      `${subject}: ${described} has no time zone offset, so the instant is ambiguous. ` +
        `Add "Z" for UTC or an offset such as "+02:00", e.g. "${text}+02:00".`,
    );
  }

  const instant = DateTime.fromISO(text, { setZone: true });
  // Real offsets lie within ±14:00, and ±18:00 is the widest range that ISO 8601 libraries accept.
  if (!instant.isValid || Math.abs(instant.offset) > 18 * 60) {
    return invalid(
      "invalid_datetime",
      `${subject}: ${described} is not a real date and time. Check the day and hour.`,
    );
  }
  return { ok: true, value: instant.toUTC().toISO({ suppressMilliseconds: true }) };
}
