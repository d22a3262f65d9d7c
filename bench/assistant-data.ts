/**
 * Synthetic business units for the scheduling-assistant benchmark, built from the real places of
 * resources/demo/lyon-area-places.csv. The same unit feeds the in-process search (as
 * `CandidateWorker`s) and the HTTP server (as rows written to PostgreSQL).
 */
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { DatabaseHandle } from "../src/db/database.js";
import { activities, customers, workerProfiles, workerSkills } from "../src/db/schema/index.js";
import type { CandidateWorker } from "../src/domain/scheduling/assistant/index.js";
import { estimateTravel, type Point } from "../src/domain/scheduling/travel.js";
import {
  type PublicHoliday,
  publicHolidays,
  type WeeklyHours,
} from "../src/domain/scheduling/working-time/index.js";
import { type BusinessUnitRow, businessUnitRepository } from "../src/repositories/business-units.js";
import { CUSTOMER_REFERENCE_COUNTER, customerRepository } from "../src/repositories/customers.js";
import { membershipRepository } from "../src/repositories/memberships.js";
import { type Actor, loadRoles } from "../src/services/access.js";
import { createActivityType } from "../src/services/catalog-service.js";
import type { ServiceContext } from "../src/services/context.js";
import { jitter, jitterRadiusMetres } from "../src/services/demo/customers.js";
import { createRandom, type Random } from "../src/services/demo/random.js";
import { loadLyonAreaPlaces, type Place } from "../src/services/demo/resources.js";
import { createOrganization } from "../src/services/organization-service.js";
import { placeKey } from "../src/services/scheduling/search-data.js";
import { saveSkill } from "../src/services/team-service.js";

export const ZONE = "Europe/Paris";
export const COUNTRY = "FR";
export const BENCH_PASSWORD = "bench password 0123456789";

/**
 * Working hours from 08:00 to 18:00 with a lunch break from 12:00 to 13:00, every day of the
 * week, so that a scenario contains exactly workers × days × visits a day.
 */
export const WEEKLY_HOURS: WeeklyHours = {
  days: Object.fromEntries(
    ["1", "2", "3", "4", "5", "6", "7"].map((day) => [day, [{ start: "08:00", end: "18:00" }]]),
  ),
  lunch: { start: "12:00", end: "13:00" },
};

/** Booked visits last 45 minutes, and the visit to place lasts 60. */
const VISIT_MINUTES = 45;
export const SEARCHED_MINUTES = 60;
const CUSTOMERS_PER_WORKER = 10;
export const SKILL_NAME = "Chaudière gaz";
export const REQUIRED_LEVEL = 2;
const WORKER_LEVEL = 3;
const INSERT_BATCH_SIZE = 1_000;

export interface Scenario {
  name: string;
  workers: number;
  days: number;
  /** Booked visits on each day of each worker. */
  visitsPerDay: number;
}

interface Address {
  line1: string;
  postcode: string;
  city: string;
  point: Point;
}

export interface SyntheticWorker {
  name: string;
  email: string;
  base: Address;
}

export interface SyntheticVisit {
  id: string;
  reference: string;
  workerIndex: number;
  customerIndex: number;
  start: Date;
  end: Date;
}

export interface SyntheticUnit {
  code: string;
  workers: SyntheticWorker[];
  customers: Address[];
  visits: SyntheticVisit[];
  /** The customer of the activity that the assistant places. */
  targetCustomerIndex: number;
}

/** Returns the instant of a wall time of a local date in the benchmark's zone. */
export function wallTime(date: string, hour: number, minute = 0): Date {
  return DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute }).toJSDate();
}

/** Returns `count` consecutive local dates from `first`. */
export function consecutiveDates(first: string, count: number): string[] {
  const start = DateTime.fromISO(first, { zone: ZONE });
  return Array.from({ length: count }, (_, index) => start.plus({ days: index }).toISODate()!);
}

function holidayDates(fromYear: number, toYear: number): Set<string> {
  const dates = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const holiday of publicHolidays(COUNTRY, year)) dates.add(holiday.date);
  }
  return dates;
}

/** Public holidays of the benchmark's country in the years of the dates, as the search reads them. */
export function holidaysAround(dates: readonly string[]): PublicHoliday[] {
  const years = dates.map((date) => Number(date.slice(0, 4)));
  const holidays: PublicHoliday[] = [];
  for (let year = Math.min(...years); year <= Math.max(...years); year++) {
    holidays.push(...publicHolidays(COUNTRY, year, { language: "fr" }));
  }
  return holidays;
}

/**
 * Returns the first local date at least `daysAhead` days after `today` that starts a run of
 * `count` days without a public holiday, so that every searched day is a working day.
 */
