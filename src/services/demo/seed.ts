import { DateTime } from "luxon";
import { dayAvailability } from "../../domain/scheduling/working-time/index.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import { membershipRepository } from "../../repositories/memberships.js";
import { hasNoOrganization } from "../../repositories/organizations.js";
import { updateUser } from "../../repositories/staff-accounts.js";
import { type Actor, loadRoles } from "../access.js";
import { createBusinessUnit } from "../business-unit-service.js";
import type { ServiceContext } from "../context.js";
import { createOrganization } from "../organization-service.js";
import { addUnavailability, loadWorkingTimeInput, saveSkill, updateWorker } from "../team-service.js";
import { createMembership, type NewUser, setMemberRoles } from "../user-service.js";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  type DemoWorker,
  LYON_SKILLS,
  LYON_WORKERS,
  MONT_BONVILLERS_SKILLS,
  MONT_BONVILLERS_WORKERS,
} from "./accounts.js";
import { type DemoActivityCounts, writeDemoActivities } from "./activities.js";
import {
  createDemoCatalog,
  type DemoCatalog,
  INSTALLATION_TYPE,
  maintenanceType,
  REPAIR_TYPE,
  SURVEY_TYPE,
  type VisitKind,
} from "./catalog.js";
import {
  type DemoCustomer,
  jitter,
  lyonAreaCustomerPlan,
  villageCustomerPlan,
  writeDemoCustomers,
} from "./customers.js";
import { setUpDemoPortal } from "./portal.js";
import { createRandom, deriveSeed } from "./random.js";
import {
  type FrenchContent,
  loadFrenchContent,
  loadLyonAreaPlaces,
  loadMontBonvillersAddresses,
  MONT_BONVILLERS,
} from "./resources.js";
import { planRoutes, type RouteKind, type RouteWorker } from "./routes.js";

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./accounts.js";

/** The seed of every random draw of the demo: two seeds at the same clock write the same data. */
const DEMO_SEED = 20_260_302;
const LYON_CUSTOMER_COUNT = 480;
const LYON_UNSCHEDULED_COUNT = 25;
const VILLAGE_CUSTOMER_COUNT = 30;
const VILLAGE_UNSCHEDULED_COUNT = 3;
/** The demo accounts have fixed emails, so a second demo organization links the same accounts. */
const ACROSS_ORGANIZATIONS = { attachAccountOfOtherOrganization: true };

export interface DemoSeedResult {
  seeded: boolean;
  organizationId?: string;
}

/**
 * Builds the demo organization when the database has none. The demo accounts skip the
 * first-sign-in password change so that a person trying Rondo gets straight in.
 */
export async function seedDemoIfEmpty(context: ServiceContext): Promise<DemoSeedResult> {
  if (!(await hasNoOrganization(context.db))) return { seeded: false };
  return seedDemo(context);
}

/**
 * Creates the demo organization "Thermique Rhône Services": the LYON unit (8 field workers, 480
 * customers, two weeks of routes around today, activities to schedule, surveys) and the small
 * MONTBONVILLERS unit. Organization, members, skills, workers, leave and activity types go through
 * the services, which check their rules. Customers and activities are written in batches.
 * Accounts that already exist keep their password and only gain memberships.
 */
export async function seedDemo(context: ServiceContext): Promise<DemoSeedResult> {
  const startedAt = performance.now();
  const content = loadFrenchContent();
  const [admin, ...otherAccounts] = DEMO_ACCOUNTS;
  const extraLyonWorkers = LYON_WORKERS.filter(
    (worker) => !DEMO_ACCOUNTS.some((account) => account.email === worker.email),
  );
  const {
    organization,
    businessUnit: lyon,
    adminUserId,
  } = await createOrganization(context, {
    name: "Thermique Rhône Services",
    businessUnit: {
      code: "LYON",
      name: "Lyon Métropole",
      timeZone: "Europe/Paris",
      language: "fr",
      country: "FR",
      addressLine1: "20 Rue de la République",
      addressLine2: null,
      postcode: "69002",
      city: "Lyon",
      latitude: 45.7621,
      longitude: 4.8357,
      portalAccessByDefault: true,
    },
    admin: demoUser(admin!),
    members: [...otherAccounts.map(demoUser), ...extraLyonWorkers.map(workerUser)],
    passwordsAlreadyChosen: true,
    attachExistingAccounts: true,
  });
  const lyonCounts = await seedLyon(
    context,
    await demoActor(context, organization.id, adminUserId),
    lyon,
    content,
  );
  const villageCounts = await seedMontBonvillers(context, organization.id, adminUserId, content);

  context.logger.info(
    {
      organizationId: organization.id,
      lyon: lyonCounts,
      montBonvillers: villageCounts,
      durationMs: Math.round(performance.now() - startedAt),
    },
    "demo organization created",
  );
  return { seeded: true, organizationId: organization.id };
}

