import { type DerivedState, deriveState } from "../../domain/activities/lifecycle.js";
import { portalAnswers } from "../../domain/forms/index.js";
import { readBookingPolicy } from "../../domain/scheduling/assistant/settings.js";
import { type PortalActivityRow, portalActivityRepository } from "../../repositories/portal-activities.js";
import { findUserById } from "../../repositories/staff-accounts.js";
import { notFound } from "../../server/errors.js";
import type { ServiceContext } from "../context.js";
import { visitAddress } from "../notifications/appointments.js";
import { messageLanguage } from "../notifications/compose.js";
import { activityActions, homeActions, type PortalActionView } from "./action-service.js";
import { renderDisplayTexts } from "./display-service.js";
import type { PortalPrincipal } from "./session-service.js";
import { signedInCustomer } from "./signed-in.js";

/** Closed activities listed on the home page, newest first. */
const PAST_ACTIVITIES_SHOWN = 50;

export interface PortalActivitySummary {
  id: string;
  reference: string;
  title: string;
  description: string;
  state: DerivedState;
  start: Date | null;
  end: Date | null;
  arrivalWindow: { start: Date; end: Date } | null;
  timeZone: string;
  address: string;
}

export interface PortalActivityDetail extends PortalActivitySummary {
  longDescription: string;
  actions: PortalActionView[];
  worker: string | null;
  answers: { code: string; label: string; value: string }[];
}

/**
 * The home page's activities: open ones by start (unscheduled last) as upcoming, closed ones as
 * past. Only activities whose type is shown on the portal, with the type's texts filled in.
 */
export async function portalHome(
  context: ServiceContext,
  principal: PortalPrincipal,
  language: string | undefined,
): Promise<{
  upcoming: PortalActivitySummary[];
  past: PortalActivitySummary[];
  actions: PortalActionView[];
}> {
  const { customer, unit, organizationId } = await signedInCustomer(context, principal);
  const rows = await portalActivityRepository(context.db, organizationId).listForCustomer(
    customer.id,
    PAST_ACTIVITIES_SHOWN,
  );
  const now = context.clock.now();
  const lang = messageLanguage(language ?? customer.language);
  const upcoming: PortalActivitySummary[] = [];
  const past: PortalActivitySummary[] = [];
  for (const row of rows) {
    const texts = await renderDisplayTexts(context, context.db, row.activity, lang);
    const summary = summarize(row, texts, unit.timeZone, now);
    (summary.state === "terminated" || summary.state === "canceled" ? past : upcoming).push(summary);
  }
  return { upcoming, past, actions: await homeActions(context, principal, language) };
}

/** One activity of the signed-in customer; 404 for another customer's or a type not shown. */
export async function portalActivity(
  context: ServiceContext,
  principal: PortalPrincipal,
  activityId: string,
  language: string | undefined,
): Promise<PortalActivityDetail> {
  const { customer, unit, organizationId } = await signedInCustomer(context, principal);
  const row = await portalActivityRepository(context.db, organizationId).findForCustomer(
    customer.id,
    activityId,
  );
  if (!row) throw notFound("Activity not found.");
  const lang = messageLanguage(language ?? customer.language);
  const texts = await renderDisplayTexts(context, context.db, row.activity, lang);
  const policy = readBookingPolicy(row.type.bookingPolicy);
  const worker =
    policy.showWorker && row.activity.assigneeId
      ? await findUserById(context.db, row.activity.assigneeId)
      : undefined;
  return {
    ...summarize(row, texts, unit.timeZone, context.clock.now()),
    longDescription: texts.longDescription,
    worker: worker?.name ?? null,
    actions: await activityActions(context, principal, row.activity, row.type, language),
    answers: portalAnswers(row.type.activityForm, row.activity.answers, lang, { timeZone: unit.timeZone }),
  };
}

function summarize(
  row: PortalActivityRow,
  texts: { title: string; description: string },
  timeZone: string,
  now: Date,
): PortalActivitySummary {
  const { activity } = row;
  return {
    id: activity.id,
    reference: activity.reference,
    title: texts.title,
    description: texts.description,
    state: deriveState(
      {
        status: activity.status as Parameters<typeof deriveState>[0]["status"],
        assigneeId: activity.assigneeId,
        startAt: activity.startAt,
        endAt: activity.endAt,
      },
      now,
    ),
    start: activity.startAt,
    end: activity.endAt,
    arrivalWindow:
      activity.arrivalWindowStart && activity.arrivalWindowEnd
        ? { start: activity.arrivalWindowStart, end: activity.arrivalWindowEnd }
        : null,
    timeZone,
    address: visitAddress(activity),
  };
}
