import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { FormDefinition } from "../../domain/forms/index.js";
import type { BookingPolicyInput } from "../../domain/scheduling/assistant/settings.js";
import { instant } from "./columns.js";
import { skills } from "./team.js";
import { businessUnits, organizations } from "./tenancy.js";

/** A kind of job in a business unit's catalog, with its forms. */
export const activityTypes = pgTable(
  "activity_types",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id").notNull(),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    colour: text("colour").notNull(),
    /** on_site (intervention at an address), remote (intervention without location) or task. */
    operatingMode: text("operating_mode").notNull(),
    defaultDurationMinutes: integer("default_duration_minutes").notNull(),
    activityForm: jsonb("activity_form").$type<FormDefinition>().notNull(),
    closingForm: jsonb("closing_form").$type<FormDefinition>().notNull(),
    archived: boolean("archived").notNull().default(false),
    /** When an activity of this type is closed, a linked activity of this type is created. */
    followUpTypeId: uuid("follow_up_type_id"),
    /** What customers may book for this type (notice, horizon, arrival windows, cut-offs); defaults fill the gaps. */
    bookingPolicy: jsonb("booking_policy").$type<BookingPolicyInput>().notNull().default({}),
    /** Whether the type shows on the customer portal, and its displayed texts with replacement codes. */
    portalDisplay: jsonb("portal_display").$type<Record<string, unknown>>().notNull().default({}),
    /** The ordered portal actions of the type (label, effect, form, scheduling step, conditions). */
    portalActions: jsonb("portal_actions").$type<unknown[]>().notNull().default([]),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    unique("activity_types_name_key").on(table.organizationId, table.businessUnitId, table.nameKey),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId],
      foreignColumns: [businessUnits.organizationId, businessUnits.id],
      name: "activity_types_business_unit_fk",
    }),
    check("activity_types_duration_range", sql`${table.defaultDurationMinutes} BETWEEN 1 AND 1440`),
  ],
);

export const activityTypeSkills = pgTable(
  "activity_type_skills",
  {
    organizationId: uuid("organization_id").notNull(),
    activityTypeId: uuid("activity_type_id").notNull(),
    skillId: uuid("skill_id").notNull(),
    minimumLevel: integer("minimum_level").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.activityTypeId, table.skillId] }),
    foreignKey({
      columns: [table.organizationId, table.activityTypeId],
      foreignColumns: [activityTypes.organizationId, activityTypes.id],
      name: "activity_type_skills_type_fk",
    }).onDelete("cascade"),
    foreignKey({
      columns: [table.organizationId, table.skillId],
      foreignColumns: [skills.organizationId, skills.id],
      name: "activity_type_skills_skill_fk",
    }),
    check("activity_type_skills_level_range", sql`${table.minimumLevel} BETWEEN 1 AND 5`),
  ],
);
