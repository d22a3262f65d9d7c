import { DateTime } from "luxon";
import type { Executor } from "../db/database.js";
import { notifyChange } from "../db/events.js";
import {
  type DayAvailability,
  dayAvailability,
  type HoursException,
  type PublicHoliday,
  publicHolidays,
  UNAVAILABILITY_REASONS,
  type Unavailability,
  type UnavailabilityReason,
  validateDateRange,
  validateException,
  validateUnavailability,
  validateWeeklyHours,
  type WeeklyHours,
} from "../domain/scheduling/working-time/index.js";
import { searchKey } from "../domain/text/keys.js";
import { type BusinessUnitRow, businessUnitRepository } from "../repositories/business-units.js";
import { membershipRepository } from "../repositories/memberships.js";
import {
  type HoursExceptionRow,
  type SkillRow,
  teamRepository,
  type UnavailabilityRow,
  type WorkerProfileRow,
} from "../repositories/team.js";
import { AppError, type FieldProblem, notFound } from "../server/errors.js";
import { type Actor, requireMember, requireRole } from "./access.js";
import type { ServiceContext } from "./context.js";
import { isForeignKeyViolation, toFieldProblems, validationError } from "./problems.js";

/** Monday to Friday, 08:00–17:00 with lunch 12:00–13:00: what a new field worker starts with. */
export const DEFAULT_WEEKLY_HOURS: WeeklyHours = {
  days: Object.fromEntries(["1", "2", "3", "4", "5"].map((day) => [day, [{ start: "08:00", end: "17:00" }]])),
  lunch: { start: "12:00", end: "13:00" },
};

/** Distinct colours for the schedule, given in turn to workers who have not chosen one. */
const PALETTE = ["#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#e03131", "#5f3dc4"];

const COLOUR_PATTERN = /^#[0-9a-f]{6}$/i;

export interface WorkerProfile {
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
  /** False until a planner saves the profile; the defaults apply meanwhile. */
  configured: boolean;
  skills: { skillId: string; name: string; level: number }[];
}

export interface WorkerDetail extends WorkerSummary {
  exceptions: (HoursException & { id: string })[];
  unavailabilities: Unavailability[];
}

const PLANNING_ROLES = ["admin", "planner"] as const;

/** A number derived from the id alone, so a worker's default colour never changes. */
function stableIndex(userId: string): number {
  let total = 0;
  for (const character of userId) total = (total * 31 + character.charCodeAt(0)) % 1_000_003;
  return total;
}

function profileOrDefault(userId: string, profile: WorkerProfileRow | null): WorkerProfile {
  if (profile) return profile;
  return {
    colour: PALETTE[stableIndex(userId) % PALETTE.length]!,
    baseAddressLine1: null,
    baseAddressLine2: null,
    basePostcode: null,
    baseCity: null,
    baseLatitude: null,
    baseLongitude: null,
    weeklyHours: DEFAULT_WEEKLY_HOURS,
  };
}

export async function listWorkers(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<WorkerSummary[]> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  return loadWorkerSummaries(context.db, actor.organizationId, businessUnitId);
}

async function loadWorkerSummaries(
  db: Executor,
  organizationId: string,
  businessUnitId: string,
): Promise<WorkerSummary[]> {
  const team = teamRepository(db, organizationId);
  const workers = await team.listFieldWorkers(businessUnitId);
  const skillRows = await team.listWorkerSkills(businessUnitId);
  return workers.map((worker) => {
    const profile = profileOrDefault(worker.userId, worker.profile);
    return {
      userId: worker.userId,
      name: worker.name,
      email: worker.email,
      configured: worker.profile !== null,
      ...pickProfile(profile),
      skills: skillRows
        .filter((row) => row.userId === worker.userId)
        .map((row) => ({ skillId: row.skillId, name: row.name, level: row.level })),
    };
  });
}

function pickProfile(profile: WorkerProfile): WorkerProfile {
  return {
    colour: profile.colour,
    baseAddressLine1: profile.baseAddressLine1,
    baseAddressLine2: profile.baseAddressLine2,
    basePostcode: profile.basePostcode,
    baseCity: profile.baseCity,
    baseLatitude: profile.baseLatitude,
    baseLongitude: profile.baseLongitude,
    weeklyHours: profile.weeklyHours,
  };
}