interface UnitCounts {
  customers: number;
  activities: DemoActivityCounts;
}

async function seedLyon(
  context: ServiceContext,
  actor: Actor,
  lyon: BusinessUnitRow,
  content: FrenchContent,
): Promise<UnitCounts> {
  const random = createRandom(deriveSeed(DEMO_SEED, "lyon"));
  const places = new Map(loadLyonAreaPlaces().map((place) => [place.name, place]));
  const userIds = await userIdsByEmail(context, lyon);
  const skillIds = await createSkills(context, actor, lyon.id, LYON_SKILLS);
  const now = context.clock.now();

  const bases = new Map<string, Base>();
  for (const worker of LYON_WORKERS) {
    const place = places.get(worker.town ?? "");
    if (!place)
      throw new Error(`Demo worker ${worker.name}: town "${worker.town}" is not in lyon-area-places.csv.`);
    // An invented street in the worker's real town, a few hundred metres from its point.
    const point = jitter(random, place, 300);
    bases.set(worker.email, {
      line1: `${random.int(1, 80)} ${random.pick(content.streets)}`,
      postcode: place.postcode,
      city: place.name,
      ...point,
    });
  }
  await saveWorkers(context, actor, lyon.id, LYON_WORKERS, userIds, skillIds, bases);
  for (const worker of LYON_WORKERS.filter((candidate) => candidate.onLeave)) {
    const leave = leaveWeek(now, lyon.timeZone);
    await addUnavailability(context, actor, lyon.id, userIds.get(worker.email)!, {
      start: leave.start,
      end: leave.end,
      reason: "leave",
      note: "Congés",
    });
  }

  const catalog = await createDemoCatalog(
    context,
    actor,
    lyon.id,
    [
      maintenanceType("Entretien chaudière", 90, "Chaudière gaz", 2),
      REPAIR_TYPE,
      INSTALLATION_TYPE,
      SURVEY_TYPE,
    ],
    skillIds,
  );
  const customers = await writeDemoCustomers(
    context.db,
    random,
    lyon,
    content,
    lyonAreaCustomerPlan([...places.values()], content, LYON_CUSTOMER_COUNT),
    now,
  );

  const range = dateRange(now, lyon.timeZone, 7, 7);
  const workers = await routeWorkers(context, lyon, LYON_WORKERS, userIds, bases, range);
  const visits = planRoutes(random, {
    customers: locatedCustomers(customers),
    workers,
    kinds: routeKinds(catalog, { maintenance: 50, repair: 30, installation: 60 }),
    areaSize: 50,
    minVisitsPerDay: 3,
    maxVisitsPerDay: 6,
    maxVisitsPerCustomer: 1,
  });
  const activities = await writeDemoActivities(context.db, random, {
    unit: lyon,
    customers,
    catalog,
    visits,
    unscheduledCount: LYON_UNSCHEDULED_COUNT,
    content,
    now,
  });
  await setUpDemoPortal(context, actor, lyon, catalog, now);
  return { customers: customers.length, activities };
}

/**
 * Seeds the second, small unit: a village of Lorraine whose customers live at real addresses of the
 * Base Adresse Nationale, two field workers starting from the office, and a few days of visits.
 */
