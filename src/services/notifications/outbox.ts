import type { Executor } from "../../db/database.js";
import { notifyChange } from "../../db/events.js";
import type { MessageAttachment } from "../../db/schema/messages.js";
import { type MessageRow, messageRepository } from "../../repositories/messages.js";

/** Attempts before a message stays failed; see `retryDelayMs` for the spacing. */
export const DEFAULT_MAX_ATTEMPTS = 10;

export interface QueuedMessage {
  businessUnitId: string | null;
  customerId?: string | null;
  activityId?: string | null;
  userId?: string | null;
  channel: "email" | "sms";
  event: string;
  recipient: string;
  language: string;
  fromName?: string | null;
  subject?: string | null;
  bodyText: string;
  bodyHtml?: string | null;
  attachments?: MessageAttachment[];
  /** Text to hide once the message has left (a login code). */
  sensitive?: string | null;
  dueAt: Date;
  expiresAt?: Date | null;
}

/**
 * Writes a message to the outbox in the caller's transaction, so that it exists if and only if
 * the change that causes it commits, and wakes the dispatchers once it does.
 */
export async function queueMessage(
  tx: Executor,
  organizationId: string,
  message: QueuedMessage,
  now: Date,
): Promise<MessageRow> {
  const row = await messageRepository(tx, organizationId).insert({
    businessUnitId: message.businessUnitId,
    customerId: message.customerId ?? null,
    activityId: message.activityId ?? null,
    userId: message.userId ?? null,
    channel: message.channel,
    event: message.event,
    recipient: message.recipient,
    language: message.language,
    fromName: message.fromName ?? null,
    subject: message.subject ?? null,
    bodyText: message.bodyText,
    bodyHtml: message.bodyHtml ?? null,
    attachments: message.attachments ?? [],
    sensitive: message.sensitive ?? null,
    status: "queued",
    attempts: 0,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
    dueAt: message.dueAt,
    expiresAt: message.expiresAt ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await notifyChange(tx, {
    organizationId,
    businessUnitId: message.businessUnitId ?? "",
    kind: "message",
    id: row.id,
  });
  return row;
}
