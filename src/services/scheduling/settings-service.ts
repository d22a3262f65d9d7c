import {
  type BookingPolicy,
  type BookingPolicyInput,
  bookingPolicySchema,
  readBookingPolicy,
  readSchedulingSettings,
  type SchedulingSettings,
  type SchedulingSettingsInput,
  schedulingSettingsSchema,
} from "../../domain/scheduling/assistant/index.js";
import { businessUnitRepository } from "../../repositories/business-units.js";
import { catalogRepository } from "../../repositories/catalog.js";
import { notFound } from "../../server/errors.js";
import { type Actor, requireMember, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";

/** The unit's scheduling settings with every default filled in. Members may read them. */
export async function getSchedulingSettings(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<SchedulingSettings> {
  requireMember(actor, businessUnitId);
  const unit = await businessUnitRepository(context.db, actor.organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  return readSchedulingSettings(unit.schedulingSettings);
}

/** Replaces the unit's scheduling settings (admins); missing fields take their defaults. */
export async function updateSchedulingSettings(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  input: SchedulingSettingsInput,
): Promise<SchedulingSettings> {
  requireRole(actor, businessUnitId, ["admin"]);
  // The route validated the body; parsing again fills the defaults of missing fields.
  const parsed = { data: schedulingSettingsSchema.parse(input) };
  const row = await businessUnitRepository(context.db, actor.organizationId).update(
    businessUnitId,
    { schedulingSettings: parsed.data },
    context.clock.now(),
  );
  if (!row) throw notFound("Business unit not found.");
  return parsed.data;
}

export async function getBookingPolicy(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  activityTypeId: string,
): Promise<BookingPolicy> {
  requireMember(actor, businessUnitId);
  const type = await catalogRepository(context.db, actor.organizationId).find(businessUnitId, activityTypeId);
  if (!type) throw notFound("Activity type not found.");
  return readBookingPolicy(type.bookingPolicy);
}

/** Replaces an activity type's booking policy (admins); missing fields take their defaults. */
export async function updateBookingPolicy(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  activityTypeId: string,
  input: BookingPolicyInput,
): Promise<BookingPolicy> {
  requireRole(actor, businessUnitId, ["admin"]);
  const parsed = { data: bookingPolicySchema.parse(input) };
  const row = await catalogRepository(context.db, actor.organizationId).update(
    businessUnitId,
    activityTypeId,
    { bookingPolicy: parsed.data },
    context.clock.now(),
  );
  if (!row) throw notFound("Activity type not found.");
  return parsed.data;
}
