import { randomUUID } from "node:crypto";
import type { Database } from "../../db/database.js";
import { activities, activityHistory } from "../../db/schema/index.js";
import type { CancelReason } from "../../domain/activities/lifecycle.js";
import { type Answers, type FormDefinition, validateAnswers } from "../../domain/forms/index.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import { customerRepository } from "../../repositories/customers.js";
import type { HistoryActor } from "../activities/history.js";
import type { ActivityType } from "../catalog-service.js";
import { BOILER_BRANDS, type DemoCatalog, FAULTS, type VisitKind } from "./catalog.js";
import type { DemoCustomer } from "./customers.js";
import type { Random } from "./random.js";
import type { FrenchContent } from "./resources.js";
import type { PlannedVisit } from "./routes.js";

type ActivityInsert = typeof activities.$inferInsert;
type HistoryChanges = Record<string, { before: unknown; after: unknown }>;

/** One history entry. Its note is a function of the references, because they are numbered last. */
interface HistoryEvent {
  at: Date;
  actor: HistoryActor;
  action: string;
  changes: HistoryChanges;
  note?: (referenceOf: (id: string) => string) => string;
  /** False for entries that do not change the row, such as "follow_up_created". */
  changesRow: boolean;
}

/** An activity before its reference is known: references follow the creation order. */
interface ActivityDraft {
  row: Omit<ActivityInsert, "reference" | "version" | "updatedAt"> & { id: string; createdAt: Date };
  events: HistoryEvent[];
}

export interface DemoActivityCounts {
  scheduled: number;
  inProgress: number;
  terminated: number;
  canceled: number;
  toClose: number;
  unscheduled: number;
  surveys: number;
  answeredSurveys: number;
}

export interface DemoActivityInput {
  unit: BusinessUnitRow;
  customers: readonly DemoCustomer[];
  catalog: DemoCatalog;
  visits: readonly PlannedVisit[];
  /** Activities created without a worker or time, for planners to schedule. */
  unscheduledCount: number;
  content: FrenchContent;
  now: Date;
}

const SYSTEM: HistoryActor = { kind: "system", id: null, name: null };
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const ACTIVITY_BATCH_SIZE = 150;
const HISTORY_BATCH_SIZE = 400;
const CANCELED_SHARE = 0.04;
const KO_SHARE = 0.08;
/** Recently finished visits left unclosed, so the demo shows the to_close state. */
const TO_CLOSE_COUNT = 2;
const CANCEL_REASONS: CancelReason[] = [
  "customer_request",
  "customer_request",
  "customer_request",
  "missing_equipment",
  "internal",
  "work_order_issuer",
  "other",
];
/** Weights of the survey ratings 1 to 5. */
const RATING_WEIGHTS = [3, 5, 12, 30, 50];

/**
 * Writes the unit's activities as the activity service would leave them. References A000001…
 * come from the unit's `activity_reference` counter in creation order. The history has the
 * entries "created", "scheduled", "started", "closed" and "canceled" by the system. Each closed
 * maintenance visit gets a pending survey linked to it, as closing through the service does.
 * All rows go in one transaction of multi-row inserts, which takes a fraction of the time of
 * one service call per activity.
 * NOTE: no change notification is sent, so a live screen already open elsewhere (possible with
 * `rondo seed --demo` beside a running server) shows the demo only after a reload.
 */
export async function writeDemoActivities(
  db: Database,
  random: Random,
  input: DemoActivityInput,
): Promise<DemoActivityCounts> {
  const counts: DemoActivityCounts = {
    scheduled: 0,
    inProgress: 0,
    terminated: 0,
    canceled: 0,
    toClose: 0,
    unscheduled: 0,
    surveys: 0,
    answeredSurveys: 0,
  };
  const toClose = chooseToClose(random, input.visits, input.now);
  const drafts: ActivityDraft[] = [];
  for (const visit of input.visits) {
    const draft = visitDraft(random, input, visit, toClose.has(visit));
    drafts.push(draft);
    countVisit(counts, draft, input.now);
    const survey = surveyDraft(random, input, draft);
    if (survey) {
      drafts.push(survey);
      counts.surveys++;
      if (survey.row.status === "terminated") counts.answeredSurveys++;
    }
  }
  for (let index = 0; index < input.unscheduledCount; index++) {
    drafts.push(unscheduledDraft(random, input));
    counts.unscheduled++;
  }
  await insertDrafts(db, input.unit, drafts);
  return counts;
}

