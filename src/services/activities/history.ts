import type { Executor } from "../../db/database.js";
import { notifyChange } from "../../db/events.js";
import { activityRepository } from "../../repositories/activities.js";
import { findUserById } from "../../repositories/staff-accounts.js";
import type { Actor } from "../access.js";

/** Who made a change, as the history shows it; the name is kept so it survives a renamed account. */
export interface HistoryActor {
  kind: "staff" | "customer" | "system";
  id: string | null;
  name: string | null;
}

export async function staffHistoryActor(db: Executor, actor: Actor): Promise<HistoryActor> {
  const user = await findUserById(db, actor.userId);
  return { kind: "staff", id: actor.userId, name: user?.name ?? null };
}

/**
 * Writes one history entry in the caller's transaction, beside the change it records, and
 * queues the change notification that live screens listen to; both happen only if it commits.
 */
export async function recordHistory(
  db: Executor,
  scope: { organizationId: string; businessUnitId: string },
  activityId: string,
  actor: HistoryActor,
  action: string,
  changes: Record<string, { before: unknown; after: unknown }>,
  at: Date,
  note?: string,
): Promise<void> {
  await activityRepository(db, scope.organizationId).insertHistory({
    activityId,
    at,
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    action,
    changes,
    note: note ?? null,
  });
  await notifyChange(db, { ...scope, kind: "activity", id: activityId });
}
