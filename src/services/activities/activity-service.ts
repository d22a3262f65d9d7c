import type { Transaction } from "../../db/database.js";
import {
  type ActivityStatus,
  type CancelReason,
  type DerivedState,
  type LifecycleAction,
  refusalOf,
} from "../../domain/activities/lifecycle.js";
import type { Answers } from "../../domain/forms/index.js";
import { searchKey } from "../../domain/text/keys.js";
import { type ActivityFilters, type ActivityRow, activityRepository } from "../../repositories/activities.js";
import { catalogRepository } from "../../repositories/catalog.js";
import { customerRepository } from "../../repositories/customers.js";
import { membershipRepository } from "../../repositories/memberships.js";
import { AppError, invalidField, notFound } from "../../server/errors.js";
import { type Actor, requireMember, requireRole } from "../access.js";
import { checkAnswers } from "../catalog-service.js";
import type { ServiceContext } from "../context.js";
import { sqlState, validationError } from "../problems.js";
import { type HistoryActor, recordHistory, staffHistoryActor } from "./history.js";
import { type ActivityView, presentActivity } from "./present.js";
import { checkSchedule, type ScheduleWarning } from "./schedule-check.js";

const PLANNING_ROLES = ["admin", "planner"] as const;

export interface NewActivity {
  activityTypeId: string;
  customerId?: string | null;
  parentId?: string | null;
  comment?: string | null;
  durationMinutes?: number;
  address?: ActivityAddress;
  answers?: Record<string, unknown>;
}

export interface ActivityAddress {
  addressLine1: string | null;
  addressLine2: string | null;
  postcode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** Creates an activity; its address defaults to the customer's. */
export async function createActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  request: NewActivity,
): Promise<ActivityView> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const answers = await checkAnswers(
    context,
    actor,
    businessUnitId,
    request.activityTypeId,
    "activity",
    request.answers ?? {},
    {
      partial: true,
    },
  );
  const now = context.clock.now();
  const id = await context.db.transaction(async (tx) => {
    const type = await catalogRepository(tx, actor.organizationId).find(
      businessUnitId,
      request.activityTypeId,
    );
    if (!type || type.archived)
      throw invalidField(
        "activityTypeId",
        "no such active activity type in this business unit",
        request.activityTypeId,
      );
    const customer = request.customerId
      ? await customerRepository(tx, actor.organizationId).find(businessUnitId, request.customerId)
      : undefined;
    if (request.customerId && !customer)
      throw invalidField("customerId", "no such customer in this business unit", request.customerId);
    if (type.operatingMode === "on_site" && !customer && !request.address) {
      throw invalidField("customerId", "an intervention on site needs a customer or an address");
    }
    if (
      request.parentId &&
      !(await activityRepository(tx, actor.organizationId).find(businessUnitId, request.parentId))
    ) {
      throw invalidField("parentId", "no such activity in this business unit", request.parentId);
    }
    const address = request.address ?? addressOf(customer);
    checkCoordinates(address);
    const reference = await nextActivityReference(tx, actor.organizationId, businessUnitId);
    const row = await activityRepository(tx, actor.organizationId).insert({
      businessUnitId,
      reference,
      activityTypeId: type.id,
      customerId: customer?.id ?? null,
      parentId: request.parentId ?? null,
      status: "pending",
      comment: request.comment?.trim() || null,
      durationMinutes: request.durationMinutes ?? type.defaultDurationMinutes,
      ...address,
      answers,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
    });
    await recordHistory(
      tx,
      { organizationId: actor.organizationId, businessUnitId },
      row.id,
      await staffHistoryActor(tx, actor),
      "created",
      {},
      now,
    );
    return row.id;
  });
  return getActivity(context, actor, businessUnitId, id);
}

function addressOf(
  customer:
    | {
        addressLine1: string | null;
        addressLine2: string | null;
        postcode: string | null;
        city: string | null;
        latitude: number | null;
        longitude: number | null;
      }
    | undefined,
): ActivityAddress {
  return {
    addressLine1: customer?.addressLine1 ?? null,
    addressLine2: customer?.addressLine2 ?? null,
    postcode: customer?.postcode ?? null,
    city: customer?.city ?? null,
    latitude: customer?.latitude ?? null,
    longitude: customer?.longitude ?? null,
  };
}