async function seedMontBonvillers(
  context: ServiceContext,
  organizationId: string,
  adminUserId: string,
  content: FrenchContent,
): Promise<UnitCounts> {
  const random = createRandom(deriveSeed(DEMO_SEED, "mont-bonvillers"));
  const addresses = loadMontBonvillersAddresses();
  const office = random.pick(addresses);
  const now = context.clock.now();
  const unit = await createBusinessUnit(context, await demoActor(context, organizationId, adminUserId), {
    code: "MONTBONVILLERS",
    name: "Mont-Bonvillers",
    timeZone: "Europe/Paris",
    language: "fr",
    country: "FR",
    addressLine1: office.line1,
    addressLine2: null,
    postcode: MONT_BONVILLERS.postcode,
    city: MONT_BONVILLERS.name,
    latitude: office.latitude,
    longitude: office.longitude,
    portalAccessByDefault: false,
  });
  const actor = await demoActor(context, organizationId, adminUserId);
  await setMemberRoles(context, actor, unit.id, adminUserId, ["admin", "planner"]);
  // The planner account plans both units.
  await createMembership(context, organizationId, unit.id, demoUser(DEMO_ACCOUNTS[1]!), ACROSS_ORGANIZATIONS);
  for (const worker of MONT_BONVILLERS_WORKERS) {
    const member = await createMembership(
      context,
      organizationId,
      unit.id,
      workerUser(worker),
      ACROSS_ORGANIZATIONS,
    );
    await updateUser(context.db, member.userId, { mustChangePassword: false }, now);
  }

  const userIds = await userIdsByEmail(context, unit);
  const skillIds = await createSkills(context, actor, unit.id, MONT_BONVILLERS_SKILLS);
  const officeBase: Base = {
    line1: office.line1,
    postcode: MONT_BONVILLERS.postcode,
    city: MONT_BONVILLERS.name,
    latitude: office.latitude,
    longitude: office.longitude,
  };
  const bases = new Map(MONT_BONVILLERS_WORKERS.map((worker) => [worker.email, officeBase]));
  await saveWorkers(context, actor, unit.id, MONT_BONVILLERS_WORKERS, userIds, skillIds, bases);

  const catalog = await createDemoCatalog(
    context,
    actor,
    unit.id,
    [maintenanceType("Entretien chaudière fioul", 75, "Chaudière fioul", 1), REPAIR_TYPE],
    skillIds,
  );
  const customers = await writeDemoCustomers(
    context.db,
    random,
    unit,
    content,
    villageCustomerPlan(addresses, MONT_BONVILLERS, VILLAGE_CUSTOMER_COUNT, random),
    now,
  );

  // Four days back and five ahead hold working days on both sides of today, whatever the weekday.
  const range = dateRange(now, unit.timeZone, 4, 5);
  const workers = await routeWorkers(context, unit, MONT_BONVILLERS_WORKERS, userIds, bases, range);
  const visits = planRoutes(random, {
    customers: locatedCustomers(customers),
    workers,
    kinds: routeKinds(catalog, { maintenance: 65, repair: 35, installation: 0 }),
    areaSize: VILLAGE_CUSTOMER_COUNT,
    minVisitsPerDay: 2,
    maxVisitsPerDay: 4,
    maxVisitsPerCustomer: 2,
  });
  const activities = await writeDemoActivities(context.db, random, {
    unit,
    customers,
    catalog,
    visits,
    unscheduledCount: VILLAGE_UNSCHEDULED_COUNT,
    content,
    now,
  });
  return { customers: customers.length, activities };
}

/** A worker's base address with its coordinates. */
interface Base {
  line1: string;
  postcode: string;
  city: string;
  latitude: number;
  longitude: number;
}

function demoUser(account: (typeof DEMO_ACCOUNTS)[number]): NewUser {
  return {
    email: account.email,
    name: account.name,
    password: DEMO_PASSWORD,
    roles: [...account.roles],
    language: "fr",
  };
}

function workerUser(worker: DemoWorker): NewUser {
  return {
    email: worker.email,
    name: worker.name,
    password: DEMO_PASSWORD,
    roles: ["field_worker"],
    language: "fr",
  };
}

