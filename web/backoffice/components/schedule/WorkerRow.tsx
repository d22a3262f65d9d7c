import { type CSSProperties, memo, type ReactNode, useMemo } from "react";
import type { ActivityState } from "../../lib/activities";
import type { ScheduleVisit, ScheduleWorker, TravelLeg } from "../../lib/schedule";
import type { BlockedInterval } from "../../lib/team";
import { type DayFrame, type Placement, place } from "./layout";
import styles from "./schedule.module.css";
import type { ScheduleText } from "./schedule-text";

interface WorkerRowProps {
  worker: ScheduleWorker;
  frames: DayFrame[];
  /** Number of hours shown per day, for the hour lines of the lanes. */
  hours: number;
  text: ScheduleText;
  /** Base of the links to activities, such as "/bu/:buId/activities/". */
  activityHref: string;
  /** True in the day view, where blocks are wide enough to show text. */
  detailed: boolean;
  /** Index of today's frame, or -1 when today is not shown. */
  todayIndex: number;
  /** The current instant, which places the today marker. */
  nowMs: number;
}

interface Timed<T> {
  item: T;
  startMs: number;
  endMs: number;
}

/** The worker's data with instants parsed once, since each item is placed in every shown day. */
interface PreparedWorker {
  blockedByDate: Map<string, Timed<BlockedInterval>[]>;
  visits: Timed<ScheduleVisit>[];
  travel: (Timed<TravelLeg> & { short: boolean })[];
}

function timed<T>(item: T, start: string, end: string): Timed<T> {
  return { item, startMs: Date.parse(start), endMs: Date.parse(end) };
}

function prepare(worker: ScheduleWorker): PreparedWorker {
  const visits = worker.visits.map((visit) => timed(visit, visit.startAt, visit.endAt));
  const visitEnds = new Map(visits.map((visit) => [visit.item.id, visit.endMs]));
  const travel = worker.travel.map((leg) => {
    const prepared = timed(leg, leg.startAt, leg.endAt);
    const previousEnd = leg.fromActivityId ? visitEnds.get(leg.fromActivityId) : undefined;
    // A leg that must start before the previous visit ends did not fit: it was placed past a warning.
    return { ...prepared, short: previousEnd !== undefined && prepared.startMs < previousEnd };
  });
  const blockedByDate = new Map(
    worker.days.map((day) => [
      day.date,
      day.blocked.map((interval) => timed(interval, interval.start, interval.end)),
    ]),
  );
  return { blockedByDate, visits, travel };
}

function position(placement: Placement): CSSProperties {
  return { left: `${placement.left}%`, width: `${placement.width}%` };
}

/**
 * One row of the team schedule: the worker's name, then one lane per shown day with blocked time,
 * travel legs and visits. Rows are memoized, so a live update renders again only the workers whose
 * data changed (the query keeps unchanged workers as the same objects).
 */
export const WorkerRow = memo(function WorkerRow({
  worker,
  frames,
  hours,
  text,
  activityHref,
  detailed,
  todayIndex,
  nowMs,
}: WorkerRowProps) {
  const prepared = useMemo(() => prepare(worker), [worker]);
  const laneStyle = { "--hours": hours } as CSSProperties;

  return (
    <tr>
      <th scope="row" className={styles.workerCell} title={worker.name}>
        <span className={styles.swatch} style={{ background: worker.colour }} aria-hidden="true" />
        {worker.name}
      </th>
      {frames.map((frame, index) => {
        const blocks: ReactNode[] = [];
        for (const [key, blocked] of (prepared.blockedByDate.get(frame.date) ?? []).entries()) {
          const placement = place(frame, blocked.startMs, blocked.endMs);
          if (placement) {
            blocks.push(
              <Blocked key={`b${key}`} interval={blocked.item} placement={placement} text={text} />,
            );
          }
        }
        for (const [key, leg] of prepared.travel.entries()) {
          const placement = place(frame, leg.startMs, leg.endMs);
          if (placement) {
            blocks.push(
              <Travel
                key={`t${key}`}
                leg={leg.item}
                short={leg.short}
                placement={placement}
                detailed={detailed}
                text={text}
              />,
            );
          }
        }
        for (const visit of prepared.visits) {
          const placement = place(frame, visit.startMs, visit.endMs);
          if (placement) {
            blocks.push(
              <Visit
                key={visit.item.id}
                visit={visit}
                placement={placement}
                href={activityHref}
                detailed={detailed}
                text={text}
              />,
            );
          }
        }
        const now = index === todayIndex ? place(frame, nowMs, nowMs + 1) : null;
        return (
          <td key={frame.date} className={styles.cell}>
            <div className={styles.lane} style={laneStyle}>
              {blocks}
              {now && <div className={styles.now} style={{ left: `${now.left}%` }} aria-hidden="true" />}
            </div>
          </td>
        );
      })}
    </tr>
  );
});

