import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { instant } from "./columns.js";
import { businessUnits, organizations, users } from "./tenancy.js";

/** A file sent with an email, such as the visit's calendar entry. Content is text (UTF-8). */
export interface MessageAttachment {
  fileName: string;
  contentType: string;
  content: string;
}

/**
 * The outbox: every email and SMS, written in the transaction of the change that causes it and
 * drained by the dispatcher. Rows are kept after sending so that staff can see what left, when,
 * and why a message failed.
 */
export const messages = pgTable(
  "messages",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id"),
    customerId: uuid("customer_id"),
    activityId: uuid("activity_id"),
    /** A staff recipient (invitation, password reset). */
    userId: uuid("user_id").references(() => users.id),
    /** email or sms. */
    channel: text("channel").notNull(),
    /** The template's event, such as appointment_booked or login_code. */
    event: text("event").notNull(),
    /** Email address or E.164 phone number. */
    recipient: text("recipient").notNull(),
    language: text("language").notNull(),
    fromName: text("from_name"),
    subject: text("subject"),
    bodyText: text("body_text").notNull(),
    bodyHtml: text("body_html"),
    attachments: jsonb("attachments").$type<MessageAttachment[]>().notNull().default([]),
    /** Sensitive content (a login code) is replaced once the message is sent or dropped. */
    sensitive: text("sensitive"),
    /** queued, sending, sent, failed, expired or canceled. */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    /** When the message is due; later for reminders and retries. */
    dueAt: instant("due_at").notNull(),
    /** A message still unsent at this instant is dropped (login codes). */
    expiresAt: instant("expires_at"),
    /** Claimed by a dispatcher until this instant; a claim past it is taken again. */
    leaseUntil: instant("lease_until"),
    leasedBy: text("leased_by"),
    lastError: text("last_error"),
    /** Which transport took it (smtp, local, log, http) and the provider's id for it. */
    transport: text("transport"),
    providerMessageId: text("provider_message_id"),
    createdAt: instant("created_at").notNull(),
    sentAt: instant("sent_at"),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId],
      foreignColumns: [businessUnits.organizationId, businessUnits.id],
      name: "messages_business_unit_fk",
    }),
    index("messages_due_idx").on(table.dueAt).where(sql`${table.status} IN ('queued', 'sending')`),
    index("messages_customer_idx").on(table.organizationId, table.customerId, table.createdAt),
    index("messages_activity_idx").on(table.organizationId, table.activityId, table.createdAt),
    index("messages_unit_idx").on(table.organizationId, table.businessUnitId, table.createdAt),
    check("messages_channel", sql`${table.channel} IN ('email', 'sms')`),
    check(
      "messages_status",
      sql`${table.status} IN ('queued', 'sending', 'sent', 'failed', 'expired', 'canceled')`,
    ),
  ],
);

/** A business unit's own wording of a message, replacing the default for one event, channel and language. */
export const messageTemplates = pgTable(
  "message_templates",
  {
    organizationId: uuid("organization_id").notNull(),
    businessUnitId: uuid("business_unit_id").notNull(),
    event: text("event").notNull(),
    channel: text("channel").notNull(),
    language: text("language").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    updatedAt: instant("updated_at").notNull(),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    primaryKey({
      columns: [table.organizationId, table.businessUnitId, table.event, table.channel, table.language],
    }),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId],
      foreignColumns: [businessUnits.organizationId, businessUnits.id],
      name: "message_templates_business_unit_fk",
    }).onDelete("cascade"),
  ],
);

/**
 * Single-use links for staff: invitations and password resets. Only an HMAC of the token is
 * stored; the link carries the token itself.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** The organization that invited, for invitations. */
    organizationId: uuid("organization_id"),
    /** invitation or password_reset. */
    purpose: text("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [
    unique("account_tokens_hash_key").on(table.tokenHash),
    index("account_tokens_user_idx").on(table.userId, table.purpose),
  ],
);