function checkCoordinates(address: ActivityAddress): void {
  if ((address.latitude === null) !== (address.longitude === null)) {
    throw invalidField(
      address.latitude === null ? "address.latitude" : "address.longitude",
      "give both latitude and longitude, or neither",
    );
  }
}

async function nextActivityReference(
  tx: Transaction,
  organizationId: string,
  businessUnitId: string,
): Promise<string> {
  const value = await customerRepository(tx, organizationId).advanceCounter(
    businessUnitId,
    "activity_reference",
    1,
  );
  return `A${String(value).padStart(6, "0")}`;
}

export interface ActivityChanges {
  comment?: string | null;
  durationMinutes?: number;
  address?: ActivityAddress;
  answers?: Record<string, unknown>;
  confirmedByCustomer?: boolean;
  customerId?: string | null;
  parentId?: string | null;
}

export async function updateActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  changes: ActivityChanges,
): Promise<ActivityView> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const current = await loadActivity(context, actor, businessUnitId, id);
  const answers =
    changes.answers === undefined
      ? undefined
      : await checkAnswers(
          context,
          actor,
          businessUnitId,
          current.activityTypeId,
          "activity",
          { ...current.answers, ...changes.answers },
          { partial: true },
        );
  await context.db.transaction(async (tx) => {
    const repository = activityRepository(tx, actor.organizationId);
    const row = await repository.find(businessUnitId, id, { forUpdate: true });
    if (!row) throw notFound("Activity not found.");
    refuseUnless("edit", row);
    if (changes.address) checkCoordinates(changes.address);
    if (
      changes.customerId &&
      !(await customerRepository(tx, actor.organizationId).find(businessUnitId, changes.customerId))
    ) {
      throw invalidField("customerId", "no such customer in this business unit", changes.customerId);
    }
    if (changes.parentId === id)
      throw invalidField("parentId", "an activity cannot be its own parent", changes.parentId);
    if (changes.parentId && !(await repository.find(businessUnitId, changes.parentId))) {
      throw invalidField("parentId", "no such activity in this business unit", changes.parentId);
    }
    const next = {
      ...(changes.comment !== undefined ? { comment: changes.comment?.trim() || null } : {}),
      ...(changes.durationMinutes !== undefined ? { durationMinutes: changes.durationMinutes } : {}),
      ...(changes.address ?? {}),
      ...(answers !== undefined ? { answers } : {}),
      ...(changes.confirmedByCustomer !== undefined
        ? { confirmedByCustomer: changes.confirmedByCustomer }
        : {}),
      ...(changes.customerId !== undefined ? { customerId: changes.customerId } : {}),
      ...(changes.parentId !== undefined ? { parentId: changes.parentId } : {}),
    };
    // A new duration moves the end of a scheduled visit; the exclusion constraint still applies.
    const endChange =
      changes.durationMinutes !== undefined && row.startAt
        ? { endAt: new Date(row.startAt.getTime() + changes.durationMinutes * 60_000) }
        : {};
    const now = context.clock.now();
    const updated = await writeOrConflict(() => repository.update(id, { ...next, ...endChange }, now));
    await recordHistory(
      tx,
      { organizationId: actor.organizationId, businessUnitId },
      id,
      await staffHistoryActor(tx, actor),
      "updated",
      diff(row, updated),
      now,
    );
  });
  return getActivity(context, actor, businessUnitId, id);
}

export interface ScheduleRequest {
  assigneeId: string;
  startAt: string;
  /** Staff saw the warnings (outside hours, unavailable, travel) and place the visit anyway. */
  acceptWarnings?: boolean;
}

export interface ScheduleResult {
  activity: ActivityView;
  warnings: ScheduleWarning[];
}

/**
 * Assigns and schedules an activity (end = start + duration). Inside one transaction it locks
 * the worker's schedule, checks hours, unavailabilities and travel to both neighbours, and writes.
 * Warnings stop the change unless `acceptWarnings` is set; an overlap with another open visit of
 * the worker is refused in every case, and the database's exclusion constraint enforces it too.
 */
