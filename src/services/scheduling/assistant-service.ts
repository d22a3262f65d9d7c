import { DateTime } from "luxon";
import {
  type ArrivalWindow,
  arrivalWindows,
  type BookingPolicy,
  bestByDay,
  explainPlacement,
  findSlots,
  type PlaceKey,
  type Reason,
  type RequiredSkill,
  rankWorkers,
  readBookingPolicy,
  type Slot,
  type SlotSearchResult,
  type TravelSide,
  type Unsuitable,
} from "../../domain/scheduling/assistant/index.js";
import { type ActivityRow, activityRepository } from "../../repositories/activities.js";
import { type BusinessUnitRow, businessUnitRepository } from "../../repositories/business-units.js";
import { catalogRepository } from "../../repositories/catalog.js";
import { invalidField, notFound } from "../../server/errors.js";
import { type Actor, requireRole } from "../access.js";
import { PLANNING_ROLES, refuseUnless } from "../activities/shared.js";
import type { ServiceContext } from "../context.js";
import { travelProviderFor } from "./providers.js";
import { loadSearchData, loadTravel, placeKey, requiredSkillsOf } from "./search-data.js";

/** Staff search at most five weeks at once, so the response stays small and the search fast. */
const MAX_STAFF_DAYS = 35;
/** Customers ask for a few weeks at most per request; the horizon bounds the rest. */
const MAX_CUSTOMER_DAYS = 31;
const BEST_SLOTS = 30;
const SLOTS_PER_DAY = 5;

export interface SlotView extends Slot {
  workerName: string;
}

export interface UnsuitableView extends Unsuitable {
  workerName: string;
}

export interface StaffSuggestions {
  /** Every feasible slot, best first; kept for the services, the route answers the views below. */
  all: SlotView[];
  activityId: string;
  timeZone: string;
  from: string;
  to: string;
  durationMinutes: number;
  /** False when the activity has no coordinates: travel is then unknown and counted as zero. */
  located: boolean;
  travelProvider: string;
  /** The best slots of the whole range, best first. */
  best: SlotView[];
  /** For each day, its best slots and the workers without any slot that day, with reasons. */
  days: { date: string; slots: SlotView[]; unsuitable: UnsuitableView[] }[];
  /** Every field worker ranked by their best slot; the screen shows the first three. */
  workers: {
    workerId: string;
    workerName: string;
    best: SlotView | null;
    greenSlots: number;
    feasibleSlots: number;
    grade: "green" | "orange" | "red";
    unsuitable: UnsuitableView[];
  }[];
}

/** Local dates [from, to] of the unit, checked and turned into the instants that bound the search. */
export function localDateRange(
  zone: string,
  range: { from?: string; to?: string },
  today: string,
  defaultDays: number,
  maxDays: number,
): { from: string; to: string; fromInstant: Date; toInstant: Date } {
  const from = range.from ?? today;
  const start = DateTime.fromISO(from, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !start.isValid) {
    throw invalidField("from", "expected a date such as 2026-06-11", from);
  }
  const to = range.to ?? start.plus({ days: defaultDays - 1 }).toISODate()!;
  const end = DateTime.fromISO(to, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(to) || !end.isValid) {
    throw invalidField("to", "expected a date such as 2026-06-17", to);
  }
  if (end < start) throw invalidField("to", "must not be before from", to);
  if (end.diff(start, "days").days + 1 > maxDays) {
    throw invalidField("to", `ask for at most ${maxDays} days at once`, to);
  }
  return {
    from,
    to,
    fromInstant: start.startOf("day").toJSDate(),
    toInstant: end.plus({ days: 1 }).startOf("day").toJSDate(),
  };
}

