import { and, eq } from "drizzle-orm";
import type { Executor, Transaction } from "../../db/database.js";
import { activities, activityHistory } from "../../db/schema/index.js";
import { type ActivityStatus, type DerivedState, deriveState } from "../../domain/activities/lifecycle.js";
import type { Language } from "../../domain/business-units/localisation.js";
import { type Answers, type FormDefinition, validateAnswers } from "../../domain/forms/index.js";
import {
  type ActionAvailability,
  type ConditionActivityFacts,
  checkActionAvailability,
  type PortalAction,
  type PortalActionEffect,
  readPortalActions,
  validatePortalActions,
} from "../../domain/portal/actions.js";
import { readPortalDisplay } from "../../domain/portal/display-texts.js";
import { readPortalSettings } from "../../domain/portal/settings.js";
import { type BookingPolicy, readBookingPolicy } from "../../domain/scheduling/assistant/settings.js";
import { type ActivityRow, activityRepository } from "../../repositories/activities.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import { type ActivityTypeRow, catalogRepository } from "../../repositories/catalog.js";
import type { CustomerRow } from "../../repositories/customers.js";
import type { PortalEventKind } from "../../repositories/portal-events.js";
import { portalActivityLogRepository } from "../../repositories/portal-events.js";
import { AppError, notFound } from "../../server/errors.js";
import { type Actor, requireMember, requireRole } from "../access.js";
import { type HistoryActor, recordHistory } from "../activities/history.js";
import { closeInTransaction, createFollowUp } from "../activities/lifecycle.js";
import { diff, nextActivityReference, writeOrConflict } from "../activities/shared.js";
import type { ServiceContext } from "../context.js";
import { notifyAppointmentChange } from "../notifications/appointments.js";
import { messageLanguage } from "../notifications/compose.js";
import { type Offer, offerWindows, type SearchSubject, subjectOf } from "../scheduling/assistant-service.js";
import { bookUnderPolicy, type PolicyBooking } from "../scheduling/booking-service.js";
import { placeKey, requiredSkillsOf } from "../scheduling/search-data.js";
import { recordPortalEvent } from "./portal-events-service.js";
import type { PortalPrincipal } from "./session-service.js";
import { signedInCustomer } from "./signed-in.js";

/** An action as the portal shows it: label in the customer's language, with its form. */
export interface PortalActionView {
  typeId: string;
  id: string;
  label: string;
  effect: PortalActionEffect;
  form: FormDefinition | null;
  scheduling: boolean;
  activityId: string | null;
  /** The activity's stored answers to the form's fields, which an update form starts from; empty otherwise. */
  answers: Answers;
}

export interface ActionRunRequest {
  activityId?: string | undefined;
  answers?: Record<string, unknown> | undefined;
  /** Start of one of the offered arrival windows, for an action with a scheduling step. */
  windowStart?: string | undefined;
}

export interface ActionRunResult {
  activityId: string;
  state: DerivedState;
}

type SignedIn = Awaited<ReturnType<typeof signedInCustomer>>;

/** The action, its type and, for an activity action, the activity, checked to be the customer's. */
interface ResolvedAction {
  type: ActivityTypeRow;
  action: PortalAction;
  activity: ActivityRow | null;
  policy: BookingPolicy;
}

function view(
  type: ActivityTypeRow,
  action: PortalAction,
  activity: ActivityRow | null,
  language: Language,
): PortalActionView {
  const answers: Answers = {};
  if (activity && action.effect === "update_activity" && action.form) {
    for (const field of action.form.fields) {
      const stored = activity.answers[field.code];
      if (stored !== undefined) answers[field.code] = stored;
    }
  }
  return {
    typeId: type.id,
    id: action.id,
    label: action.label[language],
    effect: action.effect,
    form: action.form,
    scheduling: action.scheduling,
    activityId: activity?.id ?? null,
    answers,
  };
}

export function activityFacts(row: ActivityRow, now: Date): ConditionActivityFacts {
  return {
    state: deriveState({ ...row, status: row.status as ActivityStatus }, now),
    start: row.startAt,
    closedAt: row.closedAt,
    confirmedByCustomer: row.confirmedByCustomer,
    answers: row.answers,
  };
}

