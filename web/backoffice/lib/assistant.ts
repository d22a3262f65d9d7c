import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, segment } from "../../shared/api";
import type { LocalDate } from "../../shared/zoned-time";
import { activitiesQueryKey } from "./activities";

/** Travel on one side of a slot: from the previous stop, or to the next one. */
export interface TravelSide {
  /** The neighbouring visit, or null for the worker's base. */
  activityId: string | null;
  minutes: number;
  km: number;
  /** True when one end has no coordinates: the travel is then unknown and counted as zero. */
  unknown: boolean;
}

export type SlotGrade = "green" | "orange";
export type WorkerGrade = SlotGrade | "red";

/** A feasible start for the visit, as the assistant ranks it. */
export interface Slot {
  workerId: string;
  workerName: string;
  /** Local date of the start in the unit's zone. */
  date: LocalDate;
  /** ISO 8601 instants. */
  start: string;
  end: string;
  travelBefore: TravelSide;
  travelAfter: TravelSide;
  /** Travel the visit adds to the worker's route, in minutes and kilometres. */
  addedMinutes: number;
  addedKm: number;
  /** From 0 to 100, higher is better. */
  score: number;
  grade: SlotGrade;
}

/**
 * Reason that a worker cannot take the visit at a time or on a day. The fields besides `code`
 * depend on the code, and `describeReason` reads each of them.
 */
export interface Reason {
  code: string;
  skillName?: string;
  requiredLevel?: number;
  workerLevel?: number | null;
  earliestStart?: string;
  label?: string;
  unavailabilityReason?: string;
  activityId?: string | null;
  /** Reference of an overlapping visit; "" when that visit belongs to another unit. */
  reference?: string;
  start?: string;
  end?: string;
  neededMinutes?: number;
  availableMinutes?: number;
  latestDate?: LocalDate;
}

/** A worker without any slot on a day, or over the whole range when `date` is null. */
export interface Unsuitable {
  workerId: string;
  workerName: string;
  date: LocalDate | null;
  grade: "red";
  reasons: Reason[];
}

export interface AssistantDay {
  date: LocalDate;
  /** The best slots of the day, best first. */
  slots: Slot[];
  unsuitable: Unsuitable[];
}

export interface RankedWorker {
  workerId: string;
  workerName: string;
  best: Slot | null;
  greenSlots: number;
  feasibleSlots: number;
  grade: WorkerGrade;
  unsuitable: Unsuitable[];
}

/** Response of `GET …/activities/:id/assistant`. */
export interface Suggestions {
  activityId: string;
  timeZone: string;
  from: LocalDate;
  to: LocalDate;
  durationMinutes: number;
  /** False when the activity has no coordinates, so travel to it is unknown. */
  located: boolean;
  travelProvider: string;
  /** The best slots of the range, best first. */
  best: Slot[];
  days: AssistantDay[];
  /** Every field worker, best first. */
  workers: RankedWorker[];
}

/** Response of `GET …/activities/:id/assistant/explain`. */
export interface Explanation {
  workerId: string;
  workerName: string;
  start: string;
  end: string;
  feasible: boolean;
  reasons: Reason[];
  travelBefore: TravelSide | null;
  travelAfter: TravelSide | null;
}

export interface SchedulingSettings {
  /** Candidate starts are local midnight plus a multiple of this step. */
  stepMinutes: number;
  travel: {
    roadFactor: number;
    averageSpeedKmh: number;
    overheadMinutes: number;
  };
  score: {
    travelMinuteWeight: number;
    delayDayWeight: number;
    workloadWeight: number;
    greenFrom: number;
  };
}

const unitPath = (buId: string) => `/api/business-units/${segment(buId)}`;
const assistantPath = (buId: string, activityId: string) =>
  `${unitPath(buId)}/activities/${segment(activityId)}/assistant`;

/**
 * Query keys of the assistant's responses. They start with the activities' key, so scheduling any
 * activity of the unit marks them stale too.
 */
export const assistantQueryKey = (buId: string, activityId: string) =>
  [...activitiesQueryKey(buId), "assistant", activityId] as const;
export const schedulingSettingsQueryKey = (buId: string) => ["schedulingSettings", buId] as const;

/** Loads the ranked slots of an activity over the local dates [from, to] of the unit. */
export function useSuggestions(buId: string, activityId: string, from: LocalDate, to: LocalDate) {
  return useQuery({
    queryKey: [...assistantQueryKey(buId, activityId), "slots", from, to],
    queryFn: ({ signal }) =>
      api.get<Suggestions>(
        `${assistantPath(buId, activityId)}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        signal,
      ),
    // Slots change whenever anyone schedules, so every mount of the screen requests them again.
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

/**
 * Explains whether a worker can take the activity at `start` (an ISO instant with an offset).
 * Runs only once the worker and the start are both known.
 */
export function useExplanation(
  buId: string,
  activityId: string,
  workerId: string | null,
  start: string | null,
) {
  return useQuery({
    queryKey: [...assistantQueryKey(buId, activityId), "explain", workerId, start],
    queryFn: ({ signal }) =>
      api.get<Explanation>(
        `${assistantPath(buId, activityId)}/explain?workerId=${encodeURIComponent(workerId ?? "")}&start=${encodeURIComponent(start ?? "")}`,
        signal,
      ),
    enabled: workerId !== null && start !== null,
    staleTime: 0,
  });
}

export function useSchedulingSettings(buId: string) {
  return useQuery({
    queryKey: schedulingSettingsQueryKey(buId),
    queryFn: ({ signal }) => api.get<SchedulingSettings>(`${unitPath(buId)}/scheduling-settings`, signal),
  });
}

/** Replaces the unit's scheduling settings; admins only. The assistant's answers change with them. */
export function useUpdateSchedulingSettings(buId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: SchedulingSettings) =>
      api.put<SchedulingSettings>(`${unitPath(buId)}/scheduling-settings`, settings),
    onSuccess: (saved) => {
      queryClient.setQueryData(schedulingSettingsQueryKey(buId), saved);
      return queryClient.invalidateQueries({ queryKey: [...activitiesQueryKey(buId), "assistant"] });
    },
  });
}
