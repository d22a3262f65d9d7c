import { useEffect, useState } from "react";
import { formattingLocale } from "../../../shared/format";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Formats how long ago (or ahead) `instant` is from `now` in the UI language, such as
 * "5 minutes ago" or "yesterday", in the largest unit that fits: seconds, minutes, hours, days,
 * then months of 30 days and years of 365 days.
 */
export function formatRelative(instant: string | Date, now: Date): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  const difference = date.getTime() - now.getTime();
  const size = Math.abs(difference);
  const format = new Intl.RelativeTimeFormat(formattingLocale(), { numeric: "auto" });
  if (size < MINUTE_MS) {
    return format.format(Math.round(difference / 1000), "second");
  }
  if (size < HOUR_MS) {
    return format.format(Math.round(difference / MINUTE_MS), "minute");
  }
  if (size < DAY_MS) {
    return format.format(Math.round(difference / HOUR_MS), "hour");
  }
  if (size < 30 * DAY_MS) {
    return format.format(Math.round(difference / DAY_MS), "day");
  }
  if (size < 365 * DAY_MS) {
    return format.format(Math.round(difference / (30 * DAY_MS)), "month");
  }
  return format.format(Math.round(difference / (365 * DAY_MS)), "year");
}

/** Returns the current time, updated every `intervalMs`, so relative times stay true while shown. */
export function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