export async function scheduleActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  request: ScheduleRequest,
): Promise<ScheduleResult> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  const startAt = new Date(request.startAt);
  const membership = await membershipRepository(context.db, actor.organizationId).find(
    businessUnitId,
    request.assigneeId,
  );
  if (!membership?.roles.includes("field_worker")) {
    throw invalidField("assigneeId", "no such field worker in this business unit", request.assigneeId);
  }
  const warnings = await context.db.transaction(async (tx) => {
    const repository = activityRepository(tx, actor.organizationId);
    await repository.lockWorkerSchedule(request.assigneeId);
    const row = await repository.find(businessUnitId, id, { forUpdate: true });
    if (!row) throw notFound("Activity not found.");
    refuseUnless("schedule", row);
    const endAt = new Date(startAt.getTime() + row.durationMinutes * 60_000);
    const check = await checkSchedule(tx, actor.organizationId, businessUnitId, {
      activity: row,
      assigneeId: request.assigneeId,
      startAt,
      endAt,
    });
    if (check.overlap) {
      throw new AppError(
        "schedule_conflict",
        `The worker already has ${check.overlap.reference} from ${check.overlap.startAt?.toISOString()} to ${check.overlap.endAt?.toISOString()}.`,
        { overlapping: { id: check.overlap.id, reference: check.overlap.reference } },
      );
    }
    if (check.warnings.length > 0 && !request.acceptWarnings) {
      throw new AppError("schedule_warnings", check.warnings.map((warning) => warning.message).join(" "), {
        warnings: check.warnings,
      });
    }
    const now = context.clock.now();
    const updated = await writeOrConflict(() =>
      repository.update(id, { assigneeId: request.assigneeId, startAt, endAt }, now),
    );
    await recordHistory(
      tx,
      { organizationId: actor.organizationId, businessUnitId },
      id,
      await staffHistoryActor(tx, actor),
      "scheduled",
      diff(row, updated),
      now,
      check.warnings.length > 0
        ? `Placed past warnings: ${check.warnings.map((warning) => warning.message).join(" ")}`
        : undefined,
    );
    if (check.warnings.length > 0) {
      context.logger.info(
        { event: "schedule_forced", activityId: id, warnings: check.warnings.map((warning) => warning.code) },
        "visit placed past warnings",
      );
    }
    return check.warnings;
  });
  return { activity: await getActivity(context, actor, businessUnitId, id), warnings };
}

export async function unscheduleActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<ActivityView> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  await transition(context, actor, businessUnitId, id, "schedule", "unscheduled", () => ({
    assigneeId: null,
    startAt: null,
    endAt: null,
  }));
  return getActivity(context, actor, businessUnitId, id);
}

export async function startActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<ActivityView> {
  await transition(
    context,
    actor,
    businessUnitId,
    id,
    "start",
    "started",
    () => ({ status: "in_progress", startedAt: context.clock.now() }),
    {
      assigneeMayAct: true,
    },
  );
  return getActivity(context, actor, businessUnitId, id);
}

/**
 * Closes an activity with its closing form; the result OK/KO comes from the form. When the type
 * names a follow-up, a linked activity of that type is created for the same customer.
 */
export async function closeActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  closingAnswers: Record<string, unknown>,
): Promise<ActivityView> {
  const current = await loadActivity(context, actor, businessUnitId, id);
  requireActorMayAct(actor, businessUnitId, current, true);
  const answers = await checkAnswers(
    context,
    actor,
    businessUnitId,
    current.activityTypeId,
    "closing",
    closingAnswers,
  );
  await context.db.transaction(async (tx) => {
    const row = await closeInTransaction(
      context,
      tx,
      actor.organizationId,
      businessUnitId,
      id,
      answers,
      await staffHistoryActor(tx, actor),
    );
    await createFollowUp(context, tx, actor.organizationId, row, await staffHistoryActor(tx, actor));
  });
  return getActivity(context, actor, businessUnitId, id);
}

export async function closeInTransaction(
  context: ServiceContext,
  tx: Transaction,
  organizationId: string,
  businessUnitId: string,
  id: string,
  answers: Answers,
  historyActor: HistoryActor,
): Promise<ActivityRow> {
  const repository = activityRepository(tx, organizationId);
  const row = await repository.find(businessUnitId, id, { forUpdate: true });
  if (!row) throw notFound("Activity not found.");
  refuseUnless("close", row);
  const now = context.clock.now();
  const result = answers.result === "ko" ? "ko" : "ok";
  const updated = await repository.update(
    id,
    { status: "terminated", result, closingAnswers: answers, closedAt: now },
    now,
  );
  await recordHistory(
    tx,
    { organizationId, businessUnitId },
    id,
    historyActor,
    "closed",
    diff(row, updated),
    now,
  );
  return updated;
}

