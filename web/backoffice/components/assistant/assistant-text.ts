import i18next from "i18next";
import { formattingLocale } from "../../../shared/format";
import type { Reason, Slot, TravelSide, Unsuitable } from "../../lib/assistant";
import { formatTimeRange } from "../activities/format";
import { formatLocalDate } from "../team/format";

/**
 * Sentences of the scheduling assistant in the current language. Instants are shown in the
 * business unit's zone, and calendar dates as they are.
 */

const UNAVAILABILITY_REASONS = ["leave", "sick", "training", "other"] as const;

function formatKilometres(km: number): string {
  return new Intl.NumberFormat(formattingLocale(), { maximumFractionDigits: 1 }).format(km);
}

function formatInstant(instant: string, zone: string): string {
  return new Intl.DateTimeFormat(formattingLocale(), {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  }).format(new Date(instant));
}

/** Formats a day heading such as "Thu 11 Jun". */
export function formatDay(date: string): string {
  return formatLocalDate(date, { weekday: "short", day: "numeric", month: "short" });
}

/** Formats a day for sentences read aloud, such as "Thursday 11 June". */
export function formatLongDay(date: string): string {
  return formatLocalDate(date, { weekday: "long", day: "numeric", month: "long" });
}

/** Formats the start time of an instant in `zone`, such as "09:30". */
export function formatStartTime(instant: string, zone: string): string {
  return new Intl.DateTimeFormat(formattingLocale(), { timeStyle: "short", timeZone: zone }).format(
    new Date(instant),
  );
}

/** Tells whether a slot's added travel is unknown, because one end of a leg has no coordinates. */
export function travelUnknown(slot: Pick<Slot, "travelBefore" | "travelAfter">): boolean {
  return slot.travelBefore.unknown || slot.travelAfter.unknown;
}

/** Formats the travel a slot adds, such as "+12 min · 8 km", or "Travel unknown". */
export function formatAddedTravel(slot: Slot): string {
  if (travelUnknown(slot)) {
    return i18next.t("assistant:slot.travelUnknown");
  }
  return i18next.t("assistant:slot.added", {
    minutes: slot.addedMinutes,
    km: formatKilometres(slot.addedKm),
  });
}

/** Formats one travel leg, such as "Travel from the previous visit: 15 min · 6.2 km". */
export function formatTravelSide(side: TravelSide, direction: "before" | "after"): string {
  const neighbour = side.activityId === null ? "base" : "visit";
  if (side.unknown) {
    return i18next.t(`assistant:travel.${direction}.${neighbour}Unknown`);
  }
  return i18next.t(`assistant:travel.${direction}.${neighbour}`, {
    minutes: side.minutes,
    km: formatKilometres(side.km),
  });
}

/** Returns the accessible name of a slot button, such as "Schedule Thursday 11 June 09:30 with Léa Martin, green, adds 12 minutes". */
export function slotButtonLabel(slot: Slot, zone: string): string {
  const values = {
    day: formatLongDay(slot.date),
    time: formatStartTime(slot.start, zone),
    name: slot.workerName,
    grade: i18next.t(`assistant:gradesInSentence.${slot.grade}`),
  };
  return travelUnknown(slot)
    ? i18next.t("assistant:slot.labelTravelUnknown", values)
    : i18next.t("assistant:slot.label", { ...values, count: slot.addedMinutes });
}

/** Formats a slot's time for the booking question, such as "Thu 11 Jun, 09:30–10:30". */
export function formatSlotWhen(slot: Pick<Slot, "date" | "start" | "end">, zone: string): string {
  return `${formatDay(slot.date)}, ${formatTimeRange(slot.start, slot.end, zone)}`;
}

/**
 * Returns a reason as a short sentence in the current language, such as "Outside working hours"
 * or "Needs 35 min travel from the previous visit, 20 available". A code without a translation
 * gets a generic sentence that names it.
 */
export function describeReason(reason: Reason, zone: string): string {
  const t = i18next.t;
  switch (reason.code) {
    case "lacks_skill":
      return reason.workerLevel === null || reason.workerLevel === undefined
        ? t("assistant:reasons.lacks_skill", {
            skill: reason.skillName ?? "",
            level: reason.requiredLevel ?? 0,
          })
        : t("assistant:reasons.lacks_skill_level", {
            skill: reason.skillName ?? "",
            level: reason.requiredLevel ?? 0,
            workerLevel: reason.workerLevel,
          });
    case "in_past":
    case "outside_hours":
    case "lunch":
    case "fully_booked":
      return t(`assistant:reasons.${reason.code}`);
    case "inside_notice":
      return reason.earliestStart
        ? t("assistant:reasons.inside_notice", { earliest: formatInstant(reason.earliestStart, zone) })
        : t("assistant:reasons.inside_notice_unknown");
    case "public_holiday":
    case "day_off":
      return reason.label
        ? t(`assistant:reasons.${reason.code}_named`, { label: reason.label })
        : t(`assistant:reasons.${reason.code}`);
    case "unavailable": {
      const cause = UNAVAILABILITY_REASONS.find((candidate) => candidate === reason.unavailabilityReason);
      return t(`assistant:reasons.unavailable.${cause ?? "other"}`);
    }
    case "overlap": {
      const time = reason.start && reason.end ? formatTimeRange(reason.start, reason.end, zone) : "";
      return reason.reference
        ? t("assistant:reasons.overlap", { reference: reason.reference, time })
        : t("assistant:reasons.overlap_other_unit", { time });
    }
    case "travel_from_previous":
    case "travel_to_next": {
      const neighbour = reason.activityId ? "visit" : "base";
      return t(`assistant:reasons.${reason.code}.${neighbour}`, {
        needed: reason.neededMinutes ?? 0,
        available: reason.availableMinutes ?? 0,
      });
    }
    case "beyond_horizon":
      return t("assistant:reasons.beyond_horizon", {
        date: reason.latestDate ? formatLocalDate(reason.latestDate) : "",
      });
    default:
      return t("assistant:reasons.other", { code: reason.code });
  }
}

/** Joins the sentences of a worker's reasons, such as "On leave; Day off". */
export function describeReasons(reasons: Reason[], zone: string): string {
  const sentences = [...new Set(reasons.map((reason) => describeReason(reason, zone)))];
  return sentences.join(i18next.t("assistant:reasons.separator"));
}

/** A group of workers that share one explanation, for the summaries of days without slots. */
export interface ReasonGroup {
  text: string;
  workerNames: string[];
}

/** Groups workers by their reasons, so a day lists "On leave: Léa, Hugo" once, in first-seen order. */
export function groupByReasons(unsuitable: Unsuitable[], zone: string): ReasonGroup[] {
  const groups = new Map<string, string[]>();
  for (const entry of unsuitable) {
    const text = describeReasons(entry.reasons, zone);
    const names = groups.get(text) ?? [];
    names.push(entry.workerName);
    groups.set(text, names);
  }
  return [...groups].map(([text, workerNames]) => ({ text, workerNames }));
}
