import type { Executor } from "../../db/database.js";
import { formatPhoneInternational } from "../../domain/contact/phone.js";
import {
  buildIcs,
  type NotificationEvent,
  type TemplateValues,
  visitTimeValues,
  visitUid,
} from "../../domain/notifications/index.js";
import { readPortalSettings } from "../../domain/portal/settings.js";
import { readNotificationSettings, reminderTimes } from "../../domain/reminders.js";
import { readBookingPolicy } from "../../domain/scheduling/assistant/index.js";
import type { ActivityRow } from "../../repositories/activities.js";
import { type BusinessUnitRow, businessUnitRepository } from "../../repositories/business-units.js";
import { type ActivityTypeRow, catalogRepository } from "../../repositories/catalog.js";
import { type CustomerRow, customerRepository } from "../../repositories/customers.js";
import { messageRepository } from "../../repositories/messages.js";
import { findOrganization } from "../../repositories/organizations.js";
import { findUserById } from "../../repositories/staff-accounts.js";
import type { ServiceContext } from "../context.js";
import { composeAndQueue, type MessageLanguage, messageLanguage } from "./compose.js";

const REMINDER = "appointment_reminder";

function isBooked(row: ActivityRow | null): row is ActivityRow & { startAt: Date; endAt: Date } {
  return (
    row !== null &&
    row.assigneeId !== null &&
    row.startAt !== null &&
    row.endAt !== null &&
    (row.status === "pending" || row.status === "in_progress")
  );
}

/** Returns a visit's address on one line, as `{activity.address}` and calendar entries show it. */
export function visitAddress(visit: ActivityRow): string {
  return [visit.addressLine1, visit.addressLine2, [visit.postcode, visit.city].filter(Boolean).join(" ")]
    .filter((part) => part && part.trim() !== "")
    .join(", ");
}

/** Values of `{bu.name}`, `{bu.phone}` and `{bu.email}`: the company as its portal settings present it, in messages and on the portal. */
export function businessUnitValues(unit: BusinessUnitRow): Record<string, string> {
  const settings = readPortalSettings(unit.portalSettings);
  return {
    "bu.name": settings.displayName || unit.name,
    "bu.phone": settings.contactPhone ? formatPhoneInternational(settings.contactPhone) : "",
    "bu.email": settings.contactEmail ?? "",
  };
}

/**
 * Computes the appointment replacement codes of an activity for its customer, shared by messages
 * and the customer portal. Times are in the unit's zone, with the customer's own zone added when
 * it differs. The date and time codes stay unset while the activity has no start, and the worker
 * is named only when the type's booking policy shows workers.
 */
export function appointmentValues(input: {
  unit: BusinessUnitRow;
  customer: CustomerRow | null;
  type: ActivityTypeRow;
  visit: ActivityRow;
  workerName: string | null | undefined;
  language: MessageLanguage;
  portalUrl: string;
}): TemplateValues {
  const { unit, customer, type, visit, language, portalUrl } = input;
  const policy = readBookingPolicy(type.bookingPolicy);
  const window =
    visit.arrivalWindowStart && visit.arrivalWindowEnd
      ? { start: visit.arrivalWindowStart, end: visit.arrivalWindowEnd }
      : undefined;
  return {
    "customer.name": customer?.displayName ?? "",
    "customer.first_name": customer?.firstName ?? "",
    "activity.reference": visit.reference,
    "activity.type": type.name,
    ...(visit.startAt
      ? visitTimeValues({
          start: visit.startAt,
          visitZone: unit.timeZone,
          recipientZone: customer?.timeZone,
          language,
          window,
        })
      : {}),
    "activity.address": visitAddress(visit),
    "activity.worker": policy.showWorker ? (input.workerName ?? "") : "",
    ...businessUnitValues(unit),
    "portal.url": portalUrl,
    "portal.link": `${portalUrl}/activities/${visit.id}`,
  };
}

/** Returns what a change of an activity means for its customer: booked, moved, canceled, or nothing. */
export function appointmentEvent(before: ActivityRow | null, after: ActivityRow): NotificationEvent | null {
  const was = isBooked(before);
  const is = isBooked(after);
  if (!was && is) return "appointment_booked";
  if (was && !is) return "appointment_canceled";
  if (was && is && before.startAt.getTime() !== after.startAt?.getTime()) return "appointment_moved";
  return null;
}

/**
 * Tells the customer about a change of their appointment, in their language, by email (with the
 * calendar entry) and SMS, and keeps the reminders in step: queued reminders are dropped whenever
 * the time changes or the visit is canceled, and new ones queued for the new time. Runs in the
 * transaction of the change. Past visits and activities without a customer send nothing.
 */
