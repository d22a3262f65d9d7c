import type { TFunction } from "i18next";
import { formattingLocale } from "../../../shared/format";
import { isWallTime } from "../../../shared/zoned-time";
import { ISO_WEEKDAYS, type IsoWeekday, type WeeklyHours } from "../../lib/team";
import { weekdayName } from "./format";

/**
 * Editable form of `WeeklyHours`: every weekday is present, with a flag for whether the worker
 * works that day, and the lunch break has a flag too. Times are "HH:mm" or "" while unset.
 */
export interface RangeDraft {
  start: string;
  end: string;
}

export interface DayDraft {
  works: boolean;
  ranges: RangeDraft[];
}

export interface WeeklyHoursDraft {
  days: Record<IsoWeekday, DayDraft>;
  lunchEnabled: boolean;
  lunch: RangeDraft;
  /** Lunch breaks of single weekdays from the saved hours. The editor shows them and keeps them. */
  lunchByDay?: WeeklyHours["lunchByDay"];
}

/** Maximum number of ranges that the editor offers per day. Saved hours with more ranges keep all of them. */
export const MAX_RANGES_PER_DAY = 2;

const MINUTES_PER_DAY = 24 * 60;
const DEFAULT_LUNCH: RangeDraft = { start: "12:00", end: "13:00" };
const DEFAULT_RANGES: RangeDraft[] = [{ start: "08:00", end: "17:00" }];

export function toDraft(hours: WeeklyHours): WeeklyHoursDraft {
  const days = Object.fromEntries(
    ISO_WEEKDAYS.map((weekday) => {
      const ranges = (hours.days[weekday] ?? []).map((range) => ({ ...range }));
      return [weekday, { works: ranges.length > 0, ranges }];
    }),
  ) as Record<IsoWeekday, DayDraft>;
  return {
    days,
    lunchEnabled: hours.lunch !== undefined,
    lunch: hours.lunch ? { ...hours.lunch } : { ...DEFAULT_LUNCH },
    lunchByDay: hours.lunchByDay,
  };
}

/**
 * Converts the draft to weekly hours. Ranges keep their order, so the indexes in the server's
 * error paths (`days.1.0.end`) point at the same inputs. A weekday's own lunch break is dropped
 * when the weekday no longer has hours, because the server rejects it then.
 */
export function fromDraft(draft: WeeklyHoursDraft): WeeklyHours {
  const days: WeeklyHours["days"] = {};
  for (const weekday of ISO_WEEKDAYS) {
    const day = draft.days[weekday];
    days[weekday] = day.works ? day.ranges.map((range) => ({ ...range })) : [];
  }
  const hours: WeeklyHours = { days };
  if (draft.lunchEnabled) {
    hours.lunch = { ...draft.lunch };
  }
  const lunchByDay = Object.entries(draft.lunchByDay ?? {}).filter(
    ([weekday, lunch]) => lunch === null || draft.days[weekday as IsoWeekday]?.works,
  );
  if (lunchByDay.length > 0) {
    hours.lunchByDay = Object.fromEntries(lunchByDay);
  }
  return hours;
}

/** Returns the ranges to start a day with: those of the closest earlier working day, else 08:00–17:00. */
export function rangesForNewDay(draft: WeeklyHoursDraft, weekday: IsoWeekday): RangeDraft[] {
  const index = ISO_WEEKDAYS.indexOf(weekday);
  for (let offset = 1; offset < ISO_WEEKDAYS.length; offset++) {
    const candidate = ISO_WEEKDAYS[(index - offset + ISO_WEEKDAYS.length) % ISO_WEEKDAYS.length]!;
    const day = draft.days[candidate];
    if (day.works && day.ranges.length > 0) {
      return day.ranges.map((range) => ({ ...range }));
    }
  }
  return DEFAULT_RANGES.map((range) => ({ ...range }));
}

/** Returns a second range that starts one hour after the first one ends, or the afternoon. */
export function nextRange(ranges: readonly RangeDraft[]): RangeDraft {
  const last = ranges.at(-1);
  const lastEnd = last ? toMinutes(last.end, true) : undefined;
  if (lastEnd === undefined || lastEnd + 120 > MINUTES_PER_DAY) {
    return { start: "13:00", end: "17:00" };
  }
  return { start: fromMinutes(lastEnd + 60), end: fromMinutes(lastEnd + 120) };
}

