import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, segment } from "../../shared/api";
import type { Answers } from "../components/forms/form-model";

/**
 * Derived states, in order of precedence: when several apply, the first wins. Screens, filters
 * and colours use these instead of the stored status.
 */
export const ACTIVITY_STATES = [
  "canceled",
  "terminated",
  "in_progress",
  "to_close",
  "scheduled",
  "unscheduled",
] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

/** Values of the list's `state` filter: every derived state, and `open` (neither terminated nor canceled). */
export const STATE_FILTERS = ["open", ...ACTIVITY_STATES] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export type ActivityStatus = "pending" | "in_progress" | "terminated" | "canceled";

export const CANCEL_REASONS = [
  "customer_request",
  "internal",
  "missing_equipment",
  "work_order_issuer",
  "other",
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/**
 * Mantine colour of each derived state. The list's badges and the team schedule's blocks use the
 * same colours, so a state reads the same on every screen.
 */
export const STATE_COLOURS: Record<ActivityState, string> = {
  unscheduled: "gray",
  scheduled: "blue",
  in_progress: "orange",
  to_close: "red",
  terminated: "green",
  canceled: "dark",
};

export function isStateFilter(value: unknown): value is StateFilter {
  return typeof value === "string" && (STATE_FILTERS as readonly string[]).includes(value);
}

export interface ActivityAddress {
  addressLine1: string | null;
  addressLine2: string | null;
  postcode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface ActivityListItem {
  id: string;
  reference: string;
  activityTypeId: string;
  activityTypeName: string;
  /** "#rrggbb". */
  activityTypeColour: string;
  state: ActivityState;
  customerId: string | null;
  customerName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** ISO 8601 instants, or null while unscheduled. */
  startAt: string | null;
  endAt: string | null;
  durationMinutes: number;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  confirmedByCustomer: boolean;
  parentId: string | null;
}

export interface ActivityLink {
  id: string;
  reference: string;
  state: ActivityState;
  activityTypeId: string;
}

export interface HistoryEntry {
  at: string;
  actorKind: "staff" | "customer" | "system" | string;
  /** Name at the time of the change, or null for the system. */
  actorName: string | null;
  /** Such as `created`, `scheduled`, `started` or `closed`. */
  action: string;
  /** Tracked fields that changed, with their stored values (ids, ISO instants, codes). */
  changes: Record<string, { before: unknown; after: unknown }>;
  note: string | null;
}

export interface Activity {
  id: string;
  reference: string;
  businessUnitId: string;
  activityTypeId: string;
  activityTypeName: string;
  activityTypeColour: string;
  status: ActivityStatus;
  state: ActivityState;
  result: string | null;
  cancelReason: CancelReason | null;
  cancelDetails: string | null;
  comment: string | null;
  durationMinutes: number;
  customer: { id: string; reference: string; displayName: string } | null;
  address: ActivityAddress;
  assignee: { id: string; name: string } | null;
  startAt: string | null;
  endAt: string | null;
  confirmedByCustomer: boolean;
  answers: Answers;
  closingAnswers: Answers | null;
  startedAt: string | null;
  closedAt: string | null;
  parent: ActivityLink | null;
  children: ActivityLink[];
  /** Oldest first. */
  history: HistoryEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewActivity {
  activityTypeId: string;
  customerId?: string | null;
  parentId?: string | null;
  comment?: string | null;
  durationMinutes?: number;
  /** Without it, the server copies the customer's address. */
  address?: ActivityAddress;
  answers?: Record<string, unknown>;
}

export interface ActivityPatch {
  comment?: string | null;
  durationMinutes?: number;
  address?: ActivityAddress;
  answers?: Record<string, unknown>;
  confirmedByCustomer?: boolean;
}

export const SCHEDULE_WARNING_CODES = [
  "outside_hours",
  "lunch",
  "public_holiday",
  "day_off",
  "unavailable",
  "travel_from_previous",
  "travel_to_next",
  "lacks_skill",
  "in_past",
  "already_started",
] as const;
export type ScheduleWarningCode = (typeof SCHEDULE_WARNING_CODES)[number];

export interface ScheduleWarning {
  code: ScheduleWarningCode | string;
  /** English message of the server, shown when the code has no translation. */
  message: string;
  neededMinutes?: number;
  availableMinutes?: number;
  /** The neighbouring visit of a travel warning; absent when the neighbour is the worker's base. */
  activityId?: string;
  unavailabilityReason?: string;
  /** The holiday's name or the day off's label. */
  label?: string;
  /** The missing skill of a `lacks_skill` warning, the level it needs, and the worker's level or null. */
  skillName?: string;
  requiredLevel?: number;
  workerLevel?: number | null;
}

export interface ScheduleRequest {
  assigneeId: string;
  /** ISO 8601 instant with an offset. */
  startAt: string;
  /** Places the visit despite the warnings of a previous attempt. An overlap is rejected anyway. */
  acceptWarnings?: boolean;
}

export interface ScheduleResult {
  activity: Activity;
  /** Warnings that `acceptWarnings` let through; empty when the placement had none. */
  warnings: ScheduleWarning[];
}

export interface ActivityFilters {
  states: StateFilter[];
  activityTypeId: string | null;
  assigneeId: string | null;
  customerId: string | null;
  /** ISO 8601 instants with an offset. The list keeps the visits that overlap [from, to). */
  from: string | null;
  to: string | null;
  q: string;
  limit: number;
  offset: number;
}

export interface ActivityPage {
  total: number;
  items: ActivityListItem[];
}

/** A customer as the activity screens use it: the search results of `GET /customers`. */
export interface CustomerOption extends ActivityAddress {
  id: string;
  reference: string;
  displayName: string;
  located: boolean;
}

const unitPath = (buId: string) => `/api/business-units/${segment(buId)}`;
const activitiesPath = (buId: string) => `${unitPath(buId)}/activities`;
const activityPath = (buId: string, id: string) => `${activitiesPath(buId)}/${segment(id)}`;

/** Every query of the activities of a unit starts with this key, so one call invalidates them all. */
export const activitiesQueryKey = (buId: string) => ["activities", buId] as const;
export const activityListQueryKey = (buId: string, filters: ActivityFilters) =>
  [...activitiesQueryKey(buId), "list", filters] as const;
export const activityQueryKey = (buId: string, id: string) =>
  [...activitiesQueryKey(buId), "one", id] as const;
/** The team schedule's key prefix; defined here too so an activity change can refresh the grid. */
const scheduleKeyPrefix = (buId: string) => ["schedule", buId] as const;

/** Returns the query string of the list request; repeated `state` parameters carry the states. */
export function activityListSearch(filters: ActivityFilters): string {
  const params = new URLSearchParams();
  for (const state of filters.states) {
    params.append("state", state);
  }
  const optional: [string, string | null][] = [
    ["activityTypeId", filters.activityTypeId],
    ["assigneeId", filters.assigneeId],
    ["customerId", filters.customerId],
    ["from", filters.from],
    ["to", filters.to],
  ];
  for (const [name, value] of optional) {
    if (value) {
      params.set(name, value);
    }
  }
  if (filters.q.trim() !== "") {
    params.set("q", filters.q.trim());
  }
  params.set("limit", String(filters.limit));
  params.set("offset", String(filters.offset));
  return params.toString();
}

export function useActivities(buId: string, filters: ActivityFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: activityListQueryKey(buId, filters),
    queryFn: ({ signal }) =>
      api.get<ActivityPage>(`${activitiesPath(buId)}?${activityListSearch(filters)}`, signal),
    placeholderData: (previous) => previous,
    enabled: options.enabled ?? true,
  });
}

export function useActivity(buId: string, id: string) {
  return useQuery({
    queryKey: activityQueryKey(buId, id),
    queryFn: ({ signal }) => api.get<Activity>(activityPath(buId, id), signal),
    enabled: id !== "",
  });
}

/**
 * Stores the changed activity and marks every list and the team schedule as stale, because a
 * change of state, time or worker moves the activity between them.
 */
function useStoreActivity(buId: string) {
  const queryClient = useQueryClient();
  return (activity: Activity) => {
    queryClient.setQueryData(activityQueryKey(buId, activity.id), activity);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: [...activitiesQueryKey(buId), "list"] }),
      queryClient.invalidateQueries({ queryKey: scheduleKeyPrefix(buId) }),
    ]);
  };
}