export function firstHolidayFreeRun(today: string, daysAhead: number, count: number): string {
  const start = DateTime.fromISO(today, { zone: ZONE }).plus({ days: daysAhead });
  const holidays = holidayDates(start.year, start.year + 2);
  for (let offset = 0; offset < 366; offset++) {
    const dates = consecutiveDates(start.plus({ days: offset }).toISODate()!, count);
    if (dates.every((date) => !holidays.has(date))) return dates[0]!;
  }
  throw new Error(`No run of ${count} days without a public holiday in the year after ${today}.`);
}

/** Returns up to `count` local dates without a public holiday, from `first` to `last` inclusive. */
export function workingDatesBetween(first: string, last: string, count: number): string[] {
  const holidays = holidayDates(Number(first.slice(0, 4)), Number(last.slice(0, 4)));
  const dates: string[] = [];
  for (
    let day = DateTime.fromISO(first, { zone: ZONE });
    day.toISODate()! <= last && dates.length < count;
    day = day.plus({ days: 1 })
  ) {
    if (!holidays.has(day.toISODate()!)) dates.push(day.toISODate()!);
  }
  return dates;
}

/** Formats an activity reference as the application does: A and six digits from the unit's counter. */
function activityReference(value: number): string {
  return `A${String(value).padStart(6, "0")}`;
}

function street(random: Random): string {
  return `${random.int(1, 120)} rue ${random.pick(["de la République", "Victor Hugo", "des Lilas", "Pasteur", "du Stade"])}`;
}

function addressIn(random: Random, place: Place, radiusMetres: number): Address {
  return {
    line1: street(random),
    postcode: place.postcode,
    city: place.name,
    point: jitter(random, place, radiusMetres),
  };
}

function minutesOfTravel(from: Point, to: Point): number {
  return estimateTravel(from, to).minutes;
}

function roundUpToFiveMinutes(instant: Date): Date {
  const step = 5 * 60_000;
  return new Date(Math.ceil(instant.getTime() / step) * step);
}

/**
 * Places the visits of one worker-day as a route: half of them (rounded up) from 08:00, the
 * rest from 13:00, each starting once the travel from the previous stop (estimate, rounded up
 * to 5 minutes) is done. The customers of a worker live in the worker's base town, so no leg
 * exceeds 15 minutes and eight 45-minute visits fit in the day.
 */
function routeOfDay(
  random: Random,
  unit: SyntheticUnit,
  workerIndex: number,
  customerIndexes: readonly number[],
  date: string,
  visitCount: number,
  nextReference: () => string,
): SyntheticVisit[] {
  const worker = unit.workers[workerIndex]!;
  const morningCount = Math.ceil(visitCount / 2);
  const visits: SyntheticVisit[] = [];
  let position = worker.base.point;
  let free = wallTime(date, 8);
  for (let index = 0; index < visitCount; index++) {
    if (index === morningCount) free = wallTime(date, 13);
    const customerIndex = random.pick(customerIndexes);
    const place = unit.customers[customerIndex]!.point;
    const start = roundUpToFiveMinutes(new Date(free.getTime() + minutesOfTravel(position, place) * 60_000));
    const end = new Date(start.getTime() + VISIT_MINUTES * 60_000);
    const halfDayEnd = index < morningCount ? wallTime(date, 12) : wallTime(date, 18);
    if (end > halfDayEnd) {
      throw new Error(`Visit ${index + 1} of worker ${workerIndex} on ${date} does not fit in the day.`);
    }
    visits.push({ id: randomUUID(), reference: nextReference(), workerIndex, customerIndex, start, end });
    position = place;
    free = end;
  }
  return visits;
}

/**
 * Builds a unit of `scenario.workers` field workers based in towns drawn from the places file,
 * ten customers around each worker's town, and `visitsPerDay` visits on each of `dates`. The
 * activity to place belongs to a customer in Lyon.
 */
export function buildUnit(scenario: Scenario, dates: readonly string[], seed: number): SyntheticUnit {
  const random = createRandom(seed);
  const places = loadLyonAreaPlaces();
  const lyon = places[0]!;
  const unit: SyntheticUnit = {
    code: `B${scenario.workers}X${scenario.days}X${scenario.visitsPerDay}`,
    workers: [],
    customers: [addressIn(random, lyon, jitterRadiusMetres(lyon.population))],
    visits: [],
    targetCustomerIndex: 0,
  };
  let referenceNumber = 0;
  const nextReference = () => activityReference(++referenceNumber);
  for (let workerIndex = 0; workerIndex < scenario.workers; workerIndex++) {
    const town = random.pick(places);
    unit.workers.push({
      name: `Worker ${String(workerIndex + 1).padStart(3, "0")}`,
      email: `worker${workerIndex + 1}.${unit.code.toLowerCase()}@bench.example`,
      base: addressIn(random, town, 300),
    });
    const customerIndexes = Array.from({ length: CUSTOMERS_PER_WORKER }, () => {
      unit.customers.push(addressIn(random, town, jitterRadiusMetres(town.population)));
      return unit.customers.length - 1;
    });
    for (const date of dates) {
      unit.visits.push(
        ...routeOfDay(random, unit, workerIndex, customerIndexes, date, scenario.visitsPerDay, nextReference),
      );
    }
  }
  return unit;
}

