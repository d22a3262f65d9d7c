import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, segment } from "../../shared/api";
import type { LocalDate } from "../../shared/zoned-time";

/** ISO weekday as a JSON key: "1" is Monday and "7" is Sunday. */
export const ISO_WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/** Half-open range of wall times "HH:mm". "24:00" is allowed as an end and means the next midnight. */
export interface WallTimeRange {
  start: string;
  end: string;
}

export interface WeeklyHours {
  /** Working ranges per weekday. A missing weekday or an empty list is a day without hours. */
  days: Partial<Record<IsoWeekday, WallTimeRange[]>>;
  /** Lunch break on every day with hours, except the weekdays listed in `lunchByDay`. */
  lunch?: WallTimeRange;
  /** Lunch break of one weekday, replacing `lunch`. `null` means no lunch break that day. */
  lunchByDay?: Partial<Record<IsoWeekday, WallTimeRange | null>>;
}

export interface Skill {
  id: string;
  name: string;
}

export interface WorkerSkill {
  skillId: string;
  name: string;
  /** From 1 to 5. */
  level: number;
}

export interface WorkerProfile {
  /** "#rrggbb". */
  colour: string;
  baseAddressLine1: string | null;
  baseAddressLine2: string | null;
  basePostcode: string | null;
  baseCity: string | null;
  baseLatitude: number | null;
  baseLongitude: number | null;
  weeklyHours: WeeklyHours;
}

export interface WorkerSummary extends WorkerProfile {
  userId: string;
  name: string;
  email: string;
  /** False until a planner saves the profile. The server's default hours apply meanwhile. */
  configured: boolean;
  skills: WorkerSkill[];
}

export interface HoursException {
  from: LocalDate;
  /** Last date covered, inclusive. */
  to: LocalDate;
  hours: "off" | WeeklyHours;
  label?: string;
  worksOnPublicHolidays?: boolean;
}

export interface SavedHoursException extends HoursException {
  id: string;
}

export const UNAVAILABILITY_REASONS = ["leave", "sick", "training", "other"] as const;
export type UnavailabilityReason = (typeof UNAVAILABILITY_REASONS)[number];

export interface Unavailability {
  id: string;
  /** ISO 8601 instant, start included. */
  start: string;
  /** ISO 8601 instant, end excluded. */
  end: string;
  reason: UnavailabilityReason;
  note?: string;
}

export type NewUnavailability = Omit<Unavailability, "id">;

export interface WorkerDetail extends WorkerSummary {
  exceptions: SavedHoursException[];
  /** Unavailabilities that end less than a year ago, and all later ones. */
  unavailabilities: Unavailability[];
}

export type WorkerPatch = Partial<WorkerProfile> & { skills?: { skillId: string; level: number }[] };

export const BLOCKED_REASONS = [
  "outside_hours",
  "lunch",
  "public_holiday",
  "day_off",
  "unavailable",
] as const;
export type BlockedReason = (typeof BLOCKED_REASONS)[number];

/** Half-open interval of UTC instants. */
export interface Interval {
  start: string;
  end: string;
}

export interface BlockedInterval extends Interval {
  reason: BlockedReason;
  unavailabilityId?: string;
  unavailabilityReason?: UnavailabilityReason;
  /** Holiday names for "public_holiday", or the exception's label for "day_off". */
  label?: string;
}

/** One local day. Working and blocked intervals together cover the whole day. */
export interface DayAvailability {
  date: LocalDate;
  working: Interval[];
  blocked: BlockedInterval[];
}

const teamKey = (buId: string) => ["team", buId] as const;
export const skillsQueryKey = (buId: string) => [...teamKey(buId), "skills"] as const;
export const workersQueryKey = (buId: string) => [...teamKey(buId), "workers"] as const;
export const workerQueryKey = (buId: string, userId: string) => [...teamKey(buId), "worker", userId] as const;
const availabilityKey = (buId: string, userId: string) => [...teamKey(buId), "availability", userId] as const;

const unitPath = (buId: string) => `/api/business-units/${segment(buId)}`;
const skillsPath = (buId: string) => `${unitPath(buId)}/skills`;
const workerPath = (buId: string, userId: string) => `${unitPath(buId)}/workers/${segment(userId)}`;

export function useSkills(buId: string) {
  return useQuery({
    queryKey: skillsQueryKey(buId),
    queryFn: ({ signal }) => api.get<Skill[]>(skillsPath(buId), signal),
  });
}

