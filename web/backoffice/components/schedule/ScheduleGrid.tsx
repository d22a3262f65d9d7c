import { type MouseEvent, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { formattingLocale } from "../../../shared/format";
import type { LocalDate } from "../../../shared/zoned-time";
import type { ScheduleView, TeamSchedule } from "../../lib/schedule";
import { formatLocalDate, formatWallTime } from "../team/format";
import { type DayFrame, dayFrames, hourWindow, place, wallTimeMs } from "./layout";
import styles from "./schedule.module.css";
import { scheduleText } from "./schedule-text";
import { WorkerRow } from "./WorkerRow";

/** Name of the performance mark set when the grid first shows data; the benchmark reads it. */
export const GRID_RENDERED_MARK = "schedule-grid-rendered";

interface ScheduleGridProps {
  buId: string;
  schedule: TeamSchedule;
  dates: LocalDate[];
  view: ScheduleView;
  /** Today in the unit's zone and the current instant, for the today marker. */
  today: LocalDate;
  nowMs: number;
  /** Opens the day view of a date, from the week view's column headers. */
  onOpenDay: (date: LocalDate) => void;
  caption: string;
}

/**
 * Draws the team schedule grid: a table with one row per field worker and one column per day (one
 * column in the day view), hours running left to right inside each column. Visits are links
 * to their activity, coloured by state with the type's colour as the left border. Travel legs are
 * hatched under them, and blocked time is greyed with its reason as the title.
 */
export function ScheduleGrid({
  buId,
  schedule,
  dates,
  view,
  today,
  nowMs,
  onOpenDay,
  caption,
}: ScheduleGridProps) {
  const { t, i18n } = useTranslation("schedule");
  const { t: tActivities } = useTranslation("activities");
  const navigate = useNavigate();
  const zone = schedule.timeZone;
  const wrapperRef = useRef<HTMLDivElement>(null);
  const window = useMemo(() => hourWindow(schedule, dates, zone), [schedule, dates, zone]);
  const frames = useMemo(() => dayFrames(dates, window, zone), [dates, window, zone]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the texts and formats follow the language.
  const text = useMemo(
    () => scheduleText(t, tActivities, formattingLocale(), zone),
    [t, tActivities, zone, i18n.language],
  );
  const hours = window.lastHour - window.firstHour;
  const todayIndex = frames.findIndex((frame) => frame.date === today);
  const detailed = view === "day";
  const activityHref = `/bu/${encodeURIComponent(buId)}/activities/`;

  // Marks the first paint of the grid with data for the benchmark, and then sets `data-rendered`
  // for browser tests. A timer started from an animation frame runs after that frame is painted,
  // so the mark includes style, layout and paint, not only React's render.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (performance.getEntriesByName(GRID_RENDERED_MARK).length === 0) {
          performance.mark(GRID_RENDERED_MARK);
        }
        if (wrapperRef.current) {
          wrapperRef.current.dataset.rendered = "true";
        }
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);

  // One listener for every block: plain links keep rows light, and in-app navigation avoids a reload.
  const handleClick = (event: MouseEvent<HTMLDivElement>) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const link = (event.target as HTMLElement).closest("a[data-activity-id]");
    if (link instanceof HTMLAnchorElement) {
      event.preventDefault();
      navigate(link.pathname);
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the click only forwards clicks on the links inside.
    // biome-ignore lint/a11y/useKeyWithClickEvents: links inside keep their own keyboard behaviour.
    <div ref={wrapperRef} className={styles.scroller} onClick={handleClick} data-testid="schedule-grid">
      <table className={`${styles.table} ${detailed ? styles.dayTable : styles.weekTable}`}>
        <caption className={styles.caption}>{caption}</caption>
        <colgroup>
          <col className={styles.workerColumn} />
          {frames.map((frame) => (
            <col key={frame.date} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className={styles.cornerCell}>
              {t("grid.worker")}
            </th>
            {frames.map((frame) => (
              <DayHeader
                key={frame.date}
                frame={frame}
                window={window}
                isToday={frame.date === today}
                detailed={detailed}
                onOpenDay={onOpenDay}
                zone={zone}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {schedule.workers.map((worker) => (
            <WorkerRow
              key={worker.userId}
              worker={worker}
              frames={frames}
              hours={hours}
              text={text}
              activityHref={activityHref}
              detailed={detailed}
              todayIndex={todayIndex}
              nowMs={todayIndex === -1 ? 0 : nowMs}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Width of the step between hour labels: every hour in the day view, fewer in the narrow week columns. */
function labelStep(hours: number, detailed: boolean): number {
  if (detailed) {
    return 1;
  }
  return hours > 12 ? 6 : 4;
}

function DayHeader({
  frame,
  window,
  isToday,
  detailed,
  onOpenDay,
  zone,
}: {
  frame: DayFrame;
  window: { firstHour: number; lastHour: number };
  isToday: boolean;
  detailed: boolean;
  onOpenDay: (date: LocalDate) => void;
  zone: string;
}) {
  const { t } = useTranslation("schedule");
  const step = labelStep(window.lastHour - window.firstHour, detailed);
  const labels: { hour: number; left: number }[] = [];
  for (let hour = window.firstHour; hour <= window.lastHour; hour += step) {
    const ms = wallTimeMs(frame.date, hour, zone);
    const placement = place(frame, ms, ms + 1);
    // The first and last labels would stick out of the column, so they are left out.
    if (placement && hour !== window.firstHour && hour !== window.lastHour) {
      labels.push({ hour, left: placement.left });
    }
  }
  const label = detailed
    ? formatLocalDate(frame.date, { weekday: "long", day: "numeric", month: "long", year: "numeric" })
    : formatLocalDate(frame.date, { weekday: "short", day: "numeric", month: "short" });
  return (
    <th scope="col" className={styles.headerCell} aria-current={isToday ? "date" : undefined}>
      {detailed ? (
        label
      ) : (
        <button
          type="button"
          className={styles.dayButton}
          onClick={() => onOpenDay(frame.date)}
          title={t("grid.openDay")}
        >
          {label}
        </button>
      )}
      <div className={styles.hours} aria-hidden="true">
        {labels.map(({ hour, left }) => (
          <span key={hour} className={styles.hourLabel} style={{ left: `${left}%` }}>
            {formatWallTime(`${String(hour).padStart(2, "0")}:00`)}
          </span>
        ))}
      </div>
    </th>
  );
}