async function loadUnit(context: ServiceContext, organizationId: string, businessUnitId: string) {
  const unit = await businessUnitRepository(context.db, organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  return unit;
}

async function loadSchedulable(
  context: ServiceContext,
  organizationId: string,
  businessUnitId: string,
  activityId: string,
): Promise<ActivityRow> {
  const row = await activityRepository(context.db, organizationId).find(businessUnitId, activityId);
  if (!row) throw notFound("Activity not found.");
  refuseUnless("schedule", row);
  return row;
}

/** The subject of a search: the visit's place, duration and skills. */
export interface SearchSubject {
  place: PlaceKey;
  durationMinutes: number;
  requiredSkills: RequiredSkill[];
  /** The visit being moved, whose own time does not count against it. */
  exceptActivityId?: string;
}

/** Loads the unit's data and travel, then runs the pure search over [from, to). */
export async function searchSlots(
  context: ServiceContext,
  unit: BusinessUnitRow,
  subject: SearchSubject,
  range: { from: Date; to: Date },
  minimumNoticeMinutes: number,
): Promise<{ result: SlotSearchResult; names: Map<string, string>; provider: string }> {
  const data = await loadSearchData(context.db, unit.organizationId, unit, range, {
    ...(subject.exceptActivityId ? { exceptActivityId: subject.exceptActivityId } : {}),
  });
  const provider = travelProviderFor(context, data.settings);
  const travel = await loadTravel(provider, subject.place, data.workers);
  const result = findSlots({
    zone: unit.timeZone,
    durationMinutes: subject.durationMinutes,
    place: subject.place,
    requiredSkills: subject.requiredSkills,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    now: context.clock.now().toISOString(),
    minimumNoticeMinutes,
    settings: data.settings,
    workers: data.workers,
    travel,
  });
  return { result, names: data.names, provider: provider.name };
}

export async function subjectOf(context: ServiceContext, row: ActivityRow): Promise<SearchSubject> {
  return {
    place: placeKey(row),
    durationMinutes: row.durationMinutes,
    requiredSkills: await requiredSkillsOf(context.db, row.organizationId, row.activityTypeId),
    exceptActivityId: row.id,
  };
}

function today(context: ServiceContext, zone: string): string {
  return DateTime.fromJSDate(context.clock.now(), { zone }).toISODate()!;
}

/**
 * The assistant for staff: the best slots of the range (a week from today by default), the best
 * of each day, every worker ranked, and a reason for each worker-day without a slot.
 */
export async function suggestSlots(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  activityId: string,
  range: { from?: string; to?: string },
): Promise<StaffSuggestions> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const unit = await loadUnit(context, actor.organizationId, businessUnitId);
  const row = await loadSchedulable(context, actor.organizationId, businessUnitId, activityId);
  const dates = localDateRange(unit.timeZone, range, today(context, unit.timeZone), 7, MAX_STAFF_DAYS);
  const subject = await subjectOf(context, row);
  const { result, names, provider } = await searchSlots(
    context,
    unit,
    subject,
    { from: dates.fromInstant, to: dates.toInstant },
    0,
  );
  const name = (workerId: string) => names.get(workerId) ?? "";
  const withName = (slot: Slot): SlotView => ({ ...slot, workerName: name(slot.workerId) });
  const unsuitableWithName = (entry: Unsuitable): UnsuitableView => ({
    ...entry,
    workerName: name(entry.workerId),
  });
  return {
    all: result.slots.map(withName),
    activityId,
    timeZone: unit.timeZone,
    from: dates.from,
    to: dates.to,
    durationMinutes: row.durationMinutes,
    located: subject.place !== null,
    travelProvider: provider,
    best: result.slots.slice(0, BEST_SLOTS).map(withName),
    days: bestByDay(result, datesBetween(dates.from, dates.to), SLOTS_PER_DAY).map((day) => ({
      date: day.date,
      slots: day.slots.map(withName),
      unsuitable: day.unsuitable.map(unsuitableWithName),
    })),
    workers: rankWorkers(result, [...names.keys()]).map((summary) => ({
      ...summary,
      workerName: name(summary.workerId),
      best: summary.best ? withName(summary.best) : null,
      unsuitable: summary.unsuitable.map(unsuitableWithName),
    })),
  };
}

function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (
    let day = DateTime.fromISO(from, { zone: "UTC" });
    day.toISODate()! <= to;
    day = day.plus({ days: 1 })
  ) {
    dates.push(day.toISODate()!);
  }
  return dates;
}

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

/** Explains whether a given worker can take the visit at a given start, with every reason. */
export async function explainSlot(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  activityId: string,
  query: { workerId: string; start: string },
): Promise<Explanation> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const unit = await loadUnit(context, actor.organizationId, businessUnitId);
  const row = await activityRepository(context.db, actor.organizationId).find(businessUnitId, activityId);
  if (!row) throw notFound("Activity not found.");
  const start = new Date(query.start);
  const end = new Date(start.getTime() + row.durationMinutes * 60_000);
  const data = await loadSearchData(
    context.db,
    actor.organizationId,
    unit,
    { from: start, to: end },
    { exceptActivityId: row.id, workerIds: [query.workerId] },
  );
  const worker = data.workers[0];
  if (!worker) throw invalidField("workerId", "no such field worker in this business unit", query.workerId);
  const subject = await subjectOf(context, row);
  const travel = await loadTravel(travelProviderFor(context, data.settings), subject.place, [worker]);
  const explanation = explainPlacement({
    zone: unit.timeZone,
    durationMinutes: row.durationMinutes,
    place: subject.place,
    requiredSkills: subject.requiredSkills,
    now: context.clock.now().toISOString(),
    minimumNoticeMinutes: 0,
    worker,
    travel,
    start: start.toISOString(),
  });
  return {
    workerId: worker.id,
    workerName: worker.name,
    ...explanation,
    feasible: explanation.reasons.length === 0,
  };
}