/** Returns minutes after midnight, or undefined for an unset or invalid time. "24:00" is valid only as an end. */
function toMinutes(time: string, isEnd: boolean): number | undefined {
  if (isEnd && time === "24:00") {
    return MINUTES_PER_DAY;
  }
  if (!isWallTime(time)) {
    return undefined;
  }
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

function fromMinutes(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** Errors keyed by the path of the field inside `WeeklyHours`, such as `days.1.0.end` or `lunch`. */
export type HoursErrors = Record<string, string>;

/**
 * Checks the draft as the server does, with translated messages. Every time must be set, each
 * range must end after it starts, and the ranges of a day must not overlap. The lunch break must
 * lie inside the hours of every working day that has no lunch break of its own.
 */
export function validateDraft(draft: WeeklyHoursDraft, t: TFunction<"team">): HoursErrors {
  const errors: HoursErrors = {};
  const dayBounds = new Map<IsoWeekday, { start: number; end: number }>();

  for (const weekday of ISO_WEEKDAYS) {
    const day = draft.days[weekday];
    if (!day.works) {
      continue;
    }
    const valid: { start: number; end: number; index: number }[] = [];
    day.ranges.forEach((range, index) => {
      const path = `days.${weekday}.${index}`;
      const start = toMinutes(range.start, false);
      const end = toMinutes(range.end, true);
      if (start === undefined) {
        errors[`${path}.start`] = t("hours.errors.timeRequired");
      }
      if (end === undefined) {
        errors[`${path}.end`] = t("hours.errors.timeRequired");
      }
      if (start === undefined || end === undefined) {
        return;
      }
      if (end <= start) {
        errors[`${path}.end`] = t("hours.errors.endBeforeStart");
        return;
      }
      valid.push({ start, end, index });
    });

    valid.sort((a, b) => a.start - b.start);
    for (let i = 1; i < valid.length; i++) {
      const current = valid[i]!;
      if (current.start < valid[i - 1]!.end) {
        errors[`days.${weekday}.${current.index}`] = t("hours.errors.overlap");
      }
    }
    if (valid.length > 0) {
      dayBounds.set(weekday, { start: valid[0]!.start, end: Math.max(...valid.map((range) => range.end)) });
    }
  }

  if (draft.lunchEnabled) {
    const start = toMinutes(draft.lunch.start, false);
    const end = toMinutes(draft.lunch.end, true);
    if (start === undefined) {
      errors["lunch.start"] = t("hours.errors.timeRequired");
    }
    if (end === undefined) {
      errors["lunch.end"] = t("hours.errors.timeRequired");
    } else if (start !== undefined && end <= start) {
      errors["lunch.end"] = t("hours.errors.endBeforeStart");
    } else if (start !== undefined) {
      const daysOutside = [...dayBounds.entries()]
        .filter(([weekday]) => !(draft.lunchByDay && weekday in draft.lunchByDay))
        .filter(([, bounds]) => start < bounds.start || end > bounds.end)
        .map(([weekday]) => weekdayName(weekday));
      if (daysOutside.length > 0) {
        errors.lunch = t("hours.errors.lunchOutsideHours", {
          days: new Intl.ListFormat(formattingLocale(), { type: "conjunction" }).format(daysOutside),
        });
      }
    }
  }
  return errors;
}

const HOURS_ERROR_PATH = /^(days\.[1-7](\.\d+(\.(start|end))?)?|lunch(\.(start|end))?|lunchByDay\.[1-7])$/;

/** Tells whether the weekly hours editor shows an error with this path next to one of its inputs. */
export function isShownInEditor(path: string): boolean {
  return HOURS_ERROR_PATH.test(path);
}

/** Returns the id of the input that an error path points at, for moving the focus to it. */
export function inputIdForPath(idPrefix: string, path: string): string {
  const parts = path.split(".");
  if (parts[0] === "days" && parts.length === 3) {
    parts.push("start");
  }
  if (parts[0] === "lunch" && parts.length === 1) {
    parts.push("start");
  }
  if (parts[0] === "lunchByDay" || (parts[0] === "days" && parts.length === 2)) {
    return `${idPrefix}-days-${parts[1]}-works`;
  }
  return `${idPrefix}-${parts.join("-")}`;
}
