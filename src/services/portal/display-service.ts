import type { Executor } from "../../db/database.js";
import { type ActivityStatus, deriveState } from "../../domain/activities/lifecycle.js";
import type { Language } from "../../domain/business-units/localisation.js";
import { formatPhoneInternational } from "../../domain/contact/phone.js";
import { answerTexts } from "../../domain/forms/portal-answers.js";
import {
  ACTIVITY_STATE_CODE,
  activityStateLabel,
  formCode,
  type PortalDisplayTexts,
  type PortalTextValues,
  readPortalDisplay,
  renderPortalText,
} from "../../domain/portal/display-texts.js";
import { readPortalSettings } from "../../domain/portal/settings.js";
import type { ActivityRow } from "../../repositories/activities.js";
import { type BusinessUnitRow, businessUnitRepository } from "../../repositories/business-units.js";
import { type ActivityTypeRow, catalogRepository } from "../../repositories/catalog.js";
import { type CustomerRow, customerRepository } from "../../repositories/customers.js";
import { findUserById } from "../../repositories/staff-accounts.js";
import type { ServiceContext } from "../context.js";
import { appointmentValues } from "../notifications/appointments.js";

export { readPortalDisplay };

/** The records an activity's portal texts draw on, besides the activity itself. */
export interface DisplaySources {
  unit: BusinessUnitRow;
  type: ActivityTypeRow;
  /** Null for an activity without a customer, which only a staff preview shows. */
  customer: CustomerRow | null;
  /** The assigned worker's name, whether or not the booking policy shows it. */
  workerName: string | null;
}

/** Loads the unit, type, customer and worker of an activity; undefined when the unit or type is gone. */
export async function loadDisplaySources(
  tx: Executor,
  activity: ActivityRow,
): Promise<DisplaySources | undefined> {
  const { organizationId, businessUnitId } = activity;
  const [unit, type, customer, worker] = await Promise.all([
    businessUnitRepository(tx, organizationId).find(businessUnitId),
    catalogRepository(tx, organizationId).find(businessUnitId, activity.activityTypeId),
    activity.customerId
      ? customerRepository(tx, organizationId).find(businessUnitId, activity.customerId)
      : undefined,
    activity.assigneeId ? findUserById(tx, activity.assigneeId) : undefined,
  ]);
  if (!unit || !type) return undefined;
  return { unit, type, customer: customer ?? null, workerName: worker?.name ?? null };
}

/**
 * Builds the values of every portal code for an activity: the appointment codes as messages fill
 * them (times in the unit's zone, the worker only when the booking policy shows it), the unit's
 * displayed name and contact details from its portal settings, `{activity.state}` in the
 * customer's words, and `{form.<code>}` for each visible, answered field of the activity form.
 */
export function portalDisplayValues(
  context: Pick<ServiceContext, "clock" | "config">,
  sources: DisplaySources,
  activity: ActivityRow,
  language: Language,
): PortalTextValues {
  const { unit, type } = sources;
  const settings = readPortalSettings(unit.portalSettings);
  const values: Record<string, string | number | null | undefined> = {
    ...appointmentValues({
      unit,
      customer: sources.customer,
      type,
      visit: activity,
      workerName: sources.workerName,
      language,
      portalUrl: `${context.config.publicUrl}/portal`,
    }),
    "bu.name": settings.displayName || unit.name,
    "bu.phone": settings.contactPhone ? formatPhoneInternational(settings.contactPhone) : "",
    "bu.email": settings.contactEmail ?? "",
  };
  const state = deriveState({ ...activity, status: activity.status as ActivityStatus }, context.clock.now());
  values[ACTIVITY_STATE_CODE] = activityStateLabel(state, language);
  const answers = answerTexts(type.activityForm, activity.answers, language, { timeZone: unit.timeZone });
  for (const answer of answers) values[formCode(answer.code)] = answer.value;

  const texts: Record<string, string> = {};
  for (const [code, value] of Object.entries(values)) texts[code] = value == null ? "" : String(value);
  return texts;
}

export interface RenderedDisplayTexts {
  title: string;
  description: string;
  longDescription: string;
}

/** Renders the three texts with the values; a missing value renders empty, never as its code. */
export function renderTextsWith(texts: PortalDisplayTexts, values: PortalTextValues): RenderedDisplayTexts {
  return {
    title: renderPortalText(texts.title, values),
    description: renderPortalText(texts.description, values),
    longDescription: renderPortalText(texts.longDescription, values),
  };
}

/**
 * Renders an activity's portal texts as plain text in `language`: the type's stored texts, or
 * `texts` when given (a staff preview of unsaved texts). The values are not escaped, so the page
 * must show them as text. Runs on `tx`, which may be the database or an open transaction.
 */
export async function renderDisplayTexts(
  context: Pick<ServiceContext, "clock" | "config">,
  tx: Executor,
  activity: ActivityRow,
  language: Language,
  texts?: PortalDisplayTexts,
): Promise<RenderedDisplayTexts> {
  const sources = await loadDisplaySources(tx, activity);
  if (!sources) return { title: "", description: "", longDescription: "" };
  const values = portalDisplayValues(context, sources, activity, language);
  return renderTextsWith(texts ?? readPortalDisplay(sources.type.portalDisplay), values);
}