/** Checks whether an action may run now for this customer and activity (null on the home page). */
async function availabilityOf(
  context: ServiceContext,
  db: Executor,
  signedIn: SignedIn,
  action: PortalAction,
  activity: ActivityRow | null,
  policy: BookingPolicy,
): Promise<ActionAvailability> {
  const uses = await portalActivityLogRepository(db, signedIn.organizationId).countRuns(
    action.id,
    activity?.id ?? null,
    signedIn.customer.id,
  );
  const now = context.clock.now();
  return checkActionAvailability(action, {
    now,
    activity: activity ? activityFacts(activity, now) : null,
    uses: { [action.id]: uses },
    policy,
  });
}

/** Lists the unit's types shown on the portal, not archived. */
async function portalTypes(db: Executor, unit: BusinessUnitRow): Promise<ActivityTypeRow[]> {
  const types = await catalogRepository(db, unit.organizationId).list(unit.id);
  return types.filter((type) => !type.archived && readPortalDisplay(type.portalDisplay).shown);
}

/** Lists the home page's actions that the customer may run now. */
export async function homeActions(
  context: ServiceContext,
  principal: PortalPrincipal,
  language: string | undefined,
): Promise<PortalActionView[]> {
  const signedIn = await signedInCustomer(context, principal);
  const lang = messageLanguage(language ?? signedIn.customer.language);
  const views: PortalActionView[] = [];
  for (const type of await portalTypes(context.db, signedIn.unit)) {
    const policy = readBookingPolicy(type.bookingPolicy);
    for (const action of readPortalActions(type.portalActions)) {
      if (action.effect !== "create_activity") continue;
      if ((await availabilityOf(context, context.db, signedIn, action, null, policy)).available)
        views.push(view(type, action, null, lang));
    }
  }
  return views;
}

/** Lists the actions of one of the customer's activities that they may run now. */
export async function activityActions(
  context: ServiceContext,
  principal: PortalPrincipal,
  activity: ActivityRow,
  type: ActivityTypeRow,
  language: string | undefined,
): Promise<PortalActionView[]> {
  const signedIn = await signedInCustomer(context, principal);
  const lang = messageLanguage(language ?? signedIn.customer.language);
  const policy = readBookingPolicy(type.bookingPolicy);
  const views: PortalActionView[] = [];
  for (const action of readPortalActions(type.portalActions)) {
    if (action.effect === "create_activity") continue;
    if ((await availabilityOf(context, context.db, signedIn, action, activity, policy)).available)
      views.push(view(type, action, activity, lang));
  }
  return views;
}

/**
 * Finds the action and checks that it may run now, as the portal offered it: the type is shown on
 * the portal, the activity is the customer's and of that type, and the conditions and the booking
 * policy's floor hold. A cut-off or start that has passed answers `change_too_late`; anything else
 * that no longer holds answers `action_unavailable`.
 */
async function resolveAction(
  context: ServiceContext,
  db: Executor,
  signedIn: SignedIn,
  typeId: string,
  actionId: string,
  activityId: string | undefined,
): Promise<ResolvedAction> {
  const type = (await portalTypes(db, signedIn.unit)).find((candidate) => candidate.id === typeId);
  const action = type
    ? readPortalActions(type.portalActions).find((candidate) => candidate.id === actionId)
    : undefined;
  if (!type || !action) throw notFound("Action not found.");
  let activity: ActivityRow | null = null;
  if (activityId !== undefined) {
    const row = await activityRepository(db, signedIn.organizationId).find(signedIn.unit.id, activityId);
    if (!row || row.customerId !== signedIn.customer.id || row.activityTypeId !== type.id) {
      throw notFound("Activity not found.");
    }
    activity = row;
  }
  const policy = readBookingPolicy(type.bookingPolicy);
  const availability = await availabilityOf(context, db, signedIn, action, activity, policy);
  if (!availability.available) {
    if (availability.reason === "too_late" || availability.reason === "started") {
      const hours =
        action.effect === "cancel_activity" ? policy.cancelCutoffHours : policy.rescheduleCutoffHours;
      throw new AppError(
        "change_too_late",
        availability.reason === "started"
          ? "This visit has started or is over, so it can no longer be changed online."
          : `This visit can no longer be changed online: changes close ${hours} h before its start.`,
        { cutoffHours: hours },
      );
    }
    throw new AppError("action_unavailable", undefined, { reason: availability.reason });
  }
  return { type, action, activity, policy };
}

