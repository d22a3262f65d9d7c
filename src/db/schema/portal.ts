import { sql } from "drizzle-orm";
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { activities } from "./activities.js";
import { instant } from "./columns.js";
import { customers } from "./customers.js";
import { organizations, users } from "./tenancy.js";

/**
 * A one-time sign-in code sent to an email address or phone number. Rows exist for unknown
 * identifiers too (nothing is sent to them), so that limits and answers are the same for known
 * and unknown ones. The code and the optional link token are stored as HMACs.
 */
export const portalLoginCodes = pgTable(
  "portal_login_codes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    identifierHash: text("identifier_hash").notNull(),
    /** Set when the code was asked for at `/portal/<slug>`: only that organization's customers sign in. */
    scopeOrganizationId: uuid("scope_organization_id"),
    /** email or phone. */
    channel: text("channel").notNull(),
    codeHash: text("code_hash").notNull(),
    linkTokenHash: text("link_token_hash").unique(),
    /** Verifications tried, right or wrong; the code dies at the limit. */
    attempts: integer("attempts").notNull().default(0),
    createdAt: instant("created_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
    consumedAt: instant("consumed_at"),
    revokedAt: instant("revoked_at"),
  },
  (table) => [index("portal_login_codes_identifier_idx").on(table.identifierHash, table.createdAt)],
);

/**
 * A customer's portal session, or a staff member's read-only preview of one customer's portal.
 * A session opened with a code that matches several customers has no customer until the person
 * picks one. The cookie carries a random token; only its HMAC is stored.
 */
export const portalSessions = pgTable(
  "portal_sessions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: text("token_hash").notNull().unique(),
    /** The identifier signed in with; null for a staff preview. */
    identifierHash: text("identifier_hash"),
    scopeOrganizationId: uuid("scope_organization_id"),
    organizationId: uuid("organization_id").references(() => organizations.id),
    customerId: uuid("customer_id"),
    /** The staff member previewing; such a session is read-only. */
    previewUserId: uuid("preview_user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: instant("created_at").notNull(),
    lastSeenAt: instant("last_seen_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
  },
  (table) => [index("portal_sessions_customer_idx").on(table.organizationId, table.customerId)],
);

/** Who did what that matters for trust: previews of a customer's portal, bulk access changes. */
export const auditEvents = pgTable(
  "audit_events",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id"),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    /** Such as portal_preview_opened or portal_access_granted_to_all. */
    action: text("action").notNull(),
    /** customer, business_unit or activity_type. */
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    index("audit_events_subject_idx").on(
      table.organizationId,
      table.subjectType,
      table.subjectId,
      table.createdAt,
    ),
  ],
);

/**
 * Each run of a portal action by a customer: counts "used at most N times" conditions and keeps
 * what the customer did. Home-page actions have no activity.
 */
export const portalActionRuns = pgTable(
  "portal_action_runs",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id").notNull(),
    /** The activity type that defines the action. */
    activityTypeId: uuid("activity_type_id").notNull(),
    actionId: text("action_id").notNull(),
    /** The current activity; null for a home-page action. */
    activityId: uuid("activity_id"),
    customerId: uuid("customer_id").notNull(),
    effect: text("effect").notNull(),
    /** The activity the action created, if any. */
    createdActivityId: uuid("created_activity_id"),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    index("portal_action_runs_activity_idx").on(table.organizationId, table.activityId, table.actionId),
    foreignKey({
      columns: [table.organizationId, table.activityId],
      foreignColumns: [activities.organizationId, activities.id],
      name: "portal_action_runs_activity_fk",
    }),
    foreignKey({
      columns: [table.organizationId, table.customerId],
      foreignColumns: [customers.organizationId, customers.id],
      name: "portal_action_runs_customer_fk",
    }),
  ],
);

/**
 * What customers did on the portal that planners should know about: bookings, moves,
 * cancellations, requests and answers. Planners acknowledge them in the back office.
 */
export const portalEvents = pgTable(
  "portal_events",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id").notNull(),
    /** booked, rescheduled, canceled, requested, created, closed or updated. */
    kind: text("kind").notNull(),
    activityId: uuid("activity_id").notNull(),
    /** The activity the event came from, for a linked activity created from it. */
    sourceActivityId: uuid("source_activity_id"),
    customerId: uuid("customer_id").notNull(),
    actionLabel: text("action_label").notNull(),
    createdAt: instant("created_at").notNull(),
    acknowledgedAt: instant("acknowledged_at"),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    index("portal_events_unit_idx").on(table.organizationId, table.businessUnitId, table.createdAt),
    foreignKey({
      columns: [table.organizationId, table.activityId],
      foreignColumns: [activities.organizationId, activities.id],
      name: "portal_events_activity_fk",
    }),
    foreignKey({
      columns: [table.organizationId, table.customerId],
      foreignColumns: [customers.organizationId, customers.id],
      name: "portal_events_customer_fk",
    }),
  ],
);
