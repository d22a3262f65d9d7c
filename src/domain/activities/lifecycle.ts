/**
 * The activity lifecycle. The stored status moves pending → in_progress → terminated, or to
 * canceled; staff may reopen a terminated or canceled activity. Screens, filters and conditions
 * use the derived state instead, which also says whether the activity is scheduled and whether
 * its scheduled end has passed.
 */
export const ACTIVITY_STATUSES = ["pending", "in_progress", "terminated", "canceled"] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** In order of precedence: when several apply, the first one listed wins. */
export const DERIVED_STATES = [
  "canceled",
  "terminated",
  "in_progress",
  "to_close",
  "scheduled",
  "unscheduled",
] as const;
export type DerivedState = (typeof DERIVED_STATES)[number];

export const CANCEL_REASONS = [
  "customer_request",
  "internal",
  "missing_equipment",
  "work_order_issuer",
  "other",
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const CLOSING_RESULTS = ["ok", "ko"] as const;

export interface ScheduleFacts {
  status: ActivityStatus;
  assigneeId: string | null;
  startAt: Date | null;
  endAt: Date | null;
}

export function isScheduled(activity: ScheduleFacts): boolean {
  return activity.assigneeId !== null && activity.startAt !== null && activity.endAt !== null;
}

/** Open means neither terminated nor canceled. */
export function isOpen(status: ActivityStatus): boolean {
  return status === "pending" || status === "in_progress";
}

/**
 * Returns the derived state at `now`. The SQL expression `derivedStateSql` in the activities
 * repository computes the same; a test holds the two against each other.
 */
export function deriveState(activity: ScheduleFacts, now: Date): DerivedState {
  if (activity.status === "canceled") return "canceled";
  if (activity.status === "terminated") return "terminated";
  if (activity.status === "in_progress") return "in_progress";
  if (isScheduled(activity)) {
    return activity.endAt!.getTime() <= now.getTime() ? "to_close" : "scheduled";
  }
  return "unscheduled";
}

export type LifecycleAction = "start" | "close" | "cancel" | "reopen" | "schedule" | "edit";

/**
 * Returns why `action` is not allowed in `status`, or undefined when it is. A visit can be closed
 * without having been started, because field workers often fill the report only at the end.
 */
export function refusalOf(action: LifecycleAction, activity: ScheduleFacts): string | undefined {
  const { status } = activity;
  switch (action) {
    case "start":
      if (status !== "pending") return `only a pending activity can be started; this one is ${status}`;
      if (!isScheduled(activity)) return "schedule the activity (worker and time) before starting it";
      return undefined;
    case "close":
      return isOpen(status) ? undefined : `only an open activity can be closed; this one is ${status}`;
    case "cancel":
      return isOpen(status) ? undefined : `only an open activity can be canceled; this one is ${status}`;
    case "reopen":
      return isOpen(status)
        ? `only a terminated or canceled activity can be reopened; this one is ${status}`
        : undefined;
    case "schedule":
    case "edit":
      return isOpen(status) ? undefined : `reopen the activity before changing it; it is ${status}`;
  }
}
