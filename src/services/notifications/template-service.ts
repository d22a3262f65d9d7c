import {
  CHANNELS,
  type Channel,
  defaultTemplate,
  EVENT_CODES,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  validateTemplate,
} from "../../domain/notifications/index.js";
import {
  type NotificationSettings,
  type NotificationSettingsInput,
  notificationSettingsSchema,
  readNotificationSettings,
} from "../../domain/reminders.js";
import { businessUnitRepository } from "../../repositories/business-units.js";
import { messageTemplateRepository } from "../../repositories/message-templates.js";
import { AppError, notFound } from "../../server/errors.js";
import { type Actor, requireMember, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";

const LANGUAGES = ["en", "fr"] as const;
type Language = (typeof LANGUAGES)[number];

export interface TemplateView {
  event: NotificationEvent;
  channel: Channel;
  language: Language;
  subject: string | null;
  body: string;
  /** False while the unit uses the default wording. */
  customized: boolean;
  /** Replacement codes this event's templates may use. */
  codes: string[];
}

/** Every template of the unit (event × channel × language), its own wording or the default. */
export async function listTemplates(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<TemplateView[]> {
  requireMember(actor, businessUnitId);
  const own = await messageTemplateRepository(context.db, actor.organizationId).list(businessUnitId);
  const views: TemplateView[] = [];
  for (const event of NOTIFICATION_EVENTS) {
    for (const channel of CHANNELS) {
      for (const language of LANGUAGES) {
        const row = own.find(
          (candidate) =>
            candidate.event === event && candidate.channel === channel && candidate.language === language,
        );
        const fallback = defaultTemplate(event, channel, language);
        views.push({
          event,
          channel,
          language,
          subject: row ? row.subject : "subject" in fallback ? fallback.subject : null,
          body: row ? row.body : fallback.body,
          customized: row !== undefined,
          codes: [...EVENT_CODES[event]],
        });
      }
    }
  }
  return views;
}

/**
 * Saves the unit's wording of one template (admins). Every problem is checked first: an unknown or
 * not-allowed replacement code is refused with an error naming it, where it is and what to use.
 */
export async function saveTemplate(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  key: { event: NotificationEvent; channel: Channel; language: Language },
  input: { subject?: string | null; body: string },
): Promise<TemplateView> {
  requireRole(actor, businessUnitId, ["admin"]);
  const template = { subject: input.subject ?? undefined, body: input.body };
  const problems = validateTemplate(key.event, key.channel, template).filter(
    (problem) => problem.severity === "error",
  );
  if (problems.length > 0) {
    throw new AppError("validation_failed", problems.map((problem) => problem.message).join(" "), {
      fields: problems.map((problem) => ({
        path: problem.part,
        message: problem.message,
        code: problem.code,
        value: "name" in problem.params ? `{${problem.params.name}}` : undefined,
      })),
      problems,
    });
  }
  await messageTemplateRepository(context.db, actor.organizationId).upsert({
    businessUnitId,
    ...key,
    subject: key.channel === "email" ? (input.subject ?? "") : null,
    body: input.body,
    updatedAt: context.clock.now(),
    updatedBy: actor.userId,
  });
  const views = await listTemplates(context, actor, businessUnitId);
  return views.find(
    (view) => view.event === key.event && view.channel === key.channel && view.language === key.language,
  )!;
}

/** Goes back to the default wording of one template (admins). */
export async function resetTemplate(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  key: { event: NotificationEvent; channel: Channel; language: Language },
): Promise<TemplateView> {
  requireRole(actor, businessUnitId, ["admin"]);
  await messageTemplateRepository(context.db, actor.organizationId).remove(
    businessUnitId,
    key.event,
    key.channel,
    key.language,
  );
  const views = await listTemplates(context, actor, businessUnitId);
  return views.find(
    (view) => view.event === key.event && view.channel === key.channel && view.language === key.language,
  )!;
}

export async function getNotificationSettings(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<NotificationSettings> {
  requireMember(actor, businessUnitId);
  const unit = await businessUnitRepository(context.db, actor.organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  return readNotificationSettings(unit.notificationSettings);
}

export async function updateNotificationSettings(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  input: NotificationSettingsInput,
): Promise<NotificationSettings> {
  requireRole(actor, businessUnitId, ["admin"]);
  const settings = notificationSettingsSchema.parse(input);
  const row = await businessUnitRepository(context.db, actor.organizationId).update(
    businessUnitId,
    { notificationSettings: settings },
    context.clock.now(),
  );
  if (!row) throw notFound("Business unit not found.");
  return settings;
}
