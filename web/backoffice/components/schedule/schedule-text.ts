import type { TFunction } from "i18next";
import type { ActivityState } from "../../lib/activities";
import type { BlockedInterval } from "../../lib/team";

/**
 * The texts of the grid's blocks, prepared once per language and zone. A week of 50 workers has
 * thousands of blocks, and building an `Intl` formatter or running an i18next look-up for each one
 * costs more than drawing it. So the formatters are built once, and the translated sentences are
 * kept as templates that plain string replacement fills in.
 */
export interface ScheduleText {
  /** "09:00–10:00" in the unit's zone. */
  timeRange(startMs: number, endMs: number): string;
  /** "15 min · 6.2 km". */
  travelSummary(minutes: number, km: number): string;
  /** "Travel: 15 min · 6.2 km", or the warning form when the leg overruns the previous visit. */
  travelLabel(summary: string, short: boolean): string;
  /** Lower-case state for accessible names, such as "scheduled". */
  state: Record<ActivityState, string>;
  blocked(interval: BlockedInterval): string;
  otherUnitVisit(time: string): string;
  confirmedByCustomer: string;
}

const STATES: ActivityState[] = [
  "unscheduled",
  "scheduled",
  "in_progress",
  "to_close",
  "terminated",
  "canceled",
];

/** Returns the template of a translation, with each placeholder left as `{name}` to fill in later. */
function template(
  t: TFunction<"schedule">,
  key: "travel.summary" | "travel.label" | "travel.short" | "otherUnitVisit",
) {
  return t(key, { minutes: "{minutes}", km: "{km}", summary: "{summary}", time: "{time}" });
}

export function scheduleText(
  t: TFunction<"schedule">,
  tActivities: TFunction<"activities">,
  locale: string,
  zone: string,
): ScheduleText {
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: zone });
  const kilometres = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const summary = template(t, "travel.summary");
  const label = template(t, "travel.label");
  const shortLabel = template(t, "travel.short");
  const otherUnit = template(t, "otherUnitVisit");
  const state = Object.fromEntries(
    STATES.map((value) => [value, tActivities(`statesInSentence.${value}`)]),
  ) as Record<ActivityState, string>;

  return {
    timeRange: (startMs, endMs) => `${time.format(startMs)}–${time.format(endMs)}`,
    travelSummary: (minutes, km) =>
      summary.replace("{minutes}", String(minutes)).replace("{km}", kilometres.format(km)),
    travelLabel: (text, short) => (short ? shortLabel : label).replace("{summary}", text),
    state,
    blocked: (interval) => blockedLabel(interval, t),
    otherUnitVisit: (text) => otherUnit.replace("{time}", text),
    confirmedByCustomer: t("confirmedByCustomer"),
  };
}

/** Returns the reason of a blocked interval as the schedule shows it, such as "Lunch break" or "Public holiday: Christmas". */
export function blockedLabel(interval: BlockedInterval, t: TFunction<"schedule">): string {
  switch (interval.reason) {
    case "outside_hours":
      return t("blocked.outside_hours");
    case "lunch":
      return t("blocked.lunch");
    case "public_holiday":
      return interval.label
        ? t("blocked.publicHolidayNamed", { name: interval.label })
        : t("blocked.public_holiday");
    case "day_off":
      return interval.label ? t("blocked.dayOffNamed", { name: interval.label }) : t("blocked.day_off");
    case "unavailable":
      return t(`blocked.unavailable.${interval.unavailabilityReason ?? "other"}`);
  }
}