export interface WindowView {
  start: string;
  end: string;
  /** Local date of the window in the unit's zone. */
  date: string;
  /** Only when the booking policy names the worker. */
  workerName?: string;
}

export interface Offer {
  timeZone: string;
  /** The zone the days were asked in, the unit's unless the caller gave their own. */
  viewerTimeZone: string;
  from: string;
  to: string;
  arrivalWindowMinutes: number;
  windows: WindowView[];
}

/**
 * Arrival windows a customer may book under a booking policy, over local dates of `viewerZone`
 * (the unit's zone by default): starts after now + the notice and before the horizon, at most
 * `choices` windows, each holding at least one feasible exact start.
 */
export async function offerWindows(
  context: ServiceContext,
  unit: BusinessUnitRow,
  subject: SearchSubject,
  policy: BookingPolicy,
  range: { from?: string; to?: string; zone?: string },
): Promise<{ offer: Offer; windows: ArrivalWindow[] }> {
  const viewerZone = range.zone ?? unit.timeZone;
  if (!DateTime.now().setZone(viewerZone).isValid) {
    throw invalidField("zone", "unknown time zone; use an IANA name such as Europe/Paris", viewerZone);
  }
  const now = context.clock.now();
  const dates = localDateRange(viewerZone, range, today(context, viewerZone), 14, MAX_CUSTOMER_DAYS);
  const horizonEnd = DateTime.fromJSDate(now, { zone: unit.timeZone })
    .startOf("day")
    .plus({ days: policy.horizonDays + 1 })
    .toJSDate();
  const to = new Date(Math.min(dates.toInstant.getTime(), horizonEnd.getTime()));
  const from = dates.fromInstant;
  let windows: ArrivalWindow[] = [];
  let names = new Map<string, string>();
  if (to > from) {
    const search = await searchSlots(context, unit, subject, { from, to }, policy.minimumNoticeMinutes);
    names = search.names;
    windows = arrivalWindows(search.result.slots, unit.timeZone, policy.arrivalWindowMinutes, policy.choices);
  }
  return {
    windows,
    offer: {
      timeZone: unit.timeZone,
      viewerTimeZone: viewerZone,
      from: dates.from,
      to: dates.to,
      arrivalWindowMinutes: policy.arrivalWindowMinutes,
      windows: windows.map((window) => ({
        start: window.start,
        end: window.end,
        date: window.best.date,
        ...(policy.showWorker ? { workerName: names.get(window.best.workerId) ?? "" } : {}),
      })),
    },
  };
}

/** Returns an activity type's booking policy, with defaults for what it does not set. */
export async function policyOf(
  context: ServiceContext,
  organizationId: string,
  businessUnitId: string,
  typeId: string,
) {
  const type = await catalogRepository(context.db, organizationId).find(businessUnitId, typeId);
  if (!type) throw invalidField("activityTypeId", "no such activity type in this business unit", typeId);
  return { type, policy: readBookingPolicy(type.bookingPolicy) };
}

/** Staff preview of what a customer would be offered for this activity under its type's policy. */
export async function offerForActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  activityId: string,
  range: { from?: string; to?: string; zone?: string },
): Promise<Offer> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const unit = await loadUnit(context, actor.organizationId, businessUnitId);
  const row = await loadSchedulable(context, actor.organizationId, businessUnitId, activityId);
  const { policy } = await policyOf(context, actor.organizationId, businessUnitId, row.activityTypeId);
  const { offer } = await offerWindows(context, unit, await subjectOf(context, row), policy, range);
  return offer;
}

/**
 * Windows for a new activity of a type at an address, as the portal asks before the activity
 * exists. `point` null means the customer is not located.
 */
export async function offerForNewActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  request: {
    activityTypeId: string;
    point: { latitude: number; longitude: number } | null;
    from?: string;
    to?: string;
    zone?: string;
  },
): Promise<Offer> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const unit = await loadUnit(context, actor.organizationId, businessUnitId);
  const { type, policy } = await policyOf(
    context,
    actor.organizationId,
    businessUnitId,
    request.activityTypeId,
  );
  const subject: SearchSubject = {
    place: placeKey(request.point),
    durationMinutes: type.defaultDurationMinutes,
    requiredSkills: await requiredSkillsOf(context.db, actor.organizationId, type.id),
  };
  const { offer } = await offerWindows(context, unit, subject, policy, request);
  return offer;
}
