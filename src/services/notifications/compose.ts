import parsePhoneNumber from "libphonenumber-js";
import type { Executor } from "../../db/database.js";
import type { MessageAttachment } from "../../db/schema/messages.js";
import {
  type Channel,
  defaultTemplate,
  type NotificationEvent,
  renderEmail,
  renderSms,
  type TemplateValues,
} from "../../domain/notifications/index.js";
import { readNotificationSettings } from "../../domain/reminders.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import { businessUnitRepository } from "../../repositories/business-units.js";
import { messageTemplateRepository } from "../../repositories/message-templates.js";
import type { ServiceContext } from "../context.js";
import { queueMessage } from "./outbox.js";

export type MessageLanguage = "en" | "fr";

export function messageLanguage(value: string | null | undefined): MessageLanguage {
  return value === "fr" ? "fr" : "en";
}

/** The unit's own template for an event, channel and language, or the default one. */
export async function templateFor(
  db: Executor,
  unit: BusinessUnitRow,
  event: NotificationEvent,
  channel: Channel,
  language: MessageLanguage,
): Promise<{ subject: string; body: string }> {
  const own = await messageTemplateRepository(db, unit.organizationId).find(
    unit.id,
    event,
    channel,
    language,
  );
  if (own) return { subject: own.subject ?? "", body: own.body };
  const fallback = defaultTemplate(event, channel, language);
  return { subject: "subject" in fallback ? fallback.subject : "", body: fallback.body };
}

/**
 * French numbering plan: metropolitan France and the overseas departments and territories, which
 * have country codes of their own.
 */
const FRENCH_PLAN = ["FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC"];

/** Countries SMS may go to: the configured list, or those of the organization's units (France meaning its whole plan). */
export async function allowedSmsCountries(
  context: ServiceContext,
  db: Executor,
  organizationId: string,
): Promise<Set<string>> {
  if (context.config.smsAllowedCountries) return new Set(context.config.smsAllowedCountries);
  const units = await businessUnitRepository(db, organizationId).list();
  const countries = new Set<string>();
  for (const unit of units) {
    if (unit.country === "FR" || FRENCH_PLAN.includes(unit.country))
      for (const code of FRENCH_PLAN) countries.add(code);
    else countries.add(unit.country);
  }
  return countries;
}

export interface Recipient {
  email?: string | null | undefined;
  /** E.164 mobile number. */
  mobile?: string | null | undefined;
  language: MessageLanguage;
}

export interface ComposeRequest {
  unit: BusinessUnitRow;
  event: NotificationEvent;
  recipient: Recipient;
  values: TemplateValues;
  customerId?: string | null;
  activityId?: string | null;
  userId?: string | null;
  attachments?: MessageAttachment[];
  dueAt: Date;
  expiresAt?: Date | null;
  sensitive?: string | null;
  /** Channels to use; both by default, each only when the recipient has the address. */
  channels?: Channel[];
}

/**
 * Renders the unit's template (or the default) for each channel the recipient can be reached on,
 * and queues the messages in the caller's transaction. An SMS to a country outside the allowed
 * ones is skipped with a log line. Returns the number of messages queued.
 */
export async function composeAndQueue(
  context: ServiceContext,
  tx: Executor,
  request: ComposeRequest,
): Promise<number> {
  const { unit, event, recipient } = request;
  const settings = readNotificationSettings(unit.notificationSettings);
  const channels = request.channels ?? ["email", "sms"];
  const now = context.clock.now();
  const fromName = settings.fromName || unit.name;
  let queued = 0;
  const common = {
    businessUnitId: unit.id,
    customerId: request.customerId ?? null,
    activityId: request.activityId ?? null,
    userId: request.userId ?? null,
    event,
    language: recipient.language,
    dueAt: request.dueAt,
    expiresAt: request.expiresAt ?? null,
    sensitive: request.sensitive ?? null,
  };
  if (channels.includes("email") && recipient.email) {
    const template = await templateFor(tx, unit, event, "email", recipient.language);
    const rendered = renderEmail(template, request.values, recipient.language);
    await queueMessage(
      tx,
      unit.organizationId,
      {
        ...common,
        channel: "email",
        recipient: recipient.email,
        fromName,
        subject: rendered.subject,
        bodyText: rendered.text,
        bodyHtml: rendered.html,
        attachments: request.attachments ?? [],
      },
      now,
    );
    queued++;
  }
  if (channels.includes("sms") && recipient.mobile && (settings.smsEnabled || event === "login_code")) {
    const country = parsePhoneNumber(recipient.mobile)?.country;
    const allowed = await allowedSmsCountries(context, tx, unit.organizationId);
    if (!country || !allowed.has(country)) {
      context.logger.info(
        { event, country: country ?? "unknown" },
        "SMS skipped: destination country not allowed",
      );
    } else {
      const template = await templateFor(tx, unit, event, "sms", recipient.language);
      const rendered = renderSms(template, request.values);
      await queueMessage(
        tx,
        unit.organizationId,
        { ...common, channel: "sms", recipient: recipient.mobile, bodyText: rendered.text },
        now,
      );
      queued++;
    }
  }
  return queued;
}
