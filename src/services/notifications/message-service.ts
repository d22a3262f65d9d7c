import type { MessageRow } from "../../repositories/messages.js";
import { messageRepository } from "../../repositories/messages.js";
import { AppError, notFound } from "../../server/errors.js";
import { type Actor, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";
import { queueMessage } from "./outbox.js";

const STAFF_ROLES = ["admin", "planner"] as const;

export interface MessageSummary {
  id: string;
  channel: string;
  event: string;
  recipient: string;
  language: string;
  subject: string | null;
  status: string;
  attempts: number;
  maxAttempts: number;
  dueAt: string;
  sentAt: string | null;
  lastError: string | null;
  transport: string | null;
  customerId: string | null;
  activityId: string | null;
  createdAt: string;
}

export interface MessageDetail extends MessageSummary {
  bodyText: string;
  bodyHtml: string | null;
  attachments: { fileName: string; contentType: string; content: string }[];
}

function summary(row: MessageRow): MessageSummary {
  return {
    id: row.id,
    channel: row.channel,
    event: row.event,
    recipient: row.recipient,
    language: row.language,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    dueAt: row.dueAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    lastError: row.lastError,
    transport: row.transport,
    customerId: row.customerId,
    activityId: row.activityId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The unit's messages, newest first, optionally of one customer or activity, for planners. */
export async function listMessages(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  filters: { customerId?: string; activityId?: string; status?: string[]; limit?: number; offset?: number },
): Promise<MessageSummary[]> {
  const roles = requireRole(actor, businessUnitId, STAFF_ROLES);
  const rows = await messageRepository(context.db, actor.organizationId).list({
    businessUnitId,
    // Admins also see staff invitations and resets; a sent link is hidden unless the transport
    // keeps content (development), so an admin cannot use another person's link.
    includeStaffMessages: roles.includes("admin") && !filters.customerId && !filters.activityId,
    ...(filters.customerId ? { customerId: filters.customerId } : {}),
    ...(filters.activityId ? { activityId: filters.activityId } : {}),
    ...(filters.status ? { statuses: filters.status } : {}),
    limit: Math.min(filters.limit ?? 50, 200),
    offset: filters.offset ?? 0,
  });
  return rows.map(summary);
}

/**
 * One message with its text. Secrets (login codes, sign-in and password links) are masked, before
 * and after sending, unless the transport of the message's channel keeps content: only the
 * development transports do (no SMTP_URL, SMS_TRANSPORT=log), so that a trial can sign in.
 */
export async function getMessage(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<MessageDetail> {
  const roles = requireRole(actor, businessUnitId, STAFF_ROLES);
  const row = await messageRepository(context.db, actor.organizationId).find(id);
  const staffMessage = row?.businessUnitId === null && row.userId !== null && roles.includes("admin");
  if (!row || (row.businessUnitId !== businessUnitId && !staffMessage)) throw notFound("Message not found.");
  const masked = row.sensitive !== null && mustMaskSecrets(context, row);
  const mask = (text: string | null) =>
    masked && text !== null ? maskSecrets(text, row.sensitive ?? "") : text;
  return {
    ...summary(row),
    subject: mask(row.subject),
    bodyText: mask(row.bodyText) ?? "",
    bodyHtml: mask(row.bodyHtml),
    attachments: row.attachments,
  };
}

function mustMaskSecrets(context: ServiceContext, row: MessageRow): boolean {
  // NOTE: in development, a login code filed in one organization's outbox may also open customers
  // of another organization that holds the same email or number. Production masks every code.
  return row.channel === "email"
    ? context.config.smtpUrl !== undefined
    : context.config.smsTransport !== "log";
}

/** Replaces each secret of `sensitive` (one, or two separated by a line feed) with a mark. */
function maskSecrets(text: string, sensitive: string): string {
  return sensitive
    .split("\n")
    .filter((secret) => secret !== "")
    .reduce((masked, secret) => masked.split(secret).join("••••••"), text);
}

/** Sends a failed message again, as a new message with the same content. */
export async function resendMessage(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<MessageSummary> {
  requireRole(actor, businessUnitId, STAFF_ROLES);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const row = await messageRepository(tx, actor.organizationId).find(id);
    if (!row || row.businessUnitId !== businessUnitId) throw notFound("Message not found.");
    if (row.status !== "failed") {
      throw new AppError("invalid_state", "Only a failed message can be sent again.", { state: row.status });
    }
    const copy = await queueMessage(
      tx,
      actor.organizationId,
      {
        businessUnitId: row.businessUnitId,
        customerId: row.customerId,
        activityId: row.activityId,
        userId: row.userId,
        channel: row.channel as "email" | "sms",
        event: row.event,
        recipient: row.recipient,
        language: row.language,
        fromName: row.fromName,
        subject: row.subject,
        bodyText: row.bodyText,
        bodyHtml: row.bodyHtml,
        attachments: row.attachments,
        dueAt: now,
      },
      now,
    );
    return summary(copy);
  });
}
