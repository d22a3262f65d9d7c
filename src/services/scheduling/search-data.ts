import { DateTime } from "luxon";
import type { Executor } from "../../db/database.js";
import {
  type CandidateWorker,
  type PlaceKey,
  type RequiredSkill,
  readSchedulingSettings,
  type SchedulingSettings,
  type TravelLookup,
} from "../../domain/scheduling/assistant/index.js";
import type { Point, Travel } from "../../domain/scheduling/travel.js";
import { type PublicHoliday, publicHolidays } from "../../domain/scheduling/working-time/index.js";
import type { TravelPair, TravelTimeProvider } from "../../integrations/travel/provider.js";
import { activityRepository } from "../../repositories/activities.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import { catalogRepository } from "../../repositories/catalog.js";
import { teamRepository } from "../../repositories/team.js";
import { DEFAULT_WEEKLY_HOURS, presentUnavailability } from "../team-service.js";

/** Key of a place in the travel matrix: its coordinates to about a metre. */
export function placeKey(point: { latitude: number | null; longitude: number | null } | null): PlaceKey {
  if (!point || point.latitude === null || point.longitude === null) return null;
  return `${point.latitude.toFixed(5)},${point.longitude.toFixed(5)}`;
}

function pointOfKey(key: string): Point {
  const [latitude, longitude] = key.split(",").map(Number);
  return { latitude: latitude as number, longitude: longitude as number };
}

export interface SearchData {
  settings: SchedulingSettings;
  workers: CandidateWorker[];
  /** Worker id → name, for the answers. */
  names: Map<string, string>;
}

/**
 * Loads what the assistant needs about the unit's field workers for searches in [from, to):
 * hours, exceptions, public holidays, unavailabilities, skills, bases and open visits in every
 * unit. Leave and visits are read with a day of margin on both sides, because local days and
 * instants do not line up.
 */
export async function loadSearchData(
  db: Executor,
  organizationId: string,
  unit: BusinessUnitRow,
  range: { from: Date; to: Date },
  options: { exceptActivityId?: string; workerIds?: string[] } = {},
): Promise<SearchData> {
  const team = teamRepository(db, organizationId);
  let fieldWorkers = await team.listFieldWorkers(unit.id);
  if (options.workerIds) {
    const wanted = new Set(options.workerIds);
    fieldWorkers = fieldWorkers.filter((worker) => wanted.has(worker.userId));
  }
  const userIds = fieldWorkers.map((worker) => worker.userId);
  const marginFrom = new Date(range.from.getTime() - 86_400_000);
  const marginTo = new Date(range.to.getTime() + 86_400_000);
  const [exceptions, unavailabilities, skills, visits] = await Promise.all([
    team.listExceptionsOfWorkers(unit.id, userIds),
    team.listUnavailabilitiesOfWorkers(userIds, marginFrom, marginTo),
    team.listWorkerSkills(unit.id, userIds),
    activityRepository(db, organizationId).listOpenVisitsOfWorkers(
      userIds,
      marginFrom,
      marginTo,
      options.exceptActivityId,
    ),
  ]);
  const holidays = holidaysOf(unit, marginFrom, marginTo);

  const workers = fieldWorkers.map((worker): CandidateWorker => {
    const profile = worker.profile;
    return {
      id: worker.userId,
      name: worker.name,
      base: placeKey(profile ? { latitude: profile.baseLatitude, longitude: profile.baseLongitude } : null),
      skills: Object.fromEntries(
        skills.filter((row) => row.userId === worker.userId).map((row) => [row.skillId, row.level]),
      ),
      workingTime: {
        zone: unit.timeZone,
        weeklyHours: profile?.weeklyHours ?? DEFAULT_WEEKLY_HOURS,
        exceptions: exceptions.filter((row) => row.userId === worker.userId).map((row) => row.exception),
        holidays,
        unavailabilities: unavailabilities
          .filter((row) => row.userId === worker.userId)
          .map(presentUnavailability),
      },
      visits: visits
        .filter((visit) => visit.assigneeId === worker.userId)
        .map((visit) => ({
          id: visit.id,
          reference: visit.reference,
          start: (visit.startAt as Date).getTime(),
          end: (visit.endAt as Date).getTime(),
          place: placeKey(visit),
          inThisUnit: visit.businessUnitId === unit.id,
        })),
    };
  });
  return {
    settings: readSchedulingSettings(unit.schedulingSettings),
    workers,
    names: new Map(fieldWorkers.map((worker) => [worker.userId, worker.name])),
  };
}

function holidaysOf(unit: BusinessUnitRow, from: Date, to: Date): PublicHoliday[] {
  const holidays: PublicHoliday[] = [];
  const firstYear = DateTime.fromJSDate(from, { zone: unit.timeZone }).year;
  const lastYear = DateTime.fromJSDate(to, { zone: unit.timeZone }).year;
  for (let year = firstYear; year <= lastYear; year++) {
    holidays.push(...publicHolidays(unit.country, year, { language: unit.language === "fr" ? "fr" : "en" }));
  }
  return holidays;
}

/** The skills an activity type requires, with their minimum levels. */
export async function requiredSkillsOf(
  db: Executor,
  organizationId: string,
  activityTypeId: string,
): Promise<RequiredSkill[]> {
  const rows = await catalogRepository(db, organizationId).listRequiredSkills([activityTypeId]);
  return rows.map((row) => ({ skillId: row.skillId, name: row.name, minimumLevel: row.minimumLevel }));
}

/**
 * Loads, in one batch from the provider, every trip the search may ask about: from each stop
 * (bases and visits) to the visit's place and back, and between consecutive stops of each worker
 * (for the added travel). Returns a lookup that the pure search reads synchronously.
 */
export async function loadTravel(
  provider: TravelTimeProvider,
  place: PlaceKey,
  workers: readonly CandidateWorker[],
): Promise<TravelLookup> {
  const keys = new Set<string>();
  const pairs: [string, string][] = [];
  const want = (from: PlaceKey, to: PlaceKey) => {
    if (from === null || to === null || from === to) return;
    const key = `${from}|${to}`;
    if (keys.has(key)) return;
    keys.add(key);
    pairs.push([from, to]);
  };
  for (const worker of workers) {
    const stops = [worker.base, ...worker.visits.map((visit) => visit.place)];
    for (const stop of stops) {
      want(stop, place);
      want(place, stop);
    }
    for (const visit of worker.visits) {
      want(worker.base, visit.place);
      want(visit.place, worker.base);
    }
    for (let index = 1; index < worker.visits.length; index++) {
      want(worker.visits[index - 1]?.place ?? null, worker.visits[index]?.place ?? null);
    }
  }
  const travels = await provider.travel(
    pairs.map(([from, to]): TravelPair => [pointOfKey(from), pointOfKey(to)]),
  );
  const table = new Map<string, Travel>();
  pairs.forEach(([from, to], index) => {
    table.set(`${from}|${to}`, travels[index] as Travel);
  });
  return (from, to) => {
    const travel = table.get(`${from}|${to}`);
    if (!travel) throw new Error(`Travel ${from} to ${to} was not loaded before the search.`);
    return travel;
  };
}
