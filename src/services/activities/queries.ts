import type { DerivedState } from "../../domain/activities/lifecycle.js";
import { searchKey } from "../../domain/text/keys.js";
import { type ActivityFilters, type ActivityRow, activityRepository } from "../../repositories/activities.js";
import { notFound } from "../../server/errors.js";
import { type Actor, requireMember } from "../access.js";
import type { ServiceContext } from "../context.js";
import { validationError } from "../problems.js";
import { type ActivityView, presentActivity } from "./present.js";

export async function loadActivity(
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

/** Returns one activity with its history, parent and children. A field worker gets only their own. */
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
