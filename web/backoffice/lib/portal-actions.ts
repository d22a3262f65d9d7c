import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, segment } from "../../shared/api";
import type { PortalAction } from "../components/portal-actions/action-model";

/** What `GET …/activity-types/:typeId/portal-actions` returns. */
export interface PortalActionsResponse {
  actions: PortalAction[];
  /** The unit's activity types that are not archived: the targets a create action may choose. */
  types: { id: string; name: string }[];
}

export const PORTAL_EVENT_KINDS = [
  "booked",
  "rescheduled",
  "canceled",
  "requested",
  "created",
  "closed",
  "updated",
] as const;
export type PortalEventKind = (typeof PORTAL_EVENT_KINDS)[number];

export function isPortalEventKind(value: unknown): value is PortalEventKind {
  return typeof value === "string" && (PORTAL_EVENT_KINDS as readonly string[]).includes(value);
}

/** Something a customer did on the portal, as `GET …/portal-events` lists it. */
export interface PortalEvent {
  id: string;
  /** One of `PORTAL_EVENT_KINDS`; typed as a string because a newer server may add kinds. */
  kind: string;
  activity: { id: string; reference: string };
  /** The activity that a linked request came from. */
  sourceActivityId: string | null;
  customer: { id: string; name: string };
  /** The label of the action in the business unit's language. */
  actionLabel: string;
  /** ISO 8601 instant. */
  createdAt: string;
  /** ISO 8601 instant, or null while the event is new. */
  acknowledgedAt: string | null;
}

export type PortalEventFilter = "new" | "all";

/** How often the count of new events and the event list reload while shown, in milliseconds. */
export const PORTAL_EVENTS_REFRESH_MS = 30_000;
/** Events listed on the page, newest first; the API allows up to 200. */
export const PORTAL_EVENTS_PAGE_SIZE = 100;

const unitPath = (buId: string) => `/api/business-units/${segment(buId)}`;
const actionsPath = (buId: string, typeId: string) =>
  `${unitPath(buId)}/activity-types/${segment(typeId)}/portal-actions`;
const eventsPath = (buId: string) => `${unitPath(buId)}/portal-events`;

export const portalActionsQueryKey = (buId: string, typeId: string) =>
  ["portalActions", buId, typeId] as const;
export const portalEventsQueryKey = (buId: string) => ["portalEvents", buId] as const;
const portalEventCountQueryKey = (buId: string) => [...portalEventsQueryKey(buId), "count"] as const;
const subscriptionQueryKey = (buId: string) => ["portalEventSubscription", buId] as const;

export function usePortalActions(buId: string, typeId: string) {
  return useQuery({
    queryKey: portalActionsQueryKey(buId, typeId),
    queryFn: ({ signal }) => api.get<PortalActionsResponse>(actionsPath(buId, typeId), signal),
  });
}

/**
 * Replaces the type's ordered actions (admins). The body is sent as edited, so the server
 * reports every problem with a path such as `actions.1.conditions.items.0.hours`.
 */
export function useSavePortalActions(buId: string, typeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (actions: unknown[]) =>
      api.put<PortalActionsResponse>(actionsPath(buId, typeId), { actions }),
    onSuccess: (saved) => queryClient.setQueryData(portalActionsQueryKey(buId, typeId), saved),
  });
}

/** Reloads every `PORTAL_EVENTS_REFRESH_MS` while the page is visible, and when the window gets the focus. */
const liveOptions = {
  staleTime: 0,
  refetchInterval: PORTAL_EVENTS_REFRESH_MS,
  refetchOnWindowFocus: true,
} as const;

/** The number of new portal events, for the navigation's badge (admins and planners). */
export function usePortalEventCount(buId: string) {
  return useQuery({
    queryKey: portalEventCountQueryKey(buId),
    queryFn: async ({ signal }) => {
      const { newCount } = await api.get<{ newCount: number }>(
        `${eventsPath(buId)}?status=new&limit=1`,
        signal,
      );
      return newCount;
    },
    ...liveOptions,
  });
}

/** The unit's portal events, newest first, with the number of new ones (admins and planners). */
export function usePortalEvents(buId: string, filter: PortalEventFilter) {
  return useQuery({
    queryKey: [...portalEventsQueryKey(buId), "list", filter],
    queryFn: ({ signal }) =>
      api.get<{ events: PortalEvent[]; newCount: number }>(
        `${eventsPath(buId)}?status=${filter}&limit=${PORTAL_EVENTS_PAGE_SIZE}`,
        signal,
      ),
    placeholderData: (previous) => previous,
    ...liveOptions,
  });
}

/** Marks the given events as seen, or every new event when `ids` is undefined. */
export function useAcknowledgePortalEvents(buId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | undefined) =>
      api.post<{ acknowledged: number }>(`${eventsPath(buId)}/acknowledge`, ids === undefined ? {} : { ids }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalEventsQueryKey(buId) }),
  });
}

/** Whether the signed-in member gets an email for each portal event of the unit. */
export function usePortalEventSubscription(buId: string) {
  return useQuery({
    queryKey: subscriptionQueryKey(buId),
    queryFn: ({ signal }) => api.get<{ subscribed: boolean }>(`${eventsPath(buId)}/subscription`, signal),
  });
}

export function useSetPortalEventSubscription(buId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (subscribed: boolean) =>
      api.put<{ subscribed: boolean }>(`${eventsPath(buId)}/subscription`, { subscribed }),
    onSuccess: (saved) => queryClient.setQueryData(subscriptionQueryKey(buId), saved),
  });
}
