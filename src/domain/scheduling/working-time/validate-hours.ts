import { parseWallTime } from "./calendar.js";
import { checkKnownFields, isRecord, type Path } from "./problems.js";
import { ISO_WEEKDAYS, type IsoWeekday, type ValidationProblem } from "./types.js";

/** Validation of weekly hours: each range, the ranges of a day together, and the lunch break. */

const WEEKDAY_NAMES: Record<IsoWeekday, string> = {
  "1": "Monday",
  "2": "Tuesday",
  "3": "Wednesday",
  "4": "Thursday",
  "5": "Friday",
  "6": "Saturday",
  "7": "Sunday",
};

function isWeekday(key: string): key is IsoWeekday {
  return (ISO_WEEKDAYS as readonly string[]).includes(key);
}

function weekdayLabel(weekday: IsoWeekday): string {
  return `${WEEKDAY_NAMES[weekday]} (${weekday})`;
}

/** Validated range in minutes after midnight. */
interface MinuteRange {
  start: number;
  end: number;
}

/** Checks one { start, end } wall-time range and returns it in minutes when it is valid. */
function checkRange(value: unknown, path: Path, problems: ValidationProblem[]): MinuteRange | undefined {
  if (!isRecord(value)) {
    problems.push({ path, message: 'Expected a range such as { "start": "09:00", "end": "12:00" }.' });
    return undefined;
  }
  problems.push(...checkKnownFields(value, ["start", "end"], path));

  const start = typeof value.start === "string" ? parseWallTime(value.start, false) : undefined;
  const end = typeof value.end === "string" ? parseWallTime(value.end, true) : undefined;
  if (start === undefined) {
    problems.push({
      path: [...path, "start"],
      message: `Invalid start ${JSON.stringify(value.start)}: use HH:MM on a 24-hour clock, from "00:00" to "23:59".`,
    });
  }
  if (end === undefined) {
    problems.push({
      path: [...path, "end"],
      message: `Invalid end ${JSON.stringify(value.end)}: use HH:MM on a 24-hour clock, from "00:01" to "24:00".`,
    });
  }
  if (start === undefined || end === undefined) return undefined;

  if (start >= end) {
    problems.push({
      path: [...path, "end"],
      message: `End ${value.end} must be after start ${value.start}. Split a range that crosses midnight at "24:00".`,
    });
    return undefined;
  }
  return { start, end };
}

function formatMinutes(minutes: number): string {
  const hours = String(Math.floor(minutes / 60)).padStart(2, "0");
  return `${hours}:${String(minutes % 60).padStart(2, "0")}`;
}

function formatRange(range: MinuteRange): string {
  return `${formatMinutes(range.start)}-${formatMinutes(range.end)}`;
}

/** Checks a weekday's list of ranges and returns the valid ones sorted by start. */
function checkDay(value: unknown, path: Path, problems: ValidationProblem[]): MinuteRange[] {
  if (!Array.isArray(value)) {
    problems.push({
      path,
      message: 'Expected a list of ranges such as [{ "start": "09:00", "end": "17:00" }].',
    });
    return [];
  }

  const ranges: { range: MinuteRange; index: number }[] = [];
  value.forEach((item, index) => {
    const range = checkRange(item, [...path, index], problems);
    if (range) ranges.push({ range, index });
  });
  ranges.sort((a, b) => a.range.start - b.range.start);

  for (let i = 1; i < ranges.length; i++) {
    const previous = ranges[i - 1]!;
    const current = ranges[i]!;
    if (current.range.start < previous.range.end) {
      problems.push({
        path: [...path, current.index],
        message: `Range ${formatRange(current.range)} overlaps ${formatRange(previous.range)} on the same day.`,
      });
    }
  }
  return ranges.map((entry) => entry.range);
}

/** Checks a WeeklyHours value: known fields and weekdays, valid ranges, no overlaps, lunch inside the hours. */
export function validateWeeklyHours(value: unknown, path: Path = []): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (!isRecord(value)) {
    return [{ path, message: 'Weekly hours must be an object such as { "days": { "1": [...] } }.' }];
  }
  problems.push(...checkKnownFields(value, ["days", "lunch", "lunchByDay"], path));

  const hoursByDay = new Map<IsoWeekday, MinuteRange[]>();
  if (!isRecord(value.days)) {
    problems.push({
      path: [...path, "days"],
      message: 'Missing "days": expected an object keyed by weekday "1" to "7".',
    });
  } else {
    for (const [key, day] of Object.entries(value.days)) {
      if (!isWeekday(key)) {
        problems.push({
          path: [...path, "days", key],
          message: `Unknown weekday "${key}": use "1" (Monday) to "7" (Sunday).`,
        });
        continue;
      }
      hoursByDay.set(key, checkDay(day, [...path, "days", key], problems));
    }
  }

  const lunch = value.lunch === undefined ? undefined : checkRange(value.lunch, [...path, "lunch"], problems);
  const lunchByDay = new Map<IsoWeekday, MinuteRange | null | undefined>();
  if (value.lunchByDay !== undefined) {
    if (!isRecord(value.lunchByDay)) {
      problems.push({
        path: [...path, "lunchByDay"],
        message: "Expected an object keyed by weekday, or no field.",
      });
    } else {
      for (const [key, dayLunch] of Object.entries(value.lunchByDay)) {
        const dayPath = [...path, "lunchByDay", key];
        if (!isWeekday(key)) {
          problems.push({
            path: dayPath,
            message: `Unknown weekday "${key}": use "1" (Monday) to "7" (Sunday).`,
          });
          continue;
        }
        lunchByDay.set(key, dayLunch === null ? null : checkRange(dayLunch, dayPath, problems));
      }
    }
  }

  for (const weekday of ISO_WEEKDAYS) {
    const ranges = hoursByDay.get(weekday) ?? [];
    const ownLunch = lunchByDay.has(weekday);
    const dayLunch = ownLunch ? lunchByDay.get(weekday) : lunch;
    if (!dayLunch) continue;

    const lunchPath = ownLunch ? [...path, "lunchByDay", weekday] : [...path, "lunch"];
    // The ranges are sorted by start, so the first one opens the day.
    const first = ranges[0];
    if (!first) {
      if (ownLunch) {
        problems.push({
          path: lunchPath,
          message: `Lunch break ${formatRange(dayLunch)} is set on ${weekdayLabel(weekday)}, which has no hours: remove it.`,
        });
      }
      continue;
    }

    const dayEnd = Math.max(...ranges.map((range) => range.end));
    if (dayLunch.start < first.start || dayLunch.end > dayEnd) {
      const hint = ownLunch ? "move it inside the hours" : `move it, or set lunchByDay "${weekday}" to null`;
      problems.push({
        path: lunchPath,
        message: `Lunch break ${formatRange(dayLunch)} is outside the hours of ${weekdayLabel(weekday)} (${formatMinutes(first.start)}-${formatMinutes(dayEnd)}): ${hint}.`,
      });
    }
  }
  return problems;
}