function Blocked({
  interval,
  placement,
  text,
}: {
  interval: BlockedInterval;
  placement: Placement;
  text: ScheduleText;
}) {
  const label = text.blocked(interval);
  // Working hours and lunch are routine; leave, holidays and days off are read out to screen reader users.
  if (interval.reason === "outside_hours" || interval.reason === "lunch") {
    return (
      <div
        className={styles.blocked}
        data-reason={interval.reason}
        style={position(placement)}
        title={label}
        aria-hidden="true"
      />
    );
  }
  return (
    <div
      className={styles.blocked}
      data-reason={interval.reason}
      style={position(placement)}
      title={label}
      role="img"
      aria-label={label}
    />
  );
}

function Travel({
  leg,
  short,
  placement,
  detailed,
  text,
}: {
  leg: TravelLeg;
  short: boolean;
  placement: Placement;
  detailed: boolean;
  text: ScheduleText;
}) {
  const summary = text.travelSummary(leg.minutes, leg.km);
  const label = text.travelLabel(summary, short);
  return (
    <div
      className={short ? `${styles.travel} ${styles.travelShort}` : styles.travel}
      style={position(placement)}
      title={label}
      role="img"
      aria-label={label}
    >
      {detailed && <span className={styles.travelText}>{summary}</span>}
    </div>
  );
}

const STATE_CLASSES = Object.fromEntries(
  (["unscheduled", "scheduled", "in_progress", "to_close", "terminated", "canceled"] as ActivityState[]).map(
    (state) => [state, `${styles.visit} ${styles[`state-${state}`]}`],
  ),
) as Record<ActivityState, string>;

function Visit({
  visit,
  placement,
  href,
  detailed,
  text,
}: {
  visit: Timed<ScheduleVisit>;
  placement: Placement;
  href: string;
  detailed: boolean;
  text: ScheduleText;
}) {
  const { item } = visit;
  const time = text.timeRange(visit.startMs, visit.endMs);
  if (!item.inThisUnit) {
    const label = text.otherUnitVisit(time);
    return (
      <div className={styles.busy} style={position(placement)} title={label} role="img" aria-label={label} />
    );
  }
  // The accessible name, such as "09:00–10:00 Entretien, Camille Durand, scheduled".
  const name = [`${time} ${item.activityTypeName}`, item.customerName, text.state[item.state]]
    .filter(Boolean)
    .join(", ");
  const address = [item.addressLine1, [item.postcode, item.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
  const title = [
    `${item.reference} · ${name}`,
    address,
    item.confirmedByCustomer ? text.confirmedByCustomer : "",
  ]
    .filter(Boolean)
    .join("\n");
  return (
    <a
      className={STATE_CLASSES[item.state]}
      style={{ ...position(placement), borderLeftColor: item.colour }}
      href={`${href}${encodeURIComponent(item.id)}`}
      aria-label={name}
      title={title}
      data-activity-id={item.id}
    >
      {detailed && (
        <>
          <span className={styles.visitText}>{time}</span>
          <span className={styles.visitText}>{item.activityTypeName}</span>
          <span className={styles.visitText}>{item.customerName ?? ""}</span>
        </>
      )}
    </a>
  );
}