function countVisit(counts: DemoActivityCounts, draft: ActivityDraft, now: Date): void {
  const { status } = draft.row;
  if (status === "canceled") counts.canceled++;
  else if (status === "terminated") counts.terminated++;
  else if (status === "in_progress") counts.inProgress++;
  else if (draft.row.endAt! <= now) counts.toClose++;
  else counts.scheduled++;
}

/** Picks, among the ten visits that ended last before `now`, the ones left unclosed. */
function chooseToClose(random: Random, visits: readonly PlannedVisit[], now: Date): Set<PlannedVisit> {
  const finished = visits
    .filter((visit) => visit.end.getTime() <= now.getTime())
    .sort((a, b) => b.end.getTime() - a.end.getTime())
    .slice(0, 10);
  return new Set(random.shuffle(finished).slice(0, TO_CLOSE_COUNT));
}

function typeOf(catalog: DemoCatalog, kind: VisitKind | "survey"): ActivityType {
  const type = catalog[kind];
  if (!type) throw new Error(`The demo catalog has no activity type for "${kind}".`);
  return type;
}

function iso(date: Date): string {
  return date.toISOString();
}

function minutes(count: number): number {
  return count * MINUTE_MS;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Validates answers to a form as the service does and returns them normalized. A rejection is a
 * bug of the demo.
 */
function checkedAnswers(form: FormDefinition, answers: Record<string, unknown>, partial: boolean): Answers {
  const result = validateAnswers(form, answers, { partial });
  if (!result.ok) {
    throw new Error(`Invalid demo answers: ${result.problems.map((problem) => problem.message).join("; ")}`);
  }
  return result.answers;
}

/** Draws answers to the activity form, as the office or the customer would fill them before the visit. */
function activityAnswers(random: Random, content: FrenchContent, kind: VisitKind): Record<string, unknown> {
  switch (kind) {
    case "maintenance":
      return {
        marque_chaudiere: random.pick(BOILER_BRANDS).value,
        ...(random.chance(0.3)
          ? { code_acces: `${random.int(1000, 9999)}${random.pick(["A", "B", ""])}` }
          : {}),
        ...(random.chance(0.7) ? { animaux: random.chance(0.35) } : {}),
      };
    case "repair":
      return {
        panne: random.pick(FAULTS).value,
        ...(random.chance(0.6) ? { description: random.pick(content.repairDescriptions) } : {}),
      };
    case "installation":
      return { logement: random.chance(0.8) ? "maison" : "appartement", surface: random.int(60, 180) };
  }
}

function closingAnswers(
  random: Random,
  content: FrenchContent,
  kind: VisitKind,
  result: "ok" | "ko",
  actualStart: Date,
  actualEnd: Date,
): Record<string, unknown> {
  const system = { actual_start: iso(actualStart), actual_end: iso(actualEnd), result };
  const remarque = random.pick(content.closingRemarks[kind][result]);
  switch (kind) {
    case "maintenance":
      return { ...system, remarque };
    case "repair":
      return { ...system, remarque, pieces: result === "ok" && random.chance(0.6) };
    case "installation":
      return { ...system, mise_en_service: result === "ok", remarque };
  }
}

function addressOf(customer: DemoCustomer) {
  return { customerId: customer.id, ...customer.address };
}

/** Builds one planned visit with the status that its time and a few random draws give it at `now`. */
function visitDraft(
  random: Random,
  input: DemoActivityInput,
  visit: PlannedVisit,
  leaveUnclosed: boolean,
): ActivityDraft {
  const { now, content } = input;
  const type = typeOf(input.catalog, visit.kind);
  const customer = input.customers[visit.customerIndex]!;
  const start = visit.start;
  const end = visit.end;
  const createdAt = new Date(
    Math.min(
      start.getTime() - random.int(1, 20) * 24 * HOUR_MS - minutes(random.int(0, 480)),
      now.getTime() - minutes(random.int(30, 600)),
    ),
  );
  const scheduledAt = new Date(
    clamp(
      createdAt.getTime() + minutes(random.int(5, 240)),
      createdAt.getTime(),
      Math.min(now.getTime(), start.getTime()),
    ),
  );
  const row: ActivityDraft["row"] = {
    id: randomUUID(),
    organizationId: input.unit.organizationId,
    businessUnitId: input.unit.id,
    activityTypeId: type.id,
    ...addressOf(customer),
    parentId: null,
    status: "pending",
    durationMinutes: type.defaultDurationMinutes,
    assigneeId: visit.workerId,
    startAt: start,
    endAt: end,
    confirmedByCustomer: random.chance(start > now ? 0.4 : 0.6),
    answers: checkedAnswers(type.activityForm, activityAnswers(random, content, visit.kind), true),
    createdAt,
    createdBy: null,
  };
  const events: HistoryEvent[] = [
    { at: createdAt, actor: SYSTEM, action: "created", changes: {}, changesRow: true },
    {
      at: scheduledAt,
      actor: SYSTEM,
      action: "scheduled",
      changes: {
        assigneeId: { before: null, after: visit.workerId },
        startAt: { before: null, after: iso(start) },
        endAt: { before: null, after: iso(end) },
      },
      changesRow: true,
    },
  ];
  const draft = { row, events };

  if (!leaveUnclosed && random.chance(CANCELED_SHARE)) {
    const canceledAt = new Date(
      clamp(start.getTime() - random.int(2, 72) * HOUR_MS, scheduledAt.getTime(), now.getTime()),
    );
    const reason = random.pick(CANCEL_REASONS);
    const details = random.pick(content.cancelDetails[reason] ?? [""]) || null;
    Object.assign(row, { status: "canceled", cancelReason: reason, cancelDetails: details });
    events.push({
      at: canceledAt,
      actor: SYSTEM,
      action: "canceled",
      changes: {
        status: { before: "pending", after: "canceled" },
        cancelReason: { before: null, after: reason },
        cancelDetails: { before: null, after: details },
      },
      changesRow: true,
    });
    return draft;
  }

  if (end <= now) {
    if (leaveUnclosed) return draft;
    closeVisit(random, input, draft, visit.kind, type);
    return draft;
  }
  if (start <= now) {
    const startedAt = new Date(Math.min(start.getTime() + minutes(random.int(0, 10)), now.getTime()));
    Object.assign(row, { status: "in_progress", startedAt });
    events.push(startedEvent(startedAt));
  }
  return draft;
}

function startedEvent(at: Date): HistoryEvent {
  return {
    at,
    actor: SYSTEM,
    action: "started",
    changes: { status: { before: "pending", after: "in_progress" } },
    changesRow: true,
  };
}

/**
 * Closes a finished visit with its report: the actual times drift a few minutes from the plan,
 * and about one visit in twelve fails (KO).
 */
function closeVisit(
  random: Random,
  input: DemoActivityInput,
  draft: ActivityDraft,
  kind: VisitKind,
  type: ActivityType,
): void {
  const { row, events } = draft;
  const now = input.now.getTime();
  const actualStart = new Date(row.startAt!.getTime() + minutes(random.int(-5, 10)));
  const actualEnd = new Date(
    Math.min(actualStart.getTime() + minutes(row.durationMinutes + random.int(-10, 20)), now),
  );
  const closedAt = new Date(Math.min(actualEnd.getTime() + minutes(random.int(0, 20)), now));
  const result = random.chance(KO_SHARE) ? "ko" : "ok";
  const answers = checkedAnswers(
    type.closingForm,
    closingAnswers(random, input.content, kind, result, actualStart, actualEnd),
    false,
  );
  Object.assign(row, {
    status: "terminated",
    result,
    closingAnswers: answers,
    startedAt: actualStart,
    closedAt,
  });
  events.push(startedEvent(actualStart), {
    at: closedAt,
    actor: SYSTEM,
    action: "closed",
    changes: {
      status: { before: "in_progress", after: "terminated" },
      result: { before: null, after: result },
      closingAnswers: { before: null, after: answers },
    },
    changesRow: true,
  });
}

/**
 * Builds the survey that closing a maintenance visit creates when the type names it as
 * follow-up, with the same entries as `createFollowUp` in the activity service. About half of
 * the surveys sent more than 20 hours ago are answered, as customers do on the portal.
 */
function surveyDraft(
  random: Random,
  input: DemoActivityInput,
  parent: ActivityDraft,
): ActivityDraft | undefined {
  const survey = input.catalog.survey;
  const isMaintenance = parent.row.activityTypeId === input.catalog.maintenance?.id;
  if (!survey || !isMaintenance || parent.row.status !== "terminated") return undefined;
  const createdAt = parent.row.closedAt!;
  const row: ActivityDraft["row"] = {
    id: randomUUID(),
    organizationId: parent.row.organizationId,
    businessUnitId: parent.row.businessUnitId,
    activityTypeId: survey.id,
    customerId: parent.row.customerId,
    parentId: parent.row.id,
    status: "pending",
    durationMinutes: survey.defaultDurationMinutes,
    addressLine1: parent.row.addressLine1,
    addressLine2: parent.row.addressLine2,
    postcode: parent.row.postcode,
    city: parent.row.city,
    latitude: parent.row.latitude,
    longitude: parent.row.longitude,
    answers: {},
    createdAt,
    createdBy: null,
  };
  const parentId = parent.row.id;
  const surveyId = row.id;
  const events: HistoryEvent[] = [
    {
      at: createdAt,
      actor: SYSTEM,
      action: "created",
      changes: {},
      note: (referenceOf) => `Follow-up of ${referenceOf(parentId)}`,
      changesRow: true,
    },
  ];
  parent.events.push({
    at: createdAt,
    actor: SYSTEM,
    action: "follow_up_created",
    changes: {},
    note: (referenceOf) => `Follow-up ${referenceOf(surveyId)} created`,
    changesRow: false,
  });

  const now = input.now.getTime();
  if (createdAt.getTime() < now - 20 * HOUR_MS && random.chance(0.5)) {
    const answeredAt = new Date(
      clamp(
        createdAt.getTime() + random.int(2, 60) * HOUR_MS,
        createdAt.getTime() + MINUTE_MS,
        now - minutes(5),
      ),
    );
    const doneAt = new Date(answeredAt.getTime() + minutes(3));
    const rating = random.weightedIndex(RATING_WEIGHTS) + 1;
    const comments = input.content.surveyComments[String(rating) as "1"] ?? [];
    const answers = checkedAnswers(
      survey.activityForm,
      {
        note: rating,
        ...(random.chance(0.7) && comments.length > 0 ? { commentaire: random.pick(comments) } : {}),
      },
      false,
    );
    const closing = checkedAnswers(
      survey.closingForm,
      { actual_start: iso(answeredAt), actual_end: iso(doneAt), result: "ok" },
      false,
    );
    Object.assign(row, {
      status: "terminated",
      result: "ok",
      answers,
      closingAnswers: closing,
      closedAt: doneAt,
    });
    const customer = input.customers.find((candidate) => candidate.id === row.customerId);
    events.push({
      at: doneAt,
      actor: { kind: "customer", id: row.customerId ?? null, name: customer?.displayName ?? null },
      action: "closed",
      changes: {
        status: { before: "pending", after: "terminated" },
        result: { before: null, after: "ok" },
        answers: { before: {}, after: answers },
        closingAnswers: { before: null, after: closing },
      },
      changesRow: true,
    });
  }
  return { row, events };
}

const UNSCHEDULED_KIND_WEIGHTS: Record<VisitKind, number> = { maintenance: 50, repair: 35, installation: 15 };

/** Builds an activity waiting to be scheduled, created during the last ten days. */
function unscheduledDraft(random: Random, input: DemoActivityInput): ActivityDraft {
  const kinds = (["maintenance", "repair", "installation"] as const).filter((kind) => input.catalog[kind]);
  const kind = kinds[random.weightedIndex(kinds.map((entry) => UNSCHEDULED_KIND_WEIGHTS[entry]))]!;
  const type = typeOf(input.catalog, kind);
  const customer = random.pick(input.customers);
  const createdAt = new Date(input.now.getTime() - minutes(random.int(10, 10 * 24 * 60)));
  // Some maintenance requests still wait for the customer to fill in the form on the portal.
  const answers =
    kind === "maintenance" && random.chance(0.4) ? {} : activityAnswers(random, input.content, kind);
  const row: ActivityDraft["row"] = {
    id: randomUUID(),
    organizationId: input.unit.organizationId,
    businessUnitId: input.unit.id,
    activityTypeId: type.id,
    ...addressOf(customer),
    parentId: null,
    status: "pending",
    comment: random.chance(0.4) ? random.pick(input.content.activityComments) : null,
    durationMinutes: type.defaultDurationMinutes,
    answers: checkedAnswers(type.activityForm, answers, true),
    createdAt,
    createdBy: null,
  };
  return {
    row,
    events: [{ at: createdAt, actor: SYSTEM, action: "created", changes: {}, changesRow: true }],
  };
}

/** Numbers the drafts in creation order and inserts them with their history in one transaction. */
async function insertDrafts(db: Database, unit: BusinessUnitRow, drafts: ActivityDraft[]): Promise<void> {
  const ordered = drafts
    .map((draft, index) => ({ draft, index }))
    .sort((a, b) => a.draft.row.createdAt.getTime() - b.draft.row.createdAt.getTime() || a.index - b.index)
    .map(({ draft }) => draft);

  await db.transaction(async (tx) => {
    const last = await customerRepository(tx, unit.organizationId).advanceCounter(
      unit.id,
      "activity_reference",
      ordered.length,
    );
    const references = new Map(
      ordered.map((draft, index) => [
        draft.row.id,
        `A${String(last - ordered.length + 1 + index).padStart(6, "0")}`,
      ]),
    );
    const referenceOf = (id: string) => references.get(id) ?? id;

    const rows: ActivityInsert[] = ordered.map((draft) => {
      const rowEvents = draft.events.filter((event) => event.changesRow);
      return {
        ...draft.row,
        reference: referenceOf(draft.row.id),
        version: rowEvents.length,
        updatedAt: rowEvents.at(-1)!.at,
      };
    });
    // Parents first, so that every parent_id already exists when its child is inserted.
    const parentsFirst = [...rows.filter((row) => !row.parentId), ...rows.filter((row) => row.parentId)];
    for (let start = 0; start < parentsFirst.length; start += ACTIVITY_BATCH_SIZE) {
      await tx.insert(activities).values(parentsFirst.slice(start, start + ACTIVITY_BATCH_SIZE));
    }

    const history = ordered.flatMap((draft) =>
      draft.events.map((event) => ({
        organizationId: unit.organizationId,
        activityId: draft.row.id,
        at: event.at,
        actorKind: event.actor.kind,
        actorId: event.actor.id,
        actorName: event.actor.name,
        action: event.action,
        changes: event.changes,
        note: event.note ? event.note(referenceOf) : null,
      })),
    );
    for (let start = 0; start < history.length; start += HISTORY_BATCH_SIZE) {
      await tx.insert(activityHistory).values(history.slice(start, start + HISTORY_BATCH_SIZE));
    }
  });
}