async function createFollowUp(
  context: ServiceContext,
  tx: Transaction,
  organizationId: string,
  closed: ActivityRow,
  historyActor: HistoryActor,
): Promise<void> {
  const catalog = catalogRepository(tx, organizationId);
  const type = await catalog.find(closed.businessUnitId, closed.activityTypeId);
  if (!type?.followUpTypeId) return;
  const followUpType = await catalog.find(closed.businessUnitId, type.followUpTypeId);
  if (!followUpType || followUpType.archived) {
    context.logger.warn(
      { activityTypeId: type.id, followUpTypeId: type.followUpTypeId },
      "follow-up type missing or archived; no follow-up created",
    );
    return;
  }
  const now = context.clock.now();
  const reference = await nextActivityReference(tx, organizationId, closed.businessUnitId);
  const followUp = await activityRepository(tx, organizationId).insert({
    businessUnitId: closed.businessUnitId,
    reference,
    activityTypeId: followUpType.id,
    customerId: closed.customerId,
    parentId: closed.id,
    status: "pending",
    durationMinutes: followUpType.defaultDurationMinutes,
    addressLine1: closed.addressLine1,
    addressLine2: closed.addressLine2,
    postcode: closed.postcode,
    city: closed.city,
    latitude: closed.latitude,
    longitude: closed.longitude,
    answers: {},
    createdAt: now,
    createdBy: null,
    updatedAt: now,
  });
  await recordHistory(
    tx,
    { organizationId, businessUnitId: closed.businessUnitId },
    followUp.id,
    { kind: "system", id: null, name: null },
    "created",
    {},
    now,
    `Follow-up of ${closed.reference}`,
  );
  await recordHistory(
    tx,
    { organizationId, businessUnitId: closed.businessUnitId },
    closed.id,
    historyActor,
    "follow_up_created",
    {},
    now,
    `Follow-up ${reference} created`,
  );
}

export async function cancelActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  request: { reason: CancelReason; details?: string | null },
): Promise<ActivityView> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  await transition(context, actor, businessUnitId, id, "cancel", "canceled", () => ({
    status: "canceled",
    cancelReason: request.reason,
    cancelDetails: request.details?.trim() || null,
  }));
  return getActivity(context, actor, businessUnitId, id);
}

/**
 * Reopens a terminated or canceled activity as pending. It keeps its worker and time unless
 * another open visit of that worker took the slot meanwhile; then it reopens unscheduled and the
 * history says why.
 */
export async function reopenActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<ActivityView> {
  requireRole(actor, businessUnitId, PLANNING_ROLES);
  await context.db.transaction(async (tx) => {
    const repository = activityRepository(tx, actor.organizationId);
    const row = await repository.find(businessUnitId, id, { forUpdate: true });
    if (!row) throw notFound("Activity not found.");
    refuseUnless("reopen", row);
    let slotTaken = false;
    if (row.assigneeId && row.startAt && row.endAt) {
      await repository.lockWorkerSchedule(row.assigneeId);
      slotTaken =
        (await repository.listOpenVisitsOfWorker(row.assigneeId, row.startAt, row.endAt, row.id)).length > 0;
    }
    const now = context.clock.now();
    const updated = await repository.update(
      id,
      {
        status: "pending",
        result: null,
        cancelReason: null,
        cancelDetails: null,
        closedAt: null,
        startedAt: null,
        ...(slotTaken ? { assigneeId: null, startAt: null, endAt: null } : {}),
      },
      now,
    );
    const note = slotTaken
      ? "Reopened unscheduled: another visit of the worker now takes this time."
      : undefined;
    await recordHistory(
      tx,
      { organizationId: actor.organizationId, businessUnitId },
      id,
      await staffHistoryActor(tx, actor),
      "reopened",
      diff(row, updated),
      now,
      note,
    );
  });
  return getActivity(context, actor, businessUnitId, id);
}

