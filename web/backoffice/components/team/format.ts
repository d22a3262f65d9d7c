import { formattingLocale } from "../../../shared/format";
import type { LocalDate, WallTime } from "../../../shared/zoned-time";
import { ISO_WEEKDAYS, type IsoWeekday, type WallTimeRange, type WeeklyHours } from "../../lib/team";

/**
 * Formatting of calendar dates, wall times and weekly hours in the current language. Calendar
 * dates and wall times carry no zone, so they are formatted as UTC values, which leaves them
 * unchanged. Instants go through `formatDateTime` and `formatTime` of `shared/format` with the
 * business unit's zone.
 */

function utcDate(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Formats a calendar date, by default as "8 Jun 2026" (en-GB) or "8 juin 2026" (fr). */
export function formatLocalDate(
  date: LocalDate,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): string {
  return new Intl.DateTimeFormat(formattingLocale(), { ...options, timeZone: "UTC" }).format(utcDate(date));
}

/** Formats an inclusive range of calendar dates, such as "8–28 Jun 2026", or one date when equal. */
export function formatLocalDateRange(from: LocalDate, to: LocalDate): string {
  const format = new Intl.DateTimeFormat(formattingLocale(), { dateStyle: "medium", timeZone: "UTC" });
  return from === to ? format.format(utcDate(from)) : format.formatRange(utcDate(from), utcDate(to));
}

/** Formats a wall time "HH:mm" with the locale's clock. "24:00" is shown as the next midnight. */
export function formatWallTime(time: WallTime): string {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  const date = new Date(Date.UTC(2024, 0, 1, hours % 24, minutes));
  return new Intl.DateTimeFormat(formattingLocale(), { timeStyle: "short", timeZone: "UTC" }).format(date);
}

export function formatWallTimeRange(range: WallTimeRange): string {
  return `${formatWallTime(range.start)}–${formatWallTime(range.end)}`;
}

/** Returns the name of an ISO weekday in the current language, such as "Monday" or "lundi". */
export function weekdayName(weekday: IsoWeekday, width: "long" | "short" = "long"): string {
  // 1 January 2024 was a Monday.
  const date = new Date(Date.UTC(2024, 0, Number(weekday)));
  return new Intl.DateTimeFormat(formattingLocale(), { weekday: width, timeZone: "UTC" }).format(date);
}

function sameRanges(a: readonly WallTimeRange[], b: readonly WallTimeRange[]): boolean {
  return (
    a.length === b.length &&
    a.every((range, index) => range.start === b[index]?.start && range.end === b[index]?.end)
  );
}

/**
 * Summarises weekly hours as lines such as "Mon–Fri 08:00–12:00, 13:00–17:00". Consecutive
 * weekdays with the same ranges share a line. Weekdays without hours are left out.
 */
export function summarizeWeeklyHours(hours: WeeklyHours): string[] {
  const lines: string[] = [];
  let runStart: IsoWeekday | null = null;
  let runEnd: IsoWeekday | null = null;
  let runRanges: WallTimeRange[] = [];

  const closeRun = () => {
    if (runStart === null || runEnd === null) {
      return;
    }
    const days =
      runStart === runEnd
        ? weekdayName(runStart, "short")
        : `${weekdayName(runStart, "short")}–${weekdayName(runEnd, "short")}`;
    lines.push(`${days} ${runRanges.map(formatWallTimeRange).join(", ")}`);
    runStart = null;
    runEnd = null;
  };

  for (const weekday of ISO_WEEKDAYS) {
    const ranges = hours.days[weekday] ?? [];
    if (ranges.length === 0) {
      closeRun();
      continue;
    }
    if (runStart !== null && sameRanges(ranges, runRanges)) {
      runEnd = weekday;
      continue;
    }
    closeRun();
    runStart = weekday;
    runEnd = weekday;
    runRanges = ranges;
  }
  closeRun();
  return lines;
}

/** Returns the dayjs format of a numeric date in the current locale, such as "DD/MM/YYYY". */
export function numericDateFormat(): string {
  const parts = new Intl.DateTimeFormat(formattingLocale(), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).formatToParts(new Date(Date.UTC(2026, 11, 31)));
  const tokens: Record<string, string> = { day: "DD", month: "MM", year: "YYYY" };
  return parts.map((part) => tokens[part.type] ?? part.value).join("");
}

/**
 * Parses a date typed in the locale's numeric order ("08/06/2026" in en-GB and fr, "06/08/2026"
 * in en-US) with any separator, or in the ISO form "2026-06-08". Returns "YYYY-MM-DD" or null.
 */
export function parseTypedDate(text: string): LocalDate | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const numbers = iso ? [iso[1], iso[2], iso[3]] : trimmed.split(/\D+/).filter((part) => part !== "");
  if (numbers.length !== 3) {
    return null;
  }
  const order = iso ? ["year", "month", "day"] : numericDateOrder();
  const values: Record<string, number> = {};
  order.forEach((field, index) => {
    values[field] = Number(numbers[index]);
  });
  const { year = 0, month = 0, day = 0 } = values;
  if (year < 1000 || year > 9999) {
    return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

function numericDateOrder(): string[] {
  return new Intl.DateTimeFormat(formattingLocale(), { day: "2-digit", month: "2-digit", year: "numeric" })
    .formatToParts(new Date(Date.UTC(2026, 11, 31)))
    .filter((part) => part.type === "day" || part.type === "month" || part.type === "year")
    .map((part) => part.type);
}