export async function notifyAppointmentChange(
  context: ServiceContext,
  tx: Executor,
  change: { before: ActivityRow | null; after: ActivityRow; notifyCustomer?: boolean },
): Promise<void> {
  const { before, after } = change;
  const event = appointmentEvent(before, after);
  if (!event) return;
  const now = context.clock.now();
  await messageRepository(tx, after.organizationId).cancelQueued(after.id, [REMINDER], now);
  if (change.notifyCustomer === false || !after.customerId) return;

  const visit = event === "appointment_canceled" ? before : after;
  if (!isBooked(visit) || visit.endAt <= now) return;
  const [unit, customer, type, organization] = await Promise.all([
    businessUnitRepository(tx, after.organizationId).find(after.businessUnitId),
    customerRepository(tx, after.organizationId).find(after.businessUnitId, after.customerId),
    catalogRepository(tx, after.organizationId).find(after.businessUnitId, after.activityTypeId),
    findOrganization(tx, after.organizationId),
  ]);
  if (!unit || !customer || !type) return;
  const language = messageLanguage(customer.language);
  const worker = visit.assigneeId ? await findUserById(tx, visit.assigneeId) : undefined;
  const address = visitAddress(visit);
  const portalUrl = `${context.config.publicUrl}/portal`;
  const values: TemplateValues = {
    ...appointmentValues({ unit, customer, type, visit, workerName: worker?.name, language, portalUrl }),
    "organization.name": organization?.name ?? "",
  };
  const domain = new URL(context.config.publicUrl).hostname;
  const canceled = event === "appointment_canceled";
  const ics = customer.email
    ? buildIcs({
        uid: visitUid(after.organizationId, after.id, domain),
        sequence: after.version,
        method: canceled ? "CANCEL" : "REQUEST",
        status: canceled ? "CANCELLED" : "CONFIRMED",
        start: visit.startAt,
        end: visit.endAt,
        summary: `${type.name} · ${unit.name}`,
        location: address || undefined,
        organizer: { name: unit.name, email: context.config.mailFrom },
        attendee: { name: customer.displayName, email: customer.email },
        url: `${portalUrl}/activities/${visit.id}`,
        now,
      })
    : undefined;
  const recipient = { email: customer.email, mobile: customer.mobile, language };
  await composeAndQueue(context, tx, {
    unit,
    event,
    recipient,
    values,
    customerId: customer.id,
    activityId: after.id,
    dueAt: now,
    ...(ics
      ? {
          attachments: [
            {
              fileName: language === "fr" ? "rendez-vous.ics" : "appointment.ics",
              contentType: `text/calendar; charset=utf-8; method=${canceled ? "CANCEL" : "REQUEST"}`,
              content: ics,
            },
          ],
        }
      : {}),
  });
  if (canceled) return;

  const settings = readNotificationSettings(unit.notificationSettings);
  for (const at of reminderTimes(visit.startAt, unit.timeZone, settings.reminders, now)) {
    await composeAndQueue(context, tx, {
      unit,
      event: REMINDER,
      recipient,
      values,
      customerId: customer.id,
      activityId: after.id,
      dueAt: at,
      // A reminder that could not leave before the visit starts is pointless.
      expiresAt: visit.startAt,
    });
  }
}

/**
 * Invites the customer to answer the satisfaction survey that the follow-up rule created when
 * their visit closed; the link opens the survey activity on the portal.
 */
export async function notifySurveyInvitation(
  context: ServiceContext,
  tx: Executor,
  visit: { closed: ActivityRow; survey: ActivityRow },
): Promise<void> {
  const { closed, survey } = visit;
  if (!survey.customerId) return;
  const [unit, customer, type, organization] = await Promise.all([
    businessUnitRepository(tx, closed.organizationId).find(closed.businessUnitId),
    customerRepository(tx, closed.organizationId).find(closed.businessUnitId, survey.customerId),
    catalogRepository(tx, closed.organizationId).find(closed.businessUnitId, closed.activityTypeId),
    findOrganization(tx, closed.organizationId),
  ]);
  if (!unit || !customer || !type) return;
  const language = messageLanguage(customer.language);
  const portalUrl = `${context.config.publicUrl}/portal`;
  const values: TemplateValues = {
    "customer.name": customer.displayName,
    "customer.first_name": customer.firstName ?? "",
    "activity.reference": closed.reference,
    "activity.type": type.name,
    ...(closed.startAt
      ? visitTimeValues({
          start: closed.startAt,
          visitZone: unit.timeZone,
          recipientZone: customer.timeZone,
          language,
        })
      : {}),
    ...businessUnitValues(unit),
    "organization.name": organization?.name ?? "",
    "portal.url": portalUrl,
    "survey.url": `${portalUrl}/activities/${survey.id}`,
  };
  await composeAndQueue(context, tx, {
    unit,
    event: "visit_closed_survey",
    recipient: { email: customer.email, mobile: customer.mobile, language },
    values,
    customerId: customer.id,
    activityId: survey.id,
    dueAt: context.clock.now(),
  });
}
