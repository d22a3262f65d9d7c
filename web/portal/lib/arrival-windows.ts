import type { OfferWindow } from "./types";
import { describeVisitTime } from "./visit-time";

/** The windows of one local day, with the texts that the scheduling step shows. */
export interface WindowDay {
  /** Local date "YYYY-MM-DD" in the visit's zone. */
  date: string;
  /** Long date in the UI language, such as "Monday 8 June 2026". */
  label: string;
  windows: { window: OfferWindow; time: string }[];
}

/**
 * Groups arrival windows by their local date in `zone`, the visit's zone, in time order, with each window's time
 * range such as "09:00–11:00". `locale` is a BCP 47 locale such as "en-GB".
 */
export function groupWindowsByDay(
  windows: readonly OfferWindow[],
  zone: string,
  locale: string,
): WindowDay[] {
  const days: WindowDay[] = [];
  const sorted = [...windows].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const window of sorted) {
    const described = describeVisitTime(
      { start: null, end: null, arrivalWindow: { start: window.start, end: window.end }, timeZone: zone },
      locale,
    );
    if (described === null) {
      continue;
    }
    const last = days.at(-1);
    const entry = { window, time: described.time };
    if (last !== undefined && last.label === described.date) {
      last.windows.push(entry);
    } else {
      days.push({ date: window.date, label: described.date, windows: [entry] });
    }
  }
  return days;
}

/** Formats a local date "YYYY-MM-DD" as a day and month, such as "8 June" or "Monday 8 June". */
export function formatLocalDate(date: string, locale: string, withWeekday = false): string {
  // Read and formatted in UTC, so no zone moves the date to another day.
  const instant = new Date(`${date}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    ...(withWeekday ? { weekday: "long" } : {}),
  }).format(instant);
}
