import { activityRepository } from "../../repositories/activities.js";
import { catalogRepository } from "../../repositories/catalog.js";
import { customerRepository } from "../../repositories/customers.js";
import { invalidField, notFound } from "../../server/errors.js";
import { type Actor, requireRole } from "../access.js";
import { checkAnswers } from "../catalog-service.js";
import type { ServiceContext } from "../context.js";
import { recordHistory, staffHistoryActor } from "./history.js";
import type { ActivityView } from "./present.js";
import { getActivity, loadActivity } from "./queries.js";
import { diff, nextActivityReference, PLANNING_ROLES, refuseUnless, writeOrConflict } from "./shared.js";

// The activity use cases, by concept; routes and other services import them from here.
export * from "./lifecycle.js";
export * from "./queries.js";
export * from "./scheduling.js";

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
