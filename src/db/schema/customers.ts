import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
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
import { businessUnits, organizations } from "./tenancy.js";

/** A person or company served by a business unit. */
export const customers = pgTable(
  "customers",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id").notNull(),
    reference: text("reference").notNull(),
    type: text("type").notNull(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    companyName: text("company_name"),
    displayName: text("display_name").notNull(),
    /** Lower-cased, accent-free display name: sorting and search do not depend on the collation. */
    searchKey: text("search_key").notNull(),
    /** The address as typed, for display. */
    email: text("email"),
    /** Trimmed and lower-cased, for matching. */
    emailNormalized: text("email_normalized"),
    /** E.164. */
    phone: text("phone"),
    /** E.164. */
    mobile: text("mobile"),
    addressLine1: text("address_line1"),
    addressLine2: text("address_line2"),
    postcode: text("postcode"),
    city: text("city"),
    country: text("country").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    language: text("language").notNull(),
    /** Set only when the customer lives in another zone than the business unit. */
    timeZone: text("time_zone"),
    customFields: jsonb("custom_fields").$type<Record<string, string>>().notNull().default({}),
    comments: text("comments"),
    portalAccess: boolean("portal_access").notNull(),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    unique("customers_reference_key").on(table.organizationId, table.businessUnitId, table.reference),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId],
      foreignColumns: [businessUnits.organizationId, businessUnits.id],
      name: "customers_business_unit_fk",
    }),
    index("customers_search_idx").on(table.organizationId, table.businessUnitId, table.searchKey),
    index("customers_email_idx").on(table.organizationId, table.emailNormalized),
    index("customers_phone_idx").on(table.organizationId, table.phone),
    index("customers_mobile_idx").on(table.organizationId, table.mobile),
    // The global lookup of portal identifiers: the SHA-256 of "email:<normalized email>" or
    // "phone:<E.164>", across organizations (see repositories/portal-identifiers.ts).
    index("customers_portal_email_idx").on(sql`portal_identifier_hash('email', ${table.emailNormalized})`),
    index("customers_portal_phone_idx").on(sql`portal_identifier_hash('phone', ${table.phone})`),
    index("customers_portal_mobile_idx").on(sql`portal_identifier_hash('phone', ${table.mobile})`),
  ],
);

/** Per-unit sequences, such as the next generated customer reference. */
export const businessUnitCounters = pgTable(
  "business_unit_counters",
  {
    organizationId: uuid("organization_id").notNull(),
    businessUnitId: uuid("business_unit_id").notNull(),
    name: text("name").notNull(),
    value: integer("value").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.businessUnitId, table.name] }),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId],
      foreignColumns: [businessUnits.organizationId, businessUnits.id],
      name: "business_unit_counters_business_unit_fk",
    }).onDelete("cascade"),
  ],
);

/**
 * One run of the customer import, kept so that its report can be downloaded later. The file
 * itself is not kept: the report holds each rejected row's values and reasons.
 */
export const customerImports = pgTable(
  "customer_imports",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id").notNull(),
    fileName: text("file_name").notNull(),
    mode: text("mode").notNull(),
    encoding: text("encoding").notNull(),
    separator: text("separator").notNull(),
    dryRun: boolean("dry_run").notNull(),
    created: integer("created").notNull(),
    updated: integer("updated").notNull(),
    skipped: integer("skipped").notNull(),
    rejected: integer("rejected").notNull(),
    report: jsonb("report").$type<unknown>().notNull(),
    createdAt: instant("created_at").notNull(),
    createdBy: uuid("created_by"),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId],
      foreignColumns: [businessUnits.organizationId, businessUnits.id],
      name: "customer_imports_business_unit_fk",
    }),
  ],
);