export function useCreateActivity(buId: string) {
  const store = useStoreActivity(buId);
  return useMutation({
    mutationFn: (activity: NewActivity) => api.post<Activity>(activitiesPath(buId), activity),
    onSuccess: store,
  });
}

export function useUpdateActivity(buId: string, id: string) {
  const store = useStoreActivity(buId);
  return useMutation({
    mutationFn: (patch: ActivityPatch) => api.patch<Activity>(activityPath(buId, id), patch),
    onSuccess: store,
  });
}

/**
 * Schedules an activity. A placement with warnings fails with `schedule_warnings`, listed in
 * `details.warnings`, until it is sent again with `acceptWarnings`. An overlap fails with
 * `schedule_conflict` every time.
 */
export function useScheduleActivity(buId: string) {
  const store = useStoreActivity(buId);
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: ScheduleRequest }) =>
      api.post<ScheduleResult>(`${activityPath(buId, id)}/schedule`, request),
    onSuccess: (result) => store(result.activity),
  });
}

type LifecycleAction = "unschedule" | "start" | "reopen";

/** Runs one lifecycle action without a body: unschedule, start or reopen. */
export function useActivityAction(buId: string, action: LifecycleAction) {
  const store = useStoreActivity(buId);
  return useMutation({
    mutationFn: (id: string) => api.post<Activity>(`${activityPath(buId, id)}/${action}`),
    onSuccess: store,
  });
}

/** Closes an activity with the answers of its closing form. */
export function useCloseActivity(buId: string) {
  const store = useStoreActivity(buId);
  return useMutation({
    mutationFn: ({ id, answers }: { id: string; answers: Record<string, unknown> }) =>
      api.post<Activity>(`${activityPath(buId, id)}/close`, { answers }),
    onSuccess: store,
  });
}

export function useCancelActivity(buId: string) {
  const store = useStoreActivity(buId);
  return useMutation({
    mutationFn: ({ id, reason, details }: { id: string; reason: CancelReason; details: string | null }) =>
      api.post<Activity>(`${activityPath(buId, id)}/cancel`, { reason, details }),
    onSuccess: store,
  });
}

/** Searches the customers of the unit by name, reference, email or phone; at most 20 results. */
export function useCustomerSearch(buId: string, search: string) {
  const q = search.trim();
  return useQuery({
    queryKey: ["activities-customer-search", buId, q],
    queryFn: ({ signal }) =>
      api.get<{ items: CustomerOption[]; total: number }>(
        `${unitPath(buId)}/customers?limit=20${q === "" ? "" : `&q=${encodeURIComponent(q)}`}`,
        signal,
      ),
    placeholderData: (previous) => previous,
    staleTime: 10_000,
  });
}
