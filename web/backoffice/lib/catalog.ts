import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, segment } from "../../shared/api";
import type { Answers, FormDefinition, FormKind } from "../components/forms/form-model";

export const OPERATING_MODES = ["on_site", "remote", "task"] as const;
export type OperatingMode = (typeof OPERATING_MODES)[number];

export function isOperatingMode(value: unknown): value is OperatingMode {
  return typeof value === "string" && (OPERATING_MODES as readonly string[]).includes(value);
}

/** Lowest and highest skill level that an activity type can require. */
export const MIN_SKILL_LEVEL = 1;
export const MAX_SKILL_LEVEL = 5;

/** Bounds of the default duration that the API accepts, in minutes: one minute to one day. */
export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 1440;

export interface RequiredSkill {
  skillId: string;
  name: string;
  /** From 1 to 5. */
  minimumLevel: number;
}

export interface ActivityType {
  id: string;
  name: string;
  /** "#rrggbb". */
  colour: string;
  operatingMode: OperatingMode;
  defaultDurationMinutes: number;
  requiredSkills: RequiredSkill[];
  activityForm: FormDefinition;
  closingForm: FormDefinition;
  archived: boolean;
  /** The type of the linked activity created when one of this type is closed. */
  followUpTypeId: string | null;
}

export interface ActivityTypeInput {
  name?: string;
  colour?: string;
  operatingMode?: OperatingMode;
  defaultDurationMinutes?: number;
  requiredSkills?: { skillId: string; minimumLevel: number }[];
  /** Sent whole: the server replaces the stored form with it. */
  activityForm?: FormDefinition;
  closingForm?: FormDefinition;
  archived?: boolean;
  followUpTypeId?: string | null;
}

export interface CatalogSkill {
  id: string;
  name: string;
}

const catalogKey = (buId: string) => ["catalog", buId] as const;
export const activityTypesQueryKey = (buId: string) => [...catalogKey(buId), "activityTypes"] as const;
export const activityTypeQueryKey = (buId: string, typeId: string) =>
  [...activityTypesQueryKey(buId), typeId] as const;
const skillsQueryKey = (buId: string) => [...catalogKey(buId), "skills"] as const;

const typesPath = (buId: string) => `/api/business-units/${segment(buId)}/activity-types`;
const typePath = (buId: string, typeId: string) => `${typesPath(buId)}/${segment(typeId)}`;

export function useActivityTypes(buId: string) {
  return useQuery({
    queryKey: activityTypesQueryKey(buId),
    queryFn: ({ signal }) => api.get<ActivityType[]>(typesPath(buId), signal),
  });
}

export function useActivityType(buId: string, typeId: string) {
  return useQuery({
    queryKey: activityTypeQueryKey(buId, typeId),
    queryFn: ({ signal }) => api.get<ActivityType>(typePath(buId, typeId), signal),
  });
}

/** Skills that an activity type can require, for the skill picker. */
export function useCatalogSkills(buId: string) {
  return useQuery({
    queryKey: skillsQueryKey(buId),
    queryFn: ({ signal }) => api.get<CatalogSkill[]>(`/api/business-units/${segment(buId)}/skills`, signal),
  });
}

/** Stores the saved type in the cache and marks the list as stale, so both screens show it. */
function useStoreActivityType(buId: string) {
  const queryClient = useQueryClient();
  return (saved: ActivityType) => {
    queryClient.setQueryData(activityTypeQueryKey(buId, saved.id), saved);
    return queryClient.invalidateQueries({ queryKey: activityTypesQueryKey(buId), exact: true });
  };
}

export function useCreateActivityType(buId: string) {
  const store = useStoreActivityType(buId);
  return useMutation({
    mutationFn: (input: ActivityTypeInput & { name: string }) =>
      api.post<ActivityType>(typesPath(buId), input),
    onSuccess: store,
  });
}

export function useUpdateActivityType(buId: string, typeId: string) {
  const store = useStoreActivityType(buId);
  return useMutation({
    mutationFn: (patch: ActivityTypeInput) => api.patch<ActivityType>(typePath(buId, typeId), patch),
    onSuccess: store,
  });
}

/**
 * Checks answers against the activity or closing form as saved on the server (not an unsaved
 * draft) and returns them normalized. A `validation_failed` error names each invalid answer
 * with a path such as `answers.tank_litres`.
 */
export function useCheckAnswers(buId: string, typeId: string, kind: FormKind) {
  return useMutation({
    mutationFn: (answers: Record<string, unknown>) =>
      api.post<{ answers: Answers }>(`${typePath(buId, typeId)}/forms/${segment(kind)}/check`, { answers }),
  });
}