/** Reloads the skills, and the workers too because their skill badges show skill names. */
function useRefreshSkills(buId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: skillsQueryKey(buId) }),
      queryClient.invalidateQueries({ queryKey: workersQueryKey(buId) }),
      queryClient.invalidateQueries({ queryKey: [...teamKey(buId), "worker"] }),
    ]);
}

export function useAddSkill(buId: string) {
  const refresh = useRefreshSkills(buId);
  return useMutation({
    mutationFn: (name: string) => api.post<Skill>(skillsPath(buId), { name }),
    onSuccess: refresh,
  });
}

export function useRenameSkill(buId: string) {
  const refresh = useRefreshSkills(buId);
  return useMutation({
    mutationFn: ({ skillId, name }: { skillId: string; name: string }) =>
      api.patch<Skill>(`${skillsPath(buId)}/${segment(skillId)}`, { name }),
    onSuccess: refresh,
  });
}

export function useDeleteSkill(buId: string) {
  const refresh = useRefreshSkills(buId);
  return useMutation({
    mutationFn: (skillId: string) => api.delete(`${skillsPath(buId)}/${segment(skillId)}`),
    onSuccess: refresh,
  });
}

export function useWorkers(buId: string) {
  return useQuery({
    queryKey: workersQueryKey(buId),
    queryFn: ({ signal }) => api.get<WorkerSummary[]>(`${unitPath(buId)}/workers`, signal),
  });
}

export function useWorker(buId: string, userId: string) {
  return useQuery({
    queryKey: workerQueryKey(buId, userId),
    queryFn: ({ signal }) => api.get<WorkerDetail>(workerPath(buId, userId), signal),
  });
}

/**
 * Reloads what a change to one worker affects: the list of workers and the worker's
 * availability. The worker's own record is reloaded too unless `updated` already contains it.
 */
function useRefreshWorker(buId: string, userId: string) {
  const queryClient = useQueryClient();
  return (updated?: WorkerDetail) => {
    if (updated) {
      queryClient.setQueryData(workerQueryKey(buId, userId), updated);
    }
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: workersQueryKey(buId) }),
      queryClient.invalidateQueries({ queryKey: availabilityKey(buId, userId) }),
      updated ? undefined : queryClient.invalidateQueries({ queryKey: workerQueryKey(buId, userId) }),
    ]);
  };
}

export function useUpdateWorker(buId: string, userId: string) {
  const refresh = useRefreshWorker(buId, userId);
  return useMutation({
    mutationFn: (patch: WorkerPatch) => api.patch<WorkerDetail>(workerPath(buId, userId), patch),
    onSuccess: (updated) => refresh(updated),
  });
}

export function useAddException(buId: string, userId: string) {
  const refresh = useRefreshWorker(buId, userId);
  return useMutation({
    mutationFn: (exception: HoursException) =>
      api.post<SavedHoursException>(`${workerPath(buId, userId)}/exceptions`, exception),
    onSuccess: () => refresh(),
  });
}

export function useDeleteException(buId: string, userId: string) {
  const refresh = useRefreshWorker(buId, userId);
  return useMutation({
    mutationFn: (exceptionId: string) =>
      api.delete(`${workerPath(buId, userId)}/exceptions/${segment(exceptionId)}`),
    onSuccess: () => refresh(),
  });
}

export function useAddUnavailability(buId: string, userId: string) {
  const refresh = useRefreshWorker(buId, userId);
  return useMutation({
    mutationFn: (unavailability: NewUnavailability) =>
      api.post<Unavailability>(`${workerPath(buId, userId)}/unavailabilities`, unavailability),
    onSuccess: () => refresh(),
  });
}

export function useDeleteUnavailability(buId: string, userId: string) {
  const refresh = useRefreshWorker(buId, userId);
  return useMutation({
    mutationFn: (unavailabilityId: string) =>
      api.delete(`${workerPath(buId, userId)}/unavailabilities/${segment(unavailabilityId)}`),
    onSuccess: () => refresh(),
  });
}

/** Loads the working and blocked time of each local date from `from` to `to`, both included. */
export function useAvailability(buId: string, userId: string, from: LocalDate, to: LocalDate) {
  return useQuery({
    queryKey: [...availabilityKey(buId, userId), from, to],
    queryFn: ({ signal }) =>
      api.get<DayAvailability[]>(
        `${workerPath(buId, userId)}/availability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        signal,
      ),
    placeholderData: (previous) => previous,
  });
}
