import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DateTime } from "luxon";
import { api, segment } from "../../shared/api";
import { addDays, type LocalDate } from "../../shared/zoned-time";
import type { ActivityState } from "./activities";
import type { DayAvailability } from "./team";

export interface ScheduleVisit {
  id: string;
  reference: string;
  businessUnitId: string;
  /** False for a visit of another unit: it takes the worker's time but comes without details. */
  inThisUnit: boolean;
  /** Empty for a visit of another unit. */
  activityTypeId: string;
  activityTypeName: string;
  /** Colour of the activity type, "#rrggbb". */
  colour: string;
  state: ActivityState;
  customerName: string | null;
  addressLine1: string | null;
  postcode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  startAt: string;
  endAt: string;
  confirmedByCustomer: boolean;
}

export interface TravelLeg {
  /** Visit travelled from, or null for the worker's base. */
  fromActivityId: string | null;
  /** Visit travelled to, or null for the worker's base. */
  toActivityId: string | null;
  startAt: string;
  endAt: string;
  minutes: number;
  km: number;
}

export interface ScheduleWorker {
  userId: string;
  name: string;
  /** "#rrggbb". */
  colour: string;
  base: { latitude: number; longitude: number } | null;
  days: DayAvailability[];
  /** Sorted by start. */
  visits: ScheduleVisit[];
  travel: TravelLeg[];
}

export interface PublicHoliday {
  date: LocalDate;
  name: string;
}

export interface TeamSchedule {
  timeZone: string;
  from: LocalDate;
  to: LocalDate;
  holidays: PublicHoliday[];
  workers: ScheduleWorker[];
}

export const SCHEDULE_VIEWS = ["day", "week"] as const;
export type ScheduleView = (typeof SCHEDULE_VIEWS)[number];

export function isScheduleView(value: unknown): value is ScheduleView {
  return typeof value === "string" && (SCHEDULE_VIEWS as readonly string[]).includes(value);
}

/** Key prefix of every team schedule query of a unit; live updates invalidate it. */
export const scheduleQueryKey = (buId: string) => ["schedule", buId] as const;

/**
 * Loads the team schedule of the local dates `from` to `to`, both included. A field worker
 * receives only their own row; `workerId` narrows a planner's answer to one worker.
 */
export function useTeamSchedule(buId: string, from: LocalDate, to: LocalDate, workerId?: string) {
  return useQuery({
    queryKey: [...scheduleQueryKey(buId), from, to, workerId ?? null],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ from, to });
      if (workerId) {
        params.set("workerId", workerId);
      }
      return api.get<TeamSchedule>(`/api/business-units/${segment(buId)}/schedule?${params}`, signal);
    },
    placeholderData: keepPreviousData,
  });
}

/** Returns the Monday of the ISO week of a local date. */
export function mondayOf(date: LocalDate): LocalDate {
  const weekday = DateTime.fromISO(date, { zone: "UTC" }).weekday;
  return addDays(date, 1 - weekday);
}

/** Returns the seven local dates of the week that starts on `monday`. */
export function weekDates(monday: LocalDate): LocalDate[] {
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}