/** A worker's record; planners see everyone, a field worker sees only their own. */
export async function getWorker(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
): Promise<WorkerDetail> {
  requireReadAccess(actor, businessUnitId, userId);
  const workers = await loadWorkerSummaries(context.db, actor.organizationId, businessUnitId);
  const worker = workers.find((candidate) => candidate.userId === userId);
  if (!worker) throw notFound("Field worker not found.");
  const team = teamRepository(context.db, actor.organizationId);
  const now = context.clock.now();
  const [exceptions, unavailabilities] = await Promise.all([
    team.listExceptions(businessUnitId, userId),
    // Past leave a year back is enough for the record; the scheduler asks for its own range.
    team.listUnavailabilities(
      userId,
      new Date(now.getTime() - 365 * 86_400_000),
      new Date("9999-12-31T00:00:00Z"),
    ),
  ]);
  return {
    ...worker,
    exceptions: exceptions.map(presentException),
    unavailabilities: unavailabilities.map(presentUnavailability),
  };
}

function requireReadAccess(actor: Actor, businessUnitId: string, userId: string): void {
  const roles = requireMember(actor, businessUnitId);
  if (userId !== actor.userId && !roles.some((role) => role === "admin" || role === "planner")) {
    throw new AppError("forbidden");
  }
}

export interface WorkerProfileChanges {
  colour?: string;
  baseAddressLine1?: string | null;
  baseAddressLine2?: string | null;
  basePostcode?: string | null;
  baseCity?: string | null;
  baseLatitude?: number | null;
  baseLongitude?: number | null;
  weeklyHours?: unknown;
  skills?: { skillId: string; level: number }[];
}

/** Saves a worker's profile and skills in one transaction, checking every field first. */
export async function updateWorker(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
  changes: WorkerProfileChanges,
): Promise<WorkerDetail> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  await context.db.transaction(async (tx) => {
    const team = teamRepository(tx, actor.organizationId);
    const worker = (await team.listFieldWorkers(businessUnitId)).find(
      (candidate) => candidate.userId === userId,
    );
    if (!worker) throw notFound("Field worker not found.");
    const current = pickProfile(profileOrDefault(userId, worker.profile));
    const next: WorkerProfile = {
      ...current,
      ...definedOnly(changes, [
        "colour",
        "baseAddressLine1",
        "baseAddressLine2",
        "basePostcode",
        "baseCity",
        "baseLatitude",
        "baseLongitude",
      ]),
      weeklyHours:
        changes.weeklyHours === undefined ? current.weeklyHours : (changes.weeklyHours as WeeklyHours),
    };
    const problems = checkProfile(next, changes.weeklyHours !== undefined);
    if (changes.skills)
      problems.push(...(await checkSkillLevels(tx, actor.organizationId, businessUnitId, changes.skills)));
    if (problems.length > 0) throw validationError(problems);

    await team.upsertProfile(businessUnitId, userId, next, context.clock.now());
    if (changes.skills) await team.replaceWorkerSkills(businessUnitId, userId, changes.skills);
    await announceWorkerChange(tx, actor.organizationId, businessUnitId, userId);
  });
  return getWorker(context, actor, businessUnitId, userId);
}

function definedOnly<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const result: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
  return result;
}

function checkProfile(profile: WorkerProfile, hoursChanged: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!COLOUR_PATTERN.test(profile.colour)) {
    problems.push({
      path: "colour",
      code: "invalid_colour",
      value: profile.colour,
      message: `"${profile.colour}" is not a colour; use the #rrggbb form, such as #1c7ed6`,
    });
  }
  if ((profile.baseLatitude === null) !== (profile.baseLongitude === null)) {
    problems.push({
      path: profile.baseLatitude === null ? "baseLatitude" : "baseLongitude",
      code: "incomplete_coordinates",
      message: "give both latitude and longitude of the base, or neither",
    });
  }
  if (hoursChanged)
    problems.push(...toFieldProblems(validateWeeklyHours(profile.weeklyHours), "weeklyHours"));
  return problems;
}

async function checkSkillLevels(
  db: Executor,
  organizationId: string,
  businessUnitId: string,
  levels: { skillId: string; level: number }[],
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const known = await teamRepository(db, organizationId).findSkillsByIds(
    businessUnitId,
    levels.map((entry) => entry.skillId),
  );
  const seen = new Set<string>();
  levels.forEach((entry, index) => {
    if (!known.some((skill) => skill.id === entry.skillId)) {
      problems.push({
        path: `skills.${index}.skillId`,
        code: "unknown_skill",
        value: entry.skillId,
        message: "no such skill in this business unit",
      });
    }
    if (seen.has(entry.skillId)) {
      problems.push({
        path: `skills.${index}.skillId`,
        code: "duplicate_skill",
        value: entry.skillId,
        message: "this skill is listed twice",
      });
    }
    seen.add(entry.skillId);
    if (!Number.isInteger(entry.level) || entry.level < 1 || entry.level > 5) {
      problems.push({
        path: `skills.${index}.level`,
        code: "invalid_level",
        value: entry.level,
        message: "use a level from 1 to 5",
      });
    }
  });
  return problems;
}

