import type { Transaction } from "../../db/database.js";
import { type ActivityStatus, type LifecycleAction, refusalOf } from "../../domain/activities/lifecycle.js";
import { type ActivityRow, activityRepository } from "../../repositories/activities.js";
import { customerRepository } from "../../repositories/customers.js";
import { AppError, notFound } from "../../server/errors.js";
import { type Actor, requireMember } from "../access.js";
import type { ServiceContext } from "../context.js";
import { sqlState } from "../problems.js";
import { recordHistory, staffHistoryActor } from "./history.js";

export const PLANNING_ROLES = ["admin", "planner"] as const;

/** Takes the next activity reference of the unit (A000001, A000002…) from its counter. */
export async function nextActivityReference(
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

/** Lets planners act on any activity and a field worker on their own, when `assigneeMayAct`. */
export function requireActorMayAct(
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

export function refuseUnless(action: LifecycleAction, row: ActivityRow): void {
  const refusal = refusalOf(action, { ...row, status: row.status as ActivityStatus });
  if (refusal) throw new AppError("invalid_state", `${row.reference}: ${refusal}.`, { state: row.status });
}

/** Maps the exclusion constraint's violation (SQLSTATE 23P01) to the conflict error. */
export async function writeOrConflict<T>(write: () => Promise<T>): Promise<T> {
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

export function diff(
  before: ActivityRow,
  after: ActivityRow,
): Record<string, { before: unknown; after: unknown }> {
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

/** Applies one lifecycle action under a row lock and records it in the history. */
export async function transition(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  action: LifecycleAction,
  historyAction: string,
  changes: () => Parameters<ReturnType<typeof activityRepository>["update"]>[1],
  options: {
    assigneeMayAct?: boolean;
    /** Runs in the transaction after the write, such as telling the customer. */
    afterWrite?: (tx: Transaction, before: ActivityRow, after: ActivityRow) => Promise<void>;
  } = {},
): Promise<void> {
  await context.db.transaction(async (tx) => {
    const repository = activityRepository(tx, actor.organizationId);
    const row = await repository.find(businessUnitId, id, { forUpdate: true });
    if (!row) throw notFound("Activity not found.");
    requireActorMayAct(actor, businessUnitId, row, options.assigneeMayAct ?? false);
    refuseUnless(action, row);
    const now = context.clock.now();
    const updated = await writeOrConflict(() => repository.update(id, changes(), now));
    await options.afterWrite?.(tx, row, updated);
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
