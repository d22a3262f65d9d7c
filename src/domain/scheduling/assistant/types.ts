import type { Travel } from "../travel.js";
import type { LocalDate, UnavailabilityReason, WorkingTimeInput } from "../working-time/index.js";
import type { SchedulingSettings } from "./settings.js";

/**
 * Places are named by keys (such as rounded coordinates) so that the caller can load one travel
 * matrix for all of them before the search. `null` is a place without coordinates ("not
 * located"): travel to and from it counts as zero and the slot says so.
 */
export type PlaceKey = string | null;

/** Travel between two known places; the search asks only for pairs the caller loaded. */
export type TravelLookup = (from: string, to: string) => Travel;

/** An open visit that holds a worker's time, in this unit or another one. */
export interface BookedVisit {
  id: string;
  reference: string;
  /** Half-open: ISO 8601 instants with an offset, or epoch milliseconds. */
  start: string | number;
  end: string | number;
  place: PlaceKey;
  /** False for a visit of another business unit: it blocks time, its details stay hidden. */
  inThisUnit: boolean;
}

export interface RequiredSkill {
  skillId: string;
  name: string;
  minimumLevel: number;
}

export interface CandidateWorker {
  id: string;
  name: string;
  /** Place where the worker's day starts and ends. */
  base: PlaceKey;
  /** Skill id → level from 1 to 5. */
  skills: Readonly<Record<string, number>>;
  workingTime: WorkingTimeInput;
  /** Open visits of the worker in every unit that touch the searched days, the visit being placed excluded. */
  visits: readonly BookedVisit[];
}

export interface SlotSearchInput {
  /** The business unit's zone: days, midnights and candidate starts are taken in it. */
  zone: string;
  durationMinutes: number;
  place: PlaceKey;
  requiredSkills: readonly RequiredSkill[];
  /** Starts are searched in [from, to), ISO 8601 instants. */
  from: string;
  to: string;
  /** The present instant: earlier starts are "in the past". */
  now: string;
  /** Starts before now + this notice are refused; 0 for staff. */
  minimumNoticeMinutes: number;
  settings: SchedulingSettings;
  workers: readonly CandidateWorker[];
  travel: TravelLookup;
}

/** Travel on one side of a slot: from the previous stop, or to the next. */
export interface TravelSide {
  /** The neighbouring visit, or null for the worker's base. */
  activityId: string | null;
  minutes: number;
  km: number;
  /** True when one end has no coordinates, so the travel is unknown and counted as zero. */
  unknown: boolean;
}

export type Grade = "green" | "orange" | "red";

export interface Slot {
  workerId: string;
  /** Local date of the start in the unit's zone. */
  date: LocalDate;
  start: string;
  end: string;
  travelBefore: TravelSide;
  travelAfter: TravelSide;
  /** Travel the visit adds to the worker's route: before + after − the direct trip it replaces. */
  addedMinutes: number;
  addedKm: number;
  /** From 0 to 100, higher is better. See `scoreSlot`. */
  score: number;
  grade: Exclude<Grade, "red">;
}

/** Reason a worker cannot take the visit at a time, or on a day. */
export type Reason =
  | {
      code: "lacks_skill";
      skillId: string;
      skillName: string;
      requiredLevel: number;
      workerLevel: number | null;
    }
  | { code: "in_past" }
  | { code: "inside_notice"; earliestStart: string }
  | { code: "outside_hours" | "lunch" }
  | { code: "public_holiday" | "day_off"; label?: string }
  | { code: "unavailable"; unavailabilityReason?: UnavailabilityReason }
  | { code: "overlap"; activityId: string; reference: string; start: string; end: string }
  | {
      code: "travel_from_previous" | "travel_to_next";
      activityId: string | null;
      neededMinutes: number;
      availableMinutes: number;
    }
  | { code: "fully_booked" }
  | { code: "beyond_horizon"; latestDate: LocalDate };

/** A worker for whom a day (or, when `date` is null, the whole search) has no slot. */
export interface Unsuitable {
  workerId: string;
  date: LocalDate | null;
  grade: "red";
  reasons: Reason[];
}

export interface SlotSearchResult {
  /** Every feasible slot, best first. */
  slots: Slot[];
  /** The worker-days without any slot, each with its reason, for staff. */
  unsuitable: Unsuitable[];
}