export async function addException(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
  exception: HoursException,
): Promise<HoursException & { id: string }> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const problems = toFieldProblems(validateException(exception), "");
  if (problems.length > 0) throw validationError(problems);
  return context.db.transaction(async (tx) => {
    const team = teamRepository(tx, actor.organizationId);
    await ensureProfile(context, tx, actor.organizationId, businessUnitId, userId);
    const row = await team.insertException({
      businessUnitId,
      userId,
      fromDate: exception.from,
      toDate: exception.to,
      exception,
      createdAt: context.clock.now(),
    });
    await announceWorkerChange(tx, actor.organizationId, businessUnitId, userId);
    return presentException(row);
  });
}

/** Exceptions and skills hang off the profile; a worker whose defaults were never saved gets them saved. */
async function ensureProfile(
  context: ServiceContext,
  db: Executor,
  organizationId: string,
  businessUnitId: string,
  userId: string,
): Promise<void> {
  const team = teamRepository(db, organizationId);
  if (await team.findProfile(businessUnitId, userId)) return;
  const worker = (await team.listFieldWorkers(businessUnitId)).find(
    (candidate) => candidate.userId === userId,
  );
  if (!worker) throw notFound("Field worker not found.");
  await team.upsertProfile(businessUnitId, userId, profileOrDefault(userId, null), context.clock.now());
}

export async function deleteException(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
  exceptionId: string,
): Promise<void> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  await context.db.transaction(async (tx) => {
    const deleted = await teamRepository(tx, actor.organizationId).deleteException(
      businessUnitId,
      userId,
      exceptionId,
    );
    if (!deleted) throw notFound("Exception not found.");
    await announceWorkerChange(tx, actor.organizationId, businessUnitId, userId);
  });
}

export interface NewUnavailability {
  start: string;
  end: string;
  reason: UnavailabilityReason;
  note?: string;
}

export async function addUnavailability(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
  request: NewUnavailability,
): Promise<Unavailability> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const problems = toFieldProblems(validateUnavailability({ id: "new", ...request }), "");
  if (problems.length > 0) throw validationError(problems);
  const membership = await membershipRepository(context.db, actor.organizationId).find(
    businessUnitId,
    userId,
  );
  if (!membership?.roles.includes("field_worker")) throw notFound("Field worker not found.");
  const row = await context.db.transaction(async (tx) => {
    const inserted = await teamRepository(tx, actor.organizationId).insertUnavailability({
      userId,
      startAt: new Date(request.start),
      endAt: new Date(request.end),
      reason: request.reason,
      note: request.note?.trim() || null,
      createdAt: context.clock.now(),
      createdBy: actor.userId,
    });
    await announceWorkerChange(tx, actor.organizationId, businessUnitId, userId);
    return inserted;
  });
  context.logger.info(
    { event: "unavailability_added", userId, unavailabilityId: row.id },
    "unavailability added",
  );
  return presentUnavailability(row);
}

export async function deleteUnavailability(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
  unavailabilityId: string,
): Promise<void> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const membership = await membershipRepository(context.db, actor.organizationId).find(
    businessUnitId,
    userId,
  );
  if (!membership) throw notFound("Field worker not found.");
  await context.db.transaction(async (tx) => {
    const deleted = await teamRepository(tx, actor.organizationId).deleteUnavailability(
      userId,
      unavailabilityId,
    );
    if (!deleted) throw notFound("Unavailability not found.");
    await announceWorkerChange(tx, actor.organizationId, businessUnitId, userId);
  });
}

/**
 * The working time of a worker for each local date of [from, to], as the scheduler reads it:
 * weekly hours, exceptions, the unit's public holidays and every unavailability, with the reason
 * for each blocked part.
 */