async function transition(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  action: LifecycleAction,
  historyAction: string,
  changes: () => Parameters<ReturnType<typeof activityRepository>["update"]>[1],
  options: { assigneeMayAct?: boolean } = {},
): Promise<void> {
  await context.db.transaction(async (tx) => {
    const repository = activityRepository(tx, actor.organizationId);
    const row = await repository.find(businessUnitId, id, { forUpdate: true });
    if (!row) throw notFound("Activity not found.");
    requireActorMayAct(actor, businessUnitId, row, options.assigneeMayAct ?? false);
    refuseUnless(action, row);
    const now = context.clock.now();
    const updated = await writeOrConflict(() => repository.update(id, changes(), now));
    await recordHistory(
      tx,
      { organizationId: actor.organizationId, businessUnitId },
      id,
      await staffHistoryActor(tx, actor),
      historyAction,
      diff(row, updated),
      now,
    );
  });
}

function requireActorMayAct(
  actor: Actor,
  businessUnitId: string,
  row: ActivityRow,
  assigneeMayAct: boolean,
): void {
  const roles = requireMember(actor, businessUnitId);
  if (roles.includes("admin") || roles.includes("planner")) return;
  if (assigneeMayAct && row.assigneeId === actor.userId) return;
  if (row.assigneeId !== actor.userId) throw notFound("Activity not found.");
  throw new AppError("forbidden");
}

function refuseUnless(action: LifecycleAction, row: ActivityRow): void {
  const refusal = refusalOf(action, { ...row, status: row.status as ActivityStatus });
  if (refusal) throw new AppError("invalid_state", `${row.reference}: ${refusal}.`, { state: row.status });
}

/** Maps the exclusion constraint's violation (SQLSTATE 23P01) to the conflict error. */
async function writeOrConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (sqlState(error) === "23P01") {
      throw new AppError("schedule_conflict", "The worker already has another open visit at this time.");
    }
    throw error;
  }
}

const TRACKED_FIELDS = [
  "status",
  "result",
  "cancelReason",
  "cancelDetails",
  "comment",
  "durationMinutes",
  "addressLine1",
  "addressLine2",
  "postcode",
  "city",
  "latitude",
  "longitude",
  "assigneeId",
  "startAt",
  "endAt",
  "confirmedByCustomer",
  "answers",
  "closingAnswers",
  "customerId",
  "parentId",
] as const;

function diff(before: ActivityRow, after: ActivityRow): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of TRACKED_FIELDS) {
    const a = normalizeForDiff(before[field]);
    const b = normalizeForDiff(after[field]);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field] = { before: a, after: b };
  }
  return changes;
}

function normalizeForDiff(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

async function loadActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<ActivityRow> {
  requireMember(actor, businessUnitId);
  const row = await activityRepository(context.db, actor.organizationId).find(businessUnitId, id);
  if (!row) throw notFound("Activity not found.");
  return row;
}

/** One activity with its history, parent and children; a field worker sees only their own. */
export async function getActivity(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<ActivityView> {
  const row = await loadActivity(context, actor, businessUnitId, id);
  const roles = actor.rolesByBusinessUnit.get(businessUnitId) ?? [];
  if (!roles.includes("admin") && !roles.includes("planner") && row.assigneeId !== actor.userId) {
    throw notFound("Activity not found.");
  }
  return presentActivity(context, actor.organizationId, row);
}

export interface ActivityQuery {
  states?: (DerivedState | "open")[];
  activityTypeId?: string;
  assigneeId?: string;
  customerId?: string;
  from?: string;
  to?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export async function listActivities(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  query: ActivityQuery,
) {
  const roles = requireMember(actor, businessUnitId);
  const planner = roles.includes("admin") || roles.includes("planner");
  if (query.from && query.to && new Date(query.to) <= new Date(query.from)) {
    throw validationError([
      { path: "to", code: "range_order", value: query.to, message: "must be after from" },
    ]);
  }
  const states = query.states?.filter((state): state is DerivedState => state !== "open");
  const filters: ActivityFilters = {
    states,
    openOnly: query.states?.includes("open"),
    activityTypeId: query.activityTypeId,
    // A field worker lists only their own visits, whatever they ask for.
    assigneeId: planner ? query.assigneeId : actor.userId,
    customerId: query.customerId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    searchKey: query.q ? searchKey(query.q) : undefined,
    limit: Math.min(query.limit ?? 50, 500),
    offset: query.offset ?? 0,
  };
  return activityRepository(context.db, actor.organizationId).list(
    businessUnitId,
    filters,
    context.clock.now(),
  );
}