/** Returns the type an action books: the created type for create effects, the activity's own otherwise. */
async function bookedType(
  db: Executor,
  signedIn: SignedIn,
  resolved: ResolvedAction,
): Promise<ActivityTypeRow> {
  if (resolved.action.targetTypeId === null) return resolved.type;
  const target = await catalogRepository(db, signedIn.organizationId).find(
    signedIn.unit.id,
    resolved.action.targetTypeId,
  );
  if (!target || target.archived)
    throw new AppError("action_unavailable", "The type to create no longer exists.");
  return target;
}

function refuseUnlocated(signedIn: SignedIn, point: { latitude: number | null; longitude: number | null }) {
  if (point.latitude !== null && point.longitude !== null) return;
  const phone = readPortalSettings(signedIn.unit.portalSettings).contactPhone;
  throw new AppError("customer_not_located", undefined, { phone });
}

/** Arrival windows for an action's scheduling step, under the booking policy of the booked type. */
export async function actionOffers(
  context: ServiceContext,
  principal: PortalPrincipal,
  typeId: string,
  actionId: string,
  request: { activityId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<Offer> {
  const signedIn = await signedInCustomer(context, principal);
  const resolved = await resolveAction(context, context.db, signedIn, typeId, actionId, request.activityId);
  if (!resolved.action.scheduling)
    throw new AppError("action_unavailable", "This action has no scheduling step.");
  const range = {
    ...(request.from ? { from: request.from } : {}),
    ...(request.to ? { to: request.to } : {}),
  };
  if (resolved.action.effect === "update_activity" && resolved.activity) {
    refuseUnlocated(signedIn, resolved.activity);
    const { offer } = await offerWindows(
      context,
      signedIn.unit,
      await subjectOf(context, resolved.activity),
      resolved.policy,
      range,
    );
    return offer;
  }
  const target = await bookedType(context.db, signedIn, resolved);
  const place = resolved.activity ?? signedIn.customer;
  refuseUnlocated(signedIn, place);
  const subject: SearchSubject = {
    place: placeKey(place),
    durationMinutes: target.defaultDurationMinutes,
    requiredSkills: await requiredSkillsOf(context.db, signedIn.organizationId, target.id),
  };
  const { offer } = await offerWindows(
    context,
    signedIn.unit,
    subject,
    readBookingPolicy(target.bookingPolicy),
    range,
  );
  return offer;
}

function customerActor(customer: CustomerRow): HistoryActor {
  return { kind: "customer", id: customer.id, name: customer.displayName };
}

/** Validates the action form's answers; the problems name `answers.<code>`. */
function checkedAnswers(action: PortalAction, answers: Record<string, unknown> | undefined): Answers {
  if (!action.form) return {};
  const result = validateAnswers(action.form, answers ?? {});
  if (result.ok) return result.answers;
  throw new AppError("validation_failed", "Some answers are invalid.", {
    fields: result.problems.map((problem) => ({
      path: problem.path.startsWith("answers") ? problem.path : `answers.${problem.path}`,
      message: problem.message,
      code: problem.code,
      value: problem.value,
    })),
  });
}

function requireWindow(action: PortalAction, request: ActionRunRequest): string | undefined {
  if (!action.scheduling) return undefined;
  if (!request.windowStart) {
    throw new AppError("validation_failed", "windowStart: choose one of the offered arrival windows.", {
      fields: [{ path: "windowStart", message: "choose one of the offered arrival windows", value: null }],
    });
  }
  return request.windowStart;
}

/**
 * Runs a portal action for the signed-in customer after checking, again, that it is available.
 * Each change is one transaction with its history, its run, the planners' portal event and the
 * customer's messages. An action with a scheduling step books through the same atomic booking as
 * staff bookings (`bookUnderPolicy`): a window taken meanwhile answers 409 with fresh windows, and
 * an activity the action created for that booking is deleted again, so nothing is half-saved.
 */
export async function runPortalAction(
  context: ServiceContext,
  principal: PortalPrincipal,
  typeId: string,
  actionId: string,
  request: ActionRunRequest,
): Promise<ActionRunResult> {
  const signedIn = await signedInCustomer(context, principal);
  const resolved = await resolveAction(context, context.db, signedIn, typeId, actionId, request.activityId);
  const { action } = resolved;
  const answers = checkedAnswers(action, request.answers);
  const windowStart = requireWindow(action, request);
  const label = action.label[messageLanguage(signedIn.unit.language)];

  switch (action.effect) {
    case "create_activity":
    case "create_linked_activity":
      return createFromAction(context, signedIn, resolved, answers, windowStart, label);
    case "close_activity":
      return closeFromAction(context, signedIn, resolved, answers, label);
    case "update_activity":
      return updateFromAction(context, signedIn, resolved, answers, windowStart, label);
    case "cancel_activity":
      return cancelFromAction(context, signedIn, resolved, label);
  }
}

async function recordRunAndEvent(
  context: ServiceContext,
  tx: Executor,
  signedIn: SignedIn,
  resolved: ResolvedAction,
  outcome: { kind: PortalEventKind; activity: ActivityRow; created: ActivityRow | null; label: string },
): Promise<void> {
  await portalActivityLogRepository(tx, signedIn.organizationId).recordRun({
    businessUnitId: signedIn.unit.id,
    activityTypeId: resolved.type.id,
    actionId: resolved.action.id,
    activityId: resolved.activity?.id ?? null,
    customerId: signedIn.customer.id,
    effect: resolved.action.effect,
    createdActivityId: outcome.created?.id ?? null,
    createdAt: context.clock.now(),
  });
  const eventType =
    outcome.activity.activityTypeId === resolved.type.id
      ? resolved.type
      : await catalogRepository(tx, signedIn.organizationId).find(
          signedIn.unit.id,
          outcome.activity.activityTypeId,
        );
  await recordPortalEvent(context, tx, {
    unit: signedIn.unit,
    kind: outcome.kind,
    activity: outcome.activity,
    sourceActivityId: outcome.created && resolved.activity ? resolved.activity.id : null,
    customer: signedIn.customer,
    actionLabel: outcome.label,
    type: eventType ?? resolved.type,
  });
}

function result(row: ActivityRow, now: Date): ActionRunResult {
  return { activityId: row.id, state: deriveState({ ...row, status: row.status as ActivityStatus }, now) };
}

async function createFromAction(
  context: ServiceContext,
  signedIn: SignedIn,
  resolved: ResolvedAction,
  answers: Answers,
  windowStart: string | undefined,
  label: string,
): Promise<ActionRunResult> {
  const target = await bookedType(context.db, signedIn, resolved);
  const source = resolved.activity;
  if (windowStart) refuseUnlocated(signedIn, source ?? signedIn.customer);
  const copied: Answers = {};
  if (source) {
    for (const code of resolved.action.copyFields) {
      if (source.answers[code] !== undefined) copied[code] = source.answers[code];
    }
  }
  const place = source ?? signedIn.customer;
  const now = context.clock.now();
  const created = await context.db.transaction(async (tx) => {
    const reference = await nextActivityReference(tx, signedIn.organizationId, signedIn.unit.id);
    const row = await activityRepository(tx, signedIn.organizationId).insert({
      businessUnitId: signedIn.unit.id,
      reference,
      activityTypeId: target.id,
      customerId: signedIn.customer.id,
      parentId: source?.id ?? null,
      status: "pending",
      durationMinutes: target.defaultDurationMinutes,
      addressLine1: place.addressLine1,
      addressLine2: place.addressLine2,
      postcode: place.postcode,
      city: place.city,
      latitude: place.latitude,
      longitude: place.longitude,
      answers: { ...copied, ...answers },
      createdAt: now,
      createdBy: null,
      updatedAt: now,
    });
    await recordHistory(
      tx,
      { organizationId: signedIn.organizationId, businessUnitId: signedIn.unit.id },
      row.id,
      customerActor(signedIn.customer),
      "created",
      {},
      now,
      `From the customer portal: ${label}`,
    );
    if (!windowStart) {
      await recordRunAndEvent(context, tx, signedIn, resolved, {
        kind: source ? "requested" : "created",
        activity: row,
        created: row,
        label,
      });
    }
    return row;
  });
  if (!windowStart) return result(created, now);

  let booking: PolicyBooking;
  try {
    booking = await bookUnderPolicy(context, customerBooker(signedIn), signedIn.unit.id, created.id, {
      windowStart,
    });
  } catch (error) {
    await deleteUnbooked(context, signedIn.organizationId, created.id);
    throw error;
  }
  return context.db.transaction(async (tx) => {
    const booked = await activityRepository(tx, signedIn.organizationId).find(
      signedIn.unit.id,
      booking.activityId,
    );
    if (!booked) throw notFound("Activity not found.");
    await recordRunAndEvent(context, tx, signedIn, resolved, {
      kind: "booked",
      activity: booked,
      created: booked,
      label,
    });
    return result(booked, context.clock.now());
  });
}

/** Deletes an activity that a portal action created for a booking that failed, before anyone else could see it. */
async function deleteUnbooked(
  context: ServiceContext,
  organizationId: string,
  activityId: string,
): Promise<void> {
  await context.db.transaction(async (tx) => {
    await tx
      .delete(activityHistory)
      .where(
        and(eq(activityHistory.organizationId, organizationId), eq(activityHistory.activityId, activityId)),
      );
    await tx
      .delete(activities)
      .where(and(eq(activities.organizationId, organizationId), eq(activities.id, activityId)));
  });
}

function customerBooker(signedIn: SignedIn) {
  return {
    kind: "customer" as const,
    organizationId: signedIn.organizationId,
    customerId: signedIn.customer.id,
    name: signedIn.customer.displayName,
  };
}

/** Locks the current activity and checks the action again under the lock. */
async function lockedActivity(
  context: ServiceContext,
  tx: Transaction,
  signedIn: SignedIn,
  resolved: ResolvedAction,
): Promise<ActivityRow> {
  const current = resolved.activity;
  if (!current) throw notFound("Activity not found.");
  const row = await activityRepository(tx, signedIn.organizationId).find(signedIn.unit.id, current.id, {
    forUpdate: true,
  });
  if (!row) throw notFound("Activity not found.");
  await resolveAction(context, tx, signedIn, resolved.type.id, resolved.action.id, row.id);
  return row;
}

async function closeFromAction(
  context: ServiceContext,
  signedIn: SignedIn,
  resolved: ResolvedAction,
  answers: Answers,
  label: string,
): Promise<ActionRunResult> {
  return context.db.transaction(async (tx) => {
    const row = await lockedActivity(context, tx, signedIn, resolved);
    const actor = customerActor(signedIn.customer);
    const closed = await closeInTransaction(
      context,
      tx,
      signedIn.organizationId,
      signedIn.unit.id,
      row.id,
      { ...answers, result: "ok" },
      actor,
    );
    await createFollowUp(context, tx, signedIn.organizationId, closed, actor);
    await recordRunAndEvent(context, tx, signedIn, resolved, {
      kind: "closed",
      activity: closed,
      created: null,
      label,
    });
    return result(closed, context.clock.now());
  });
}

async function updateFromAction(
  context: ServiceContext,
  signedIn: SignedIn,
  resolved: ResolvedAction,
  answers: Answers,
  windowStart: string | undefined,
  label: string,
): Promise<ActionRunResult> {
  const current = resolved.activity;
  if (!current) throw notFound("Activity not found.");
  const wasScheduled = current.startAt !== null;
  // The booking runs first: when the window was taken meanwhile, nothing else is saved.
  if (windowStart) {
    refuseUnlocated(signedIn, current);
    await bookUnderPolicy(context, customerBooker(signedIn), signedIn.unit.id, current.id, {
      windowStart,
      // Checked again under the activity's lock: a second run of the same action waits for the first.
      guard: async (tx, row) => {
        await resolveAction(context, tx, signedIn, resolved.type.id, resolved.action.id, row.id);
      },
    });
  }
  return context.db.transaction(async (tx) => {
    const repository = activityRepository(tx, signedIn.organizationId);
    const row = await repository.find(signedIn.unit.id, current.id, { forUpdate: true });
    if (!row) throw notFound("Activity not found.");
    let updated = row;
    const now = context.clock.now();
    if (resolved.action.form && Object.keys(answers).length > 0) {
      updated = await writeOrConflict(() =>
        repository.update(row.id, { answers: { ...row.answers, ...answers } }, now),
      );
      await recordHistory(
        tx,
        { organizationId: signedIn.organizationId, businessUnitId: signedIn.unit.id },
        row.id,
        customerActor(signedIn.customer),
        "updated",
        diff(row, updated),
        now,
        `From the customer portal: ${label}`,
      );
    }
    let kind: PortalEventKind = "updated";
    if (windowStart) kind = wasScheduled ? "rescheduled" : "booked";
    await recordRunAndEvent(context, tx, signedIn, resolved, {
      kind,
      activity: updated,
      created: null,
      label,
    });
    return result(updated, now);
  });
}

async function cancelFromAction(
  context: ServiceContext,
  signedIn: SignedIn,
  resolved: ResolvedAction,
  label: string,
): Promise<ActionRunResult> {
  return context.db.transaction(async (tx) => {
    const row = await lockedActivity(context, tx, signedIn, resolved);
    const now = context.clock.now();
    const canceled = await writeOrConflict(() =>
      activityRepository(tx, signedIn.organizationId).update(
        row.id,
        { status: "canceled", cancelReason: "customer_request", cancelDetails: null },
        now,
      ),
    );
    await notifyAppointmentChange(context, tx, { before: row, after: canceled });
    await recordHistory(
      tx,
      { organizationId: signedIn.organizationId, businessUnitId: signedIn.unit.id },
      row.id,
      customerActor(signedIn.customer),
      "canceled",
      diff(row, canceled),
      now,
      `From the customer portal: ${label}`,
    );
    await recordRunAndEvent(context, tx, signedIn, resolved, {
      kind: "canceled",
      activity: canceled,
      created: null,
      label,
    });
    return result(canceled, now);
  });
}

/** An activity type's portal actions as the back office edits them, with the unit's types to target. */
export async function getPortalActions(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  typeId: string,
): Promise<{ actions: PortalAction[]; types: { id: string; name: string }[] }> {
  requireMember(actor, businessUnitId);
  const catalog = catalogRepository(context.db, actor.organizationId);
  const type = await catalog.find(businessUnitId, typeId);
  if (!type) throw notFound("Activity type not found.");
  const types = await catalog.list(businessUnitId);
  return {
    actions: readPortalActions(type.portalActions),
    types: types
      .filter((candidate) => !candidate.archived)
      .map((candidate) => ({ id: candidate.id, name: candidate.name })),
  };
}

/** Replaces an activity type's portal actions after checking them against the unit's types and forms. */
export async function savePortalActions(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  typeId: string,
  input: unknown,
): Promise<{ actions: PortalAction[]; types: { id: string; name: string }[] }> {
  requireRole(actor, businessUnitId, ["admin"]);
  await context.db.transaction(async (tx) => {
    const catalog = catalogRepository(tx, actor.organizationId);
    const type = await catalog.find(businessUnitId, typeId);
    if (!type) throw notFound("Activity type not found.");
    const types = await catalog.list(businessUnitId);
    const validated = validatePortalActions(input, {
      activityFormFields: type.activityForm.fields,
      typeIds: types.filter((candidate) => !candidate.archived).map((candidate) => candidate.id),
      targetForms: Object.fromEntries(types.map((candidate) => [candidate.id, candidate.activityForm])),
    });
    if ("problems" in validated) {
      throw new AppError("validation_failed", validated.problems[0]?.message ?? "Some actions are invalid.", {
        fields: validated.problems.map((problem) => ({
          path: problem.path === "" ? "actions" : `actions.${problem.path}`,
          message: problem.message,
          code: problem.code,
          value: problem.value,
        })),
      });
    }
    await catalog.update(businessUnitId, typeId, { portalActions: validated.actions }, context.clock.now());
  });
  return getPortalActions(context, actor, businessUnitId, typeId);
}