/** Returns the demo's admin as the actor of service calls, with the roles stored at this moment. */
async function demoActor(context: ServiceContext, organizationId: string, userId: string): Promise<Actor> {
  return {
    userId,
    sessionId: "demo-seed",
    organizationId,
    rolesByBusinessUnit: await loadRoles(context.db, organizationId, userId),
  };
}

async function userIdsByEmail(context: ServiceContext, unit: BusinessUnitRow): Promise<Map<string, string>> {
  const members = await membershipRepository(context.db, unit.organizationId).listMembers(unit.id);
  return new Map(members.map((member) => [member.email, member.userId]));
}

async function createSkills(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  names: readonly string[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const name of names) ids.set(name, (await saveSkill(context, actor, businessUnitId, name)).id);
  return ids;
}

/** Saves each worker's colour, base, weekly hours and skills through the team service. */
async function saveWorkers(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  workers: readonly DemoWorker[],
  userIds: ReadonlyMap<string, string>,
  skillIds: ReadonlyMap<string, string>,
  bases: ReadonlyMap<string, Base>,
): Promise<void> {
  for (const worker of workers) {
    const base = bases.get(worker.email)!;
    await updateWorker(context, actor, businessUnitId, userIds.get(worker.email)!, {
      colour: worker.colour,
      baseAddressLine1: base.line1,
      baseAddressLine2: null,
      basePostcode: base.postcode,
      baseCity: base.city,
      baseLatitude: base.latitude,
      baseLongitude: base.longitude,
      weeklyHours: worker.weeklyHours,
      skills: worker.skills.map((skill) => ({ skillId: skillIds.get(skill.name)!, level: skill.level })),
    });
  }
}

/**
 * Reads each worker's working time over the range as the schedule check does (weekly hours,
 * public holidays, leave), so that the planned routes respect exactly what is stored.
 */
async function routeWorkers(
  context: ServiceContext,
  unit: BusinessUnitRow,
  workers: readonly DemoWorker[],
  userIds: ReadonlyMap<string, string>,
  bases: ReadonlyMap<string, Base>,
  range: { from: string; to: string },
): Promise<RouteWorker[]> {
  const result: RouteWorker[] = [];
  for (const worker of workers) {
    const userId = userIds.get(worker.email)!;
    const input = await loadWorkingTimeInput(context.db, unit.organizationId, unit, userId, range);
    const base = bases.get(worker.email)!;
    result.push({
      userId,
      base: { latitude: base.latitude, longitude: base.longitude },
      skills: new Map(worker.skills.map((skill) => [skill.name, skill.level])),
      days: dayAvailability(input, range),
    });
  }
  return result;
}

function routeKinds(catalog: DemoCatalog, weights: Record<VisitKind, number>): RouteKind[] {
  const kinds: RouteKind[] = [];
  for (const kind of ["maintenance", "repair", "installation"] as const) {
    const type = catalog[kind];
    if (!type || weights[kind] <= 0) continue;
    const skill = type.requiredSkills[0];
    kinds.push({
      kind,
      durationMinutes: type.defaultDurationMinutes,
      ...(skill ? { requiredSkill: { name: skill.name, minimumLevel: skill.minimumLevel } } : {}),
      weight: weights[kind],
    });
  }
  return kinds;
}

function locatedCustomers(customers: readonly DemoCustomer[]) {
  return customers.flatMap((customer, index) => (customer.point ? [{ index, point: customer.point }] : []));
}

/** Returns the local dates from `before` days before today to `after` days after, in the unit's zone. */
function dateRange(now: Date, zone: string, before: number, after: number): { from: string; to: string } {
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  return { from: today.minus({ days: before }).toISODate()!, to: today.plus({ days: after }).toISODate()! };
}

/**
 * Returns a week of leave, Monday to Sunday, that lies mostly inside the demo's two weeks: the previous
 * week when today is Monday to Wednesday, else the next week.
 */
function leaveWeek(now: Date, zone: string): { start: string; end: string } {
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const monday = today.startOf("week").plus({ weeks: today.weekday <= 3 ? -1 : 1 });
  return { start: monday.toISO()!, end: monday.plus({ weeks: 1 }).toISO()! };
}
