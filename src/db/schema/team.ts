import { sql } from "drizzle-orm";
import {
  check,
  date,
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
import type { HoursException, WeeklyHours } from "../../domain/scheduling/working-time/index.js";
import { instant } from "./columns.js";
import { businessUnits, memberships, organizations, users } from "./tenancy.js";

/**
 * What a field worker brings to one business unit: the base where tours start and end, a
 * colour for the schedule and the weekly hours, read in the unit's time zone.
 */
export const workerProfiles = pgTable(
  "worker_profiles",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    businessUnitId: uuid("business_unit_id").notNull(),
    userId: uuid("user_id").notNull(),
    colour: text("colour").notNull(),
    baseAddressLine1: text("base_address_line1"),
    baseAddressLine2: text("base_address_line2"),
    basePostcode: text("base_postcode"),
    baseCity: text("base_city"),
    baseLatitude: doublePrecision("base_latitude"),
    baseLongitude: doublePrecision("base_longitude"),
    weeklyHours: jsonb("weekly_hours").$type<WeeklyHours>().notNull(),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.businessUnitId, table.userId] }),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId, table.userId],
      foreignColumns: [memberships.organizationId, memberships.businessUnitId, memberships.userId],
      name: "worker_profiles_membership_fk",
    }).onDelete("cascade"),
  ],
);

/** The skills a business unit names, such as "Gas boiler" or "Heat pump". */
export const skills = pgTable(
  "skills",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id").notNull(),
    name: text("name").notNull(),
    /** Lower-cased, accent-free name: uniqueness and sorting do not depend on the collation. */
    nameKey: text("name_key").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    unique("skills_name_key").on(table.organizationId, table.businessUnitId, table.nameKey),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId],
      foreignColumns: [businessUnits.organizationId, businessUnits.id],
      name: "skills_business_unit_fk",
    }).onDelete("cascade"),
  ],
);

export const workerSkills = pgTable(
  "worker_skills",
  {
    organizationId: uuid("organization_id").notNull(),
    businessUnitId: uuid("business_unit_id").notNull(),
    userId: uuid("user_id").notNull(),
    skillId: uuid("skill_id").notNull(),
    level: integer("level").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.businessUnitId, table.userId, table.skillId] }),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId, table.userId],
      foreignColumns: [workerProfiles.organizationId, workerProfiles.businessUnitId, workerProfiles.userId],
      name: "worker_skills_profile_fk",
    }).onDelete("cascade"),
    foreignKey({
      columns: [table.organizationId, table.skillId],
      foreignColumns: [skills.organizationId, skills.id],
      name: "worker_skills_skill_fk",
    }).onDelete("cascade"),
    check("worker_skills_level_range", sql`${table.level} BETWEEN 1 AND 5`),
  ],
);

/** A different weekly pattern, or days off, for a date range of one worker in one unit. */
export const hoursExceptions = pgTable(
  "hours_exceptions",
  {
    organizationId: uuid("organization_id").notNull(),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id").notNull(),
    userId: uuid("user_id").notNull(),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    /** The exception itself, as the working-time domain reads it. */
    exception: jsonb("exception").$type<HoursException>().notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId, table.userId],
      foreignColumns: [workerProfiles.organizationId, workerProfiles.businessUnitId, workerProfiles.userId],
      name: "hours_exceptions_profile_fk",
    }).onDelete("cascade"),
    index("hours_exceptions_worker_idx").on(table.organizationId, table.userId, table.fromDate),
  ],
);

/**
 * A period [start, end) when a worker cannot work, of any length. It belongs to the person,
 * not to a unit, so it blocks their time in every business unit of the organization.
 */
export const unavailabilities = pgTable(
  "unavailabilities",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    startAt: instant("start_at").notNull(),
    endAt: instant("end_at").notNull(),
    reason: text("reason").notNull(),
    note: text("note"),
    createdAt: instant("created_at").notNull(),
    createdBy: uuid("created_by"),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    index("unavailabilities_worker_idx").on(table.organizationId, table.userId, table.startAt),
    check("unavailabilities_order", sql`${table.endAt} > ${table.startAt}`),
  ],
);