/**
 * Builds the booking unit: `workerCount` field workers based in the towns nearest to the
 * centre of Lyon (the places file is sorted by that distance) and no visits yet. Every
 * activity to book belongs to one customer in Lyon.
 */
export function buildBookingUnit(workerCount: number, seed: number): SyntheticUnit {
  const random = createRandom(seed);
  const places = loadLyonAreaPlaces();
  const lyon = places[0]!;
  return {
    code: "BOOKING",
    workers: places.slice(0, workerCount).map((town, index) => ({
      name: `Booker ${String(index + 1).padStart(3, "0")}`,
      email: `worker${index + 1}.booking@bench.example`,
      base: addressIn(random, town, 300),
    })),
    customers: [addressIn(random, lyon, jitterRadiusMetres(lyon.population))],
    visits: [],
    targetCustomerIndex: 0,
  };
}

/**
 * Returns the unit's workers as the assistant's service loads them from the database: base,
 * skill, hours, public holidays and every open visit, with instants as epoch milliseconds.
 * `ids` are the workers' user ids.
 */
export function candidateWorkers(
  unit: SyntheticUnit,
  ids: readonly string[],
  holidays: readonly PublicHoliday[],
  skillId: string,
): CandidateWorker[] {
  const visitsByWorker = new Map<number, SyntheticVisit[]>();
  for (const visit of unit.visits) {
    const list = visitsByWorker.get(visit.workerIndex) ?? [];
    list.push(visit);
    visitsByWorker.set(visit.workerIndex, list);
  }
  return unit.workers.map((worker, index) => ({
    id: ids[index]!,
    name: worker.name,
    base: placeKey(worker.base.point),
    skills: { [skillId]: WORKER_LEVEL },
    workingTime: { zone: ZONE, weeklyHours: WEEKLY_HOURS, exceptions: [], holidays, unavailabilities: [] },
    visits: (visitsByWorker.get(index) ?? []).map((visit) => ({
      id: visit.id,
      reference: visit.reference,
      start: visit.start.getTime(),
      end: visit.end.getTime(),
      place: placeKey(unit.customers[visit.customerIndex]!.point),
      inThisUnit: true,
    })),
  }));
}

export interface SeededUnit {
  organizationId: string;
  businessUnit: BusinessUnitRow;
  adminEmail: string;
  /** User ids of the field workers, in the order of `SyntheticUnit.workers`. */
  workerIds: string[];
  skillId: string;
  activityTypeId: string;
  /** Place of the activities waiting to be scheduled. */
  target: Point;
  /** Ids of the activities waiting to be scheduled, in creation order. */
  unscheduledIds: string[];
}

async function actorOf(context: ServiceContext, organizationId: string, userId: string): Promise<Actor> {
  return {
    userId,
    sessionId: "bench-seed",
    organizationId,
    rolesByBusinessUnit: await loadRoles(context.db, organizationId, userId),
  };
}

