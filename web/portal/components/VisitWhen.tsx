import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formattingLocale } from "../../shared/format";
import type { ActivitySummary } from "../lib/types";
import { describeVisitTime } from "../lib/visit-time";

type VisitTimes = Pick<ActivitySummary, "start" | "end" | "arrivalWindow" | "timeZone">;

/**
 * Tells whether a visit without a date still waits for one. Completed and canceled visits without
 * a date, such as a survey sent after a visit, show no date line.
 */
export function awaitsDate(activity: Pick<ActivitySummary, "state">): boolean {
  return activity.state === "unscheduled" || activity.state === "scheduled";
}

/** Returns the translated date and time lines of a visit, or null when it has no date yet. */
export function useVisitTimeText(
  activity: VisitTimes,
): { date: string; timeLabel: string; time: string } | null {
  // The hook re-renders the caller when the language changes, and formattingLocale follows it.
  const { t } = useTranslation("portal");
  const described = describeVisitTime(activity, formattingLocale());
  if (described === null) {
    return null;
  }
  const time =
    described.zoneCity === null
      ? described.time
      : t("time.inZone", { time: described.time, city: described.zoneCity });
  return {
    date: described.date,
    timeLabel: described.kind === "arrivalWindow" ? t("time.arrivalWindow") : t("time.time"),
    time,
  };
}

/** Renders the date and the arrival window or time of a visit in a summary. */
export function VisitWhen({ activity }: { activity: VisitTimes & Pick<ActivitySummary, "state"> }) {
  const { t } = useTranslation("portal");
  const text = useVisitTimeText(activity);
  if (text === null) {
    return awaitsDate(activity) ? <Text size="sm">{t("time.notScheduled")}</Text> : null;
  }
  return (
    <Text size="sm">
      <Text span fw={600} size="sm">
        {text.date}
      </Text>
      <br />
      {t("time.labelled", { label: text.timeLabel, value: text.time })}
    </Text>
  );
}
