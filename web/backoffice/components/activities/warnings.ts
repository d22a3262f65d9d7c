import i18next from "i18next";
import { SCHEDULE_WARNING_CODES, type ScheduleWarning, type ScheduleWarningCode } from "../../lib/activities";

function isWarningCode(code: string): code is ScheduleWarningCode {
  return (SCHEDULE_WARNING_CODES as readonly string[]).includes(code);
}

const UNAVAILABILITY_REASONS = ["leave", "sick", "training", "other"] as const;

/**
 * Returns a placement warning in the current language with its numbers, such as "Travel from the
 * previous visit needs 35 min, and 0 min are free.". A code without a translation shows the
 * server's English message.
 */
export function describeWarning(warning: ScheduleWarning): string {
  const t = i18next.t;
  if (!isWarningCode(warning.code)) {
    return warning.message;
  }
  switch (warning.code) {
    case "travel_from_previous":
    case "travel_to_next": {
      const neighbour = warning.activityId ? "visit" : "base";
      return t(`activities:warnings.${warning.code}.${neighbour}`, {
        needed: warning.neededMinutes ?? 0,
        available: warning.availableMinutes ?? 0,
      });
    }
    case "unavailable": {
      const reason = UNAVAILABILITY_REASONS.find((candidate) => candidate === warning.unavailabilityReason);
      return reason
        ? t("activities:warnings.unavailableBecause", {
            reason: t(`activities:unavailabilityReasons.${reason}`),
          })
        : t("activities:warnings.unavailable");
    }
    case "lacks_skill":
      return typeof warning.workerLevel === "number"
        ? t("activities:warnings.lacks_skill_level", {
            skill: warning.skillName ?? "",
            level: warning.requiredLevel ?? 0,
            workerLevel: warning.workerLevel,
          })
        : t("activities:warnings.lacks_skill", {
            skill: warning.skillName ?? "",
            level: warning.requiredLevel ?? 0,
          });
    case "public_holiday":
    case "day_off":
      return warning.label
        ? t(`activities:warnings.${warning.code}Named`, { label: warning.label })
        : t(`activities:warnings.${warning.code}`);
    default:
      return t(`activities:warnings.${warning.code}`);
  }
}
