import type { Executor } from "../../db/database.js";
import { type ActivityStatus, deriveState } from "../../domain/activities/lifecycle.js";
import type { Language } from "../../domain/business-units/localisation.js";
import { answerTexts } from "../../domain/forms/portal-answers.js";
import {
  ACTIVITY_STATE_CODE,
  activityStateLabel,
  type DisplayTextPart,
  formCode,
  listPortalCodes,
  type PortalCode,
  type PortalDisplay,
  type PortalDisplayTexts,
  type PortalTextValues,
  portalFormFieldCodes,
  readPortalDisplay,
  renderPortalText,
  validatePortalDisplay,
} from "../../domain/portal/display-texts.js";
import { type ActivityRow, activityRepository } from "../../repositories/activities.js";
import { auditRepository } from "../../repositories/audit-events.js";
import { type BusinessUnitRow, businessUnitRepository } from "../../repositories/business-units.js";
import { type ActivityTypeRow, catalogRepository } from "../../repositories/catalog.js";
import { type CustomerRow, customerRepository } from "../../repositories/customers.js";
import { portalConfigRepository } from "../../repositories/portal-config.js";
import { findUserById } from "../../repositories/staff-accounts.js";
import { AppError, type FieldProblem, notFound } from "../../server/errors.js";
import { type Actor, requireMember, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";
import { appointmentValues, businessUnitValues } from "../notifications/appointments.js";
import { messageLanguage } from "../notifications/compose.js";

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
    ...businessUnitValues(unit),
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

/** An activity type's portal display with the codes its texts may use, as the back office edits it. */
export interface PortalDisplayView extends PortalDisplay {
  codes: PortalCode[];
}

/** A problem of a portal text, shaped as a field of a `validation_failed` response. */
export interface PortalDisplayField extends FieldProblem {
  path: DisplayTextPart;
  severity: "error" | "warning";
  line?: number;
  column?: number;
  suggestion?: string;
}

export async function getPortalDisplay(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  activityTypeId: string,
): Promise<PortalDisplayView> {
  requireMember(actor, businessUnitId);
  const type = await catalogRepository(context.db, actor.organizationId).find(businessUnitId, activityTypeId);
  if (!type) throw notFound("Activity type not found.");
  return presentDisplay(type);
}

/**
 * Replaces an activity type's portal display (admins). Unknown codes, codes of fields not in the
 * activity form and broken braces are rejected, each named with its text, line and column and,
 * when one is near, the code probably meant. Warnings do not prevent saving.
 */
export async function updatePortalDisplay(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  activityTypeId: string,
  input: PortalDisplay,
): Promise<PortalDisplayView> {
  requireRole(actor, businessUnitId, ["admin"]);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const types = catalogRepository(tx, actor.organizationId);
    const type = await types.find(businessUnitId, activityTypeId);
    if (!type) throw notFound("Activity type not found.");
    const errors = displayFields(input, type).filter((field) => field.severity === "error");
    if (errors.length > 0) {
      throw new AppError("validation_failed", errors.map((field) => field.message).join(" "), {
        fields: errors,
      });
    }

    const display: PortalDisplay = {
      shown: input.shown,
      title: input.title,
      description: input.description,
      longDescription: input.longDescription,
    };
    const before = readPortalDisplay(type.portalDisplay);
    const updated = await types.update(businessUnitId, activityTypeId, { portalDisplay: display }, now);
    if (!updated) throw notFound("Activity type not found.");
    const changed = (Object.keys(display) as (keyof PortalDisplay)[]).filter(
      (key) => before[key] !== display[key],
    );
    if (changed.length > 0) {
      await auditRepository(tx, actor.organizationId).record({
        businessUnitId,
        actorUserId: actor.userId,
        action: "portal_settings_changed",
        subjectType: "activity_type",
        subjectId: activityTypeId,
        details: { changed },
        createdAt: now,
      });
    }
    return presentDisplay(updated);
  });
}

export interface PortalDisplayPreview extends RenderedDisplayTexts {
  /** The activity the texts were rendered against; null when the type has none yet. */
  activity: { id: string; reference: string } | null;
  /** Problems of the texts, errors and warnings, as saving would report them. */
  fields: PortalDisplayField[];
}

/**
 * Renders unsaved portal texts against a real activity of the type, as its customer would read
 * them: the activity given, else the one created last. Without any activity, only the unit's codes
 * have values. An activity of another type or unit is not found. Members may preview.
 */
export async function previewPortalDisplay(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  activityTypeId: string,
  input: PortalDisplayTexts & { activityId?: string | undefined; language?: Language | undefined },
): Promise<PortalDisplayPreview> {
  requireMember(actor, businessUnitId);
  const { db } = context;
  const type = await catalogRepository(db, actor.organizationId).find(businessUnitId, activityTypeId);
  if (!type) throw notFound("Activity type not found.");
  const activity = input.activityId
    ? await activityRepository(db, actor.organizationId).find(businessUnitId, input.activityId)
    : await portalConfigRepository(db, actor.organizationId).latestActivityOfType(
        businessUnitId,
        activityTypeId,
      );
  if (input.activityId && activity?.activityTypeId !== activityTypeId) {
    throw notFound("Activity not found among the activities of this type.");
  }

  const texts = {
    title: input.title,
    description: input.description,
    longDescription: input.longDescription,
  };
  const fields = displayFields(texts, type);
  if (!activity) {
    const unit = await businessUnitRepository(db, actor.organizationId).find(businessUnitId);
    const values = unit ? businessUnitValues(unit) : {};
    return { activity: null, ...renderTextsWith(texts, values), fields };
  }

  const sources = await loadDisplaySources(db, activity);
  if (!sources) throw notFound("Activity type not found.");
  const language = input.language ?? messageLanguage(sources.customer?.language ?? sources.unit.language);
  const values = portalDisplayValues(context, sources, activity, language);
  return {
    activity: { id: activity.id, reference: activity.reference },
    ...renderTextsWith(texts, values),
    fields,
  };
}

function presentDisplay(type: ActivityTypeRow): PortalDisplayView {
  return { ...readPortalDisplay(type.portalDisplay), codes: listPortalCodes(type.activityForm) };
}

function displayFields(texts: PortalDisplayTexts, type: ActivityTypeRow): PortalDisplayField[] {
  const problems = validatePortalDisplay(texts, portalFormFieldCodes(type.activityForm));
  return problems.map((problem) => ({
    path: problem.part,
    code: problem.code,
    value: problem.value,
    message: problem.message,
    severity: problem.severity,
    ...(problem.line === undefined ? {} : { line: problem.line, column: problem.column }),
    ...(problem.suggestion === undefined ? {} : { suggestion: problem.suggestion }),
  }));
}
