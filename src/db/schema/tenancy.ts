import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { SchedulingSettingsInput } from "../../domain/scheduling/assistant/settings.js";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** One company using Rondo: the tenant. Every tenant table references it. */
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  name: text("name").notNull(),
  createdAt: instant("created_at").notNull(),
});

/**
 * An operating entity of an organization. Its primary key includes organization_id so that the
 * schema can be sharded on it, and so that every foreign key to it carries the tenant.
 */
export const businessUnits = pgTable(
  "business_units",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    code: text("code").notNull(),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    language: text("language").notNull(),
    country: text("country").notNull(),
    addressLine1: text("address_line1"),
    addressLine2: text("address_line2"),
    postcode: text("postcode"),
    city: text("city"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** Whether new customers get portal access unless their record says otherwise. */
    portalAccessByDefault: boolean("portal_access_by_default").notNull().default(false),
    /** Whether this unit's customers with portal access can sign in to the customer portal. */
    portalEnabled: boolean("portal_enabled").notNull().default(false),
    /** The unit's portal address, `/portal/<slug>`; unique across Rondo. */
    portalSlug: text("portal_slug"),
    /** Displayed company name, contact details, information text and login channels; defaults fill the gaps. */
    portalSettings: jsonb("portal_settings").$type<Record<string, unknown>>().notNull().default({}),
    /** The re-encoded logo shown on the portal, in stored_files. */
    portalLogoFileId: uuid("portal_logo_file_id"),
    /** Settings of the scheduling assistant (step, travel estimate, score weights); defaults fill the gaps. */
    schedulingSettings: jsonb("scheduling_settings").$type<SchedulingSettingsInput>().notNull().default({}),
    /** Reminder delays, the sender name of emails and the planners' opt-ins; defaults fill the gaps. */
    notificationSettings: jsonb("notification_settings")
      .$type<Record<string, unknown>>()
      .notNull()
      .default({}),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    unique("business_units_code_key").on(table.organizationId, table.code),
    unique("business_units_id_key").on(table.id, table.organizationId),
    uniqueIndex("business_units_portal_slug_key").on(table.portalSlug),
  ],
);

/**
 * A staff account. Accounts are global (one email, memberships in several organizations), so
 * this table has no organization_id; it is looked up by email only in the staff-account module.
 */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  /** Lower-cased, trimmed email: the login key. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  language: text("language").notNull().default("en"),
  passwordHash: text("password_hash").notNull(),
  mustChangePassword: boolean("must_change_password").notNull().default(true),
  active: boolean("active").notNull().default(true),
  lastLoginAt: instant("last_login_at"),
  createdAt: instant("created_at").notNull(),
  updatedAt: instant("updated_at").notNull(),
});

/** A user's roles in one business unit. */
export const memberships = pgTable(
  "memberships",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    businessUnitId: uuid("business_unit_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    roles: text("roles").array().notNull(),
    /** The member gets an email for each customer's booking, change or request on the portal. */
    portalEventEmails: boolean("portal_event_emails").notNull().default(false),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.businessUnitId, table.userId] }),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId],
      foreignColumns: [businessUnits.organizationId, businessUnits.id],
      name: "memberships_business_unit_fk",
    }).onDelete("cascade"),
    index("memberships_user_idx").on(table.userId),
  ],
);
