import { useTranslation } from "react-i18next";
import type { ActivityState } from "../../lib/activities";
import styles from "./schedule.module.css";

/** States in the order of the lifecycle, which reads better than the order of precedence. */
const LEGEND_STATES: ActivityState[] = [
  "unscheduled",
  "scheduled",
  "in_progress",
  "to_close",
  "terminated",
  "canceled",
];

/** Explains the colours and patterns of the grid. */
export function ScheduleLegend() {
  const { t } = useTranslation(["schedule", "activities"]);
  return (
    <ul className={styles.legend} aria-label={t("legend.title")}>
      {LEGEND_STATES.map((state) => (
        <li key={state} className={styles.legendItem}>
          <span className={`${styles.legendSample} ${styles[`state-${state}`]}`} aria-hidden="true" />
          {t(`activities:states.${state}`)}
        </li>
      ))}
      <li className={styles.legendItem}>
        <span className={`${styles.legendSample} ${styles.travel}`} aria-hidden="true" />
        {t("legend.travel")}
      </li>
      <li className={styles.legendItem}>
        <span
          className={`${styles.legendSample} ${styles.travel} ${styles.travelShort}`}
          aria-hidden="true"
        />
        {t("legend.travelShort")}
      </li>
      <li className={styles.legendItem}>
        <span className={`${styles.legendSample} ${styles.blocked}`} aria-hidden="true" />
        {t("legend.notWorking")}
      </li>
      <li className={styles.legendItem}>
        <span
          className={`${styles.legendSample} ${styles.blocked}`}
          data-reason="unavailable"
          aria-hidden="true"
        />
        {t("legend.unavailable")}
      </li>
    </ul>
  );
}