export async function getAvailability(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
  range: { from: string; to: string },
): Promise<DayAvailability[]> {
  requireReadAccess(actor, businessUnitId, userId);
  const rangeProblems = toFieldProblems(validateDateRange(range), "");
  if (rangeProblems.length > 0) throw validationError(rangeProblems);
  const unit = await businessUnitRepository(context.db, actor.organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  const input = await loadWorkingTimeInput(context.db, actor.organizationId, unit, userId, range);
  return dayAvailability(input, range);
}

/** Loads everything that decides a worker's time over a range of local dates of the unit. */
export async function loadWorkingTimeInput(
  db: Executor,
  organizationId: string,
  unit: BusinessUnitRow,
  userId: string,
  range: { from: string; to: string },
) {
  const team = teamRepository(db, organizationId);
  const worker = (await team.listFieldWorkers(unit.id)).find((candidate) => candidate.userId === userId);
  if (!worker) throw notFound("Field worker not found.");
  const from = DateTime.fromISO(range.from, { zone: unit.timeZone }).minus({ days: 1 });
  const to = DateTime.fromISO(range.to, { zone: unit.timeZone }).plus({ days: 2 });
  const [exceptions, unavailabilities] = await Promise.all([
    team.listExceptions(unit.id, userId),
    team.listUnavailabilities(userId, from.toJSDate(), to.toJSDate()),
  ]);
  const holidays: PublicHoliday[] = [];
  for (let year = from.year; year <= to.year; year++) {
    holidays.push(...publicHolidays(unit.country, year, { language: unit.language === "fr" ? "fr" : "en" }));
  }
  return {
    zone: unit.timeZone,
    weeklyHours: worker.profile?.weeklyHours ?? DEFAULT_WEEKLY_HOURS,
    exceptions: exceptions.map((row) => row.exception),
    holidays,
    unavailabilities: unavailabilities.map(presentUnavailability),
  };
}

export async function listHolidays(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  year: number,
): Promise<PublicHoliday[]> {
  requireMember(actor, businessUnitId);
  const unit = await businessUnitRepository(context.db, actor.organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  return publicHolidays(unit.country, year, { language: unit.language === "fr" ? "fr" : "en" });
}

export async function listSkills(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<SkillRow[]> {
  requireMember(actor, businessUnitId);
  return teamRepository(context.db, actor.organizationId).listSkills(businessUnitId);
}

export async function saveSkill(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  name: string,
  skillId?: string,
): Promise<SkillRow> {
  requireRole(actor, businessUnitId, ["admin"]);
  const trimmed = name.trim();
  const key = searchKey(trimmed);
  if (key === "")
    throw validationError([{ path: "name", code: "missing", message: "give the skill a name" }]);
  return context.db.transaction(async (tx) => {
    const team = teamRepository(tx, actor.organizationId);
    const existing = await team.findSkillByNameKey(businessUnitId, key);
    if (existing && existing.id !== skillId) {
      throw new AppError("conflict", `A skill named "${existing.name}" already exists.`, {
        fields: [
          { path: "name", code: "name_taken", value: trimmed, message: "another skill has this name" },
        ],
      });
    }
    if (!skillId) return team.insertSkill(businessUnitId, trimmed, key, context.clock.now());
    const renamed = await team.renameSkill(businessUnitId, skillId, trimmed, key);
    if (!renamed) throw notFound("Skill not found.");
    return renamed;
  });
}

export async function deleteSkill(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  skillId: string,
): Promise<void> {
  requireRole(actor, businessUnitId, ["admin"]);
  try {
    const deleted = await teamRepository(context.db, actor.organizationId).deleteSkill(
      businessUnitId,
      skillId,
    );
    if (!deleted) throw notFound("Skill not found.");
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new AppError("skill_in_use", "Activity types require this skill; remove it from them first.");
    }
    throw error;
  }
}

function presentException(row: HoursExceptionRow): HoursException & { id: string } {
  return { ...row.exception, id: row.id };
}

export function presentUnavailability(row: UnavailabilityRow): Unavailability {
  return {
    id: row.id,
    start: row.startAt.toISOString(),
    end: row.endAt.toISOString(),
    reason: (UNAVAILABILITY_REASONS as readonly string[]).includes(row.reason)
      ? (row.reason as UnavailabilityReason)
      : "other",
    ...(row.note ? { note: row.note } : {}),
  };
}

/**
 * Tells the unit's live screens that a worker's time changed (hours, exceptions, leave), so the
 * team schedule redraws. Leave blocks the person in every unit, but only this unit is told.
 */
async function announceWorkerChange(
  db: Executor,
  organizationId: string,
  businessUnitId: string,
  userId: string,
): Promise<void> {
  await notifyChange(db, { organizationId, businessUnitId, kind: "worker", id: userId });
}
