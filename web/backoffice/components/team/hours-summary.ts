import type { WeeklyHours } from "../../lib/team";

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

/**
 * Summarizes a weekly pattern in one line, such as "Mon–Fri 08:00–17:00" or, when the days
 * differ, "Mon 08:00–12:00, Tue–Thu 08:00–17:00". Weekday names come from Intl in `language`.
 */
export function summarizeWeeklyHours(hours: WeeklyHours, language: string): string {
  // 2024-01-01 was a Monday, so day n of that week is ISO weekday n.
  const weekday = new Intl.DateTimeFormat(language, { weekday: "short", timeZone: "UTC" });
  const dayName = (day: number) => weekday.format(new Date(Date.UTC(2024, 0, day)));
  const rangesOf = (day: (typeof WEEKDAYS)[number]) =>
    (hours.days[day] ?? []).map((range) => `${range.start}–${range.end}`).join(", ");

  const groups: { first: number; last: number; ranges: string }[] = [];
  WEEKDAYS.forEach((day, index) => {
    const ranges = rangesOf(day);
    if (ranges === "") return;
    const previous = groups.at(-1);
    if (previous && previous.ranges === ranges && previous.last === index) previous.last = index + 1;
    else groups.push({ first: index + 1, last: index + 1, ranges });
  });
  return groups
    .map((group) => {
      const days =
        group.first === group.last ? dayName(group.first) : `${dayName(group.first)}–${dayName(group.last)}`;
      return `${days} ${group.ranges}`;
    })
    .join(", ");
}