async function insertInBatches<Row>(rows: Row[], insert: (batch: Row[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_BATCH_SIZE) {
    await insert(rows.slice(start, start + INSERT_BATCH_SIZE));
  }
}

/**
 * Writes a synthetic unit as an organization of its own. It contains an admin and planner who
 * signs in, the field workers with profiles and one skill, and an activity type of 60 minutes
 * that requires the skill. It also contains the customers, the booked visits and
 * `unscheduledCount` activities of the target customer waiting to be scheduled. Accounts, the
 * skill and the type go through the services. Profiles, customers and activities are written
 * with multi-row inserts for speed, without history entries, which neither endpoint reads.
 */
export async function seedUnit(
  context: ServiceContext,
  database: DatabaseHandle,
  unit: SyntheticUnit,
  unscheduledCount: number,
): Promise<SeededUnit> {
  const adminEmail = `planner.${unit.code.toLowerCase()}@bench.example`;
  const lyon = unit.customers[unit.targetCustomerIndex]!;
  const { organization, businessUnit, adminUserId } = await createOrganization(context, {
    name: `Bench ${unit.code}`,
    businessUnit: {
      code: unit.code,
      name: `Bench ${unit.code}`,
      timeZone: ZONE,
      language: "fr",
      country: COUNTRY,
      addressLine1: lyon.line1,
      addressLine2: null,
      postcode: lyon.postcode,
      city: lyon.city,
      latitude: lyon.point.latitude,
      longitude: lyon.point.longitude,
    },
    admin: {
      email: adminEmail,
      name: "Bench Planner",
      password: BENCH_PASSWORD,
      roles: ["admin", "planner"],
    },
    members: unit.workers.map((worker) => ({
      email: worker.email,
      name: worker.name,
      password: BENCH_PASSWORD,
      roles: ["field_worker"],
    })),
    passwordsAlreadyChosen: true,
  });
  const organizationId = organization.id;
  const db = database.db;
  const now = context.clock.now();
  const members = await membershipRepository(db, organizationId).listMembers(businessUnit.id);
  const idByEmail = new Map(members.map((member) => [member.email, member.userId]));
  const workerIds = unit.workers.map((worker) => idByEmail.get(worker.email)!);

  const actor = await actorOf(context, organizationId, adminUserId);
  const skill = await saveSkill(context, actor, businessUnit.id, SKILL_NAME);
  const type = await createActivityType(context, actor, businessUnit.id, {
    name: "Dépannage chaudière",
    defaultDurationMinutes: SEARCHED_MINUTES,
    requiredSkills: [{ skillId: skill.id, minimumLevel: REQUIRED_LEVEL }],
  });

  await insertInBatches(
    unit.workers.map((worker, index) => ({
      organizationId,
      businessUnitId: businessUnit.id,
      userId: workerIds[index]!,
      colour: "#1c7ed6",
      baseAddressLine1: worker.base.line1,
      basePostcode: worker.base.postcode,
      baseCity: worker.base.city,
      baseLatitude: worker.base.point.latitude,
      baseLongitude: worker.base.point.longitude,
      weeklyHours: WEEKLY_HOURS,
      createdAt: now,
      updatedAt: now,
    })),
    (batch) => db.insert(workerProfiles).values(batch),
  );
  await insertInBatches(
    workerIds.map((userId) => ({
      organizationId,
      businessUnitId: businessUnit.id,
      userId,
      skillId: skill.id,
      level: WORKER_LEVEL,
    })),
    (batch) => db.insert(workerSkills).values(batch),
  );

  const customerIds = unit.customers.map(() => randomUUID());
  await insertInBatches(
    unit.customers.map((customer, index) => ({
      organizationId,
      id: customerIds[index]!,
      businessUnitId: businessUnit.id,
      reference: `C${String(index + 1).padStart(6, "0")}`,
      type: "individual",
      lastName: `Client ${index + 1}`,
      displayName: `Client ${index + 1}`,
      searchKey: `client ${index + 1}`,
      addressLine1: customer.line1,
      postcode: customer.postcode,
      city: customer.city,
      country: COUNTRY,
      latitude: customer.point.latitude,
      longitude: customer.point.longitude,
      language: "fr",
      portalAccess: false,
      createdAt: now,
      updatedAt: now,
    })),
    (batch) => db.insert(customers).values(batch),
  );

  const activityRow = (customerIndex: number) => {
    const customer = unit.customers[customerIndex]!;
    return {
      organizationId,
      businessUnitId: businessUnit.id,
      activityTypeId: type.id,
      customerId: customerIds[customerIndex]!,
      status: "pending",
      addressLine1: customer.line1,
      postcode: customer.postcode,
      city: customer.city,
      latitude: customer.point.latitude,
      longitude: customer.point.longitude,
      createdAt: now,
      updatedAt: now,
    };
  };
  await insertInBatches(
    unit.visits.map((visit) => ({
      ...activityRow(visit.customerIndex),
      id: visit.id,
      reference: visit.reference,
      durationMinutes: VISIT_MINUTES,
      assigneeId: workerIds[visit.workerIndex]!,
      startAt: visit.start,
      endAt: visit.end,
    })),
    (batch) => db.insert(activities).values(batch),
  );
  const unscheduledIds = Array.from({ length: unscheduledCount }, () => randomUUID());
  await insertInBatches(
    unscheduledIds.map((id, index) => ({
      ...activityRow(unit.targetCustomerIndex),
      id,
      reference: activityReference(unit.visits.length + index + 1),
      durationMinutes: SEARCHED_MINUTES,
    })),
    (batch) => db.insert(activities).values(batch),
  );
  // References that the application generates later continue after the inserted ones.
  await customerRepository(db, organizationId).advanceCounter(
    businessUnit.id,
    "activity_reference",
    unit.visits.length + unscheduledCount,
  );
  await customerRepository(db, organizationId).advanceCounter(
    businessUnit.id,
    CUSTOMER_REFERENCE_COUNTER,
    unit.customers.length,
  );
  const refreshed = await businessUnitRepository(db, organizationId).find(businessUnit.id);
  return {
    organizationId,
    businessUnit: refreshed ?? businessUnit,
    adminEmail,
    workerIds,
    skillId: skill.id,
    activityTypeId: type.id,
    target: lyon.point,
    unscheduledIds,
  };
}
