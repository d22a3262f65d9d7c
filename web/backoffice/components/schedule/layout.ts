import { DateTime } from "luxon";
import type { LocalDate } from "../../../shared/zoned-time";
import type { TeamSchedule } from "../../lib/schedule";

/** Hours shown when no working time, visit or travel falls outside them. */
const DEFAULT_FIRST_HOUR = 8;
const DEFAULT_LAST_HOUR = 18;

/** Whole hours of the day that the grid shows: from `firstHour` to `lastHour` (24 is midnight). */
export interface HourWindow {
  firstHour: number;
  lastHour: number;
}

/** The shown part of one local day, as instants in milliseconds. */
export interface DayFrame {
  date: LocalDate;
  startMs: number;
  endMs: number;
}

/** A horizontal position within a day frame, in percent of its width. */
export interface Placement {
  left: number;
  width: number;
}

/** Returns the instant of a whole hour of a local date in `zone`; hour 24 is the next midnight. */
export function wallTimeMs(date: LocalDate, hour: number, zone: string): number {
  const midnight = DateTime.fromISO(date, { zone }).startOf("day");
  return (hour === 24 ? midnight.plus({ days: 1 }) : midnight.set({ hour })).toMillis();
}

/**
 * Returns the hours to show so that every working interval, visit and travel leg of the dates
 * fits, with at least 08:00–18:00. Hours are counted from the local midnight of each date. On a
 * daylight-saving change day an instant after the change is then read an hour off, which can only
 * widen the window by that hour.
 */
export function hourWindow(schedule: TeamSchedule, dates: LocalDate[], zone: string): HourWindow {
  const midnights = dates.map((date) => wallTimeMs(date, 0, zone));
  const dayEnd = wallTimeMs(dates.at(-1) ?? dates[0] ?? "", 24, zone);
  let first = DEFAULT_FIRST_HOUR * 60;
  let last = DEFAULT_LAST_HOUR * 60;

  const include = (startIso: string, endIso: string) => {
    const start = Date.parse(startIso);
    const end = Date.parse(endIso);
    for (let index = midnights.length - 1; index >= 0; index--) {
      const midnight = midnights[index] ?? 0;
      const next = midnights[index + 1] ?? dayEnd;
      if (end <= midnight || start >= next) {
        continue;
      }
      first = Math.min(first, Math.max(0, (start - midnight) / 60_000));
      last = Math.max(last, Math.min(24 * 60, (end - midnight) / 60_000));
    }
  };

  for (const worker of schedule.workers) {
    for (const day of worker.days) {
      for (const interval of day.working) {
        include(interval.start, interval.end);
      }
    }
    for (const visit of worker.visits) {
      include(visit.startAt, visit.endAt);
    }
    for (const leg of worker.travel) {
      include(leg.startAt, leg.endAt);
    }
  }
  return { firstHour: Math.floor(first / 60), lastHour: Math.min(24, Math.ceil(last / 60)) };
}

/** Returns the shown part of each date, from `firstHour` to `lastHour` wall time in `zone`. */
export function dayFrames(dates: LocalDate[], window: HourWindow, zone: string): DayFrame[] {
  return dates.map((date) => ({
    date,
    startMs: wallTimeMs(date, window.firstHour, zone),
    endMs: wallTimeMs(date, window.lastHour, zone),
  }));
}

/**
 * Returns where an interval sits in a frame, clipped to it, or null when it falls outside. Widths
 * are in percent, so blocks scale with the column without measuring it.
 */
export function place(frame: DayFrame, startMs: number, endMs: number): Placement | null {
  const start = Math.max(startMs, frame.startMs);
  const end = Math.min(endMs, frame.endMs);
  if (end <= start) {
    return null;
  }
  const span = frame.endMs - frame.startMs;
  return { left: ((start - frame.startMs) / span) * 100, width: ((end - start) / span) * 100 };
}
