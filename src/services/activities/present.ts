import { type ActivityStatus, type DerivedState, deriveState } from "../../domain/activities/lifecycle.js";
import type { Answers } from "../../domain/forms/index.js";
import { type ActivityRow, activityRepository } from "../../repositories/activities.js";
import { catalogRepository } from "../../repositories/catalog.js";
import { customerRepository } from "../../repositories/customers.js";
import { findUserById } from "../../repositories/staff-accounts.js";
import type { ServiceContext } from "../context.js";

export interface ActivityLink {
  id: string;
  reference: string;
  state: DerivedState;
  activityTypeId: string;
}

export interface ActivityView {
  id: string;
  reference: string;
  businessUnitId: string;
  activityTypeId: string;
  activityTypeName: string;
  activityTypeColour: string;
  status: ActivityStatus;
  state: DerivedState;
  result: string | null;
  cancelReason: string | null;
  cancelDetails: string | null;
  comment: string | null;
  durationMinutes: number;
  customer: { id: string; reference: string; displayName: string } | null;
  address: {
    addressLine1: string | null;
    addressLine2: string | null;
    postcode: string | null;
    city: string | null;
    latitude: number | null;
    longitude: number | null;
  };
  assignee: { id: string; name: string } | null;
  startAt: string | null;
  endAt: string | null;
  confirmedByCustomer: boolean;
  answers: Answers;
  closingAnswers: Answers | null;
  startedAt: string | null;
  closedAt: string | null;
  parent: ActivityLink | null;
  children: ActivityLink[];
  history: {
    at: string;
    actorKind: string;
    actorName: string | null;
    action: string;
    changes: Record<string, { before: unknown; after: unknown }>;
    note: string | null;
  }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function presentActivity(
  context: ServiceContext,
  organizationId: string,
  row: ActivityRow,
): Promise<ActivityView> {
  const now = context.clock.now();
  const activities = activityRepository(context.db, organizationId);
  const [type, customer, assignee, parent, children, history] = await Promise.all([
    catalogRepository(context.db, organizationId).find(row.businessUnitId, row.activityTypeId),
    row.customerId
      ? customerRepository(context.db, organizationId).find(row.businessUnitId, row.customerId)
      : undefined,
    row.assigneeId ? findUserById(context.db, row.assigneeId) : undefined,
    row.parentId ? activities.find(row.businessUnitId, row.parentId) : undefined,
    activities.listChildren(row.id),
    activities.listHistory(row.id),
  ]);
  const link = (linked: ActivityRow): ActivityLink => ({
    id: linked.id,
    reference: linked.reference,
    state: deriveState({ ...linked, status: linked.status as ActivityStatus }, now),
    activityTypeId: linked.activityTypeId,
  });
  return {
    id: row.id,
    reference: row.reference,
    businessUnitId: row.businessUnitId,
    activityTypeId: row.activityTypeId,
    activityTypeName: type?.name ?? "",
    activityTypeColour: type?.colour ?? "#868e96",
    status: row.status as ActivityStatus,
    state: deriveState({ ...row, status: row.status as ActivityStatus }, now),
    result: row.result,
    cancelReason: row.cancelReason,
    cancelDetails: row.cancelDetails,
    comment: row.comment,
    durationMinutes: row.durationMinutes,
    customer: customer
      ? { id: customer.id, reference: customer.reference, displayName: customer.displayName }
      : null,
    address: {
      addressLine1: row.addressLine1,
      addressLine2: row.addressLine2,
      postcode: row.postcode,
      city: row.city,
      latitude: row.latitude,
      longitude: row.longitude,
    },
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    startAt: row.startAt?.toISOString() ?? null,
    endAt: row.endAt?.toISOString() ?? null,
    confirmedByCustomer: row.confirmedByCustomer,
    answers: row.answers,
    closingAnswers: row.closingAnswers,
    startedAt: row.startedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    parent: parent ? link(parent) : null,
    children: children.map(link),
    history: history.map((entry) => ({
      at: entry.at.toISOString(),
      actorKind: entry.actorKind,
      actorName: entry.actorName,
      action: entry.action,
      changes: entry.changes,
      note: entry.note,
    })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
