import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
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
import type { Answers } from "../../domain/forms/index.js";
import { activityTypes } from "./catalog.js";
import { instant } from "./columns.js";
import { customers } from "./customers.js";
import { businessUnits, organizations, users } from "./tenancy.js";

/**
 * One job of an activity type for a customer. It is scheduled when it has an assignee, a start
 * and an end; the exclusion constraint `activities_no_overlap` (custom migration) forbids two
 * open visits of one worker at overlapping times.
 */
export const activities = pgTable(
  "activities",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id").notNull(),
    reference: text("reference").notNull(),
    activityTypeId: uuid("activity_type_id").notNull(),
    customerId: uuid("customer_id"),
    parentId: uuid("parent_id"),
    /** pending, in_progress, terminated or canceled; the screens use the derived state. */
    status: text("status").notNull(),
    result: text("result"),
    cancelReason: text("cancel_reason"),
    cancelDetails: text("cancel_details"),
    comment: text("comment"),
    durationMinutes: integer("duration_minutes").notNull(),
    addressLine1: text("address_line1"),
    addressLine2: text("address_line2"),
    postcode: text("postcode"),
    city: text("city"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    assigneeId: uuid("assignee_id").references(() => users.id),
    startAt: instant("start_at"),
    endAt: instant("end_at"),
    /**
     * Arrival window shown to the customer when the visit was booked as a window; the exact start
     * and end above are what the schedule and the exclusion constraint use. Null otherwise.
     */
    arrivalWindowStart: instant("arrival_window_start"),
    arrivalWindowEnd: instant("arrival_window_end"),
    confirmedByCustomer: boolean("confirmed_by_customer").notNull().default(false),
    answers: jsonb("answers").$type<Answers>().notNull().default({}),
    closingAnswers: jsonb("closing_answers").$type<Answers>(),
    startedAt: instant("started_at"),
    closedAt: instant("closed_at"),
    /** Incremented on every change; clients send it back to detect a concurrent edit. */
    version: integer("version").notNull().default(1),
    createdAt: instant("created_at").notNull(),
    createdBy: uuid("created_by"),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    unique("activities_reference_key").on(table.organizationId, table.businessUnitId, table.reference),
    foreignKey({
      columns: [table.organizationId, table.businessUnitId],
      foreignColumns: [businessUnits.organizationId, businessUnits.id],
      name: "activities_business_unit_fk",
    }),
    foreignKey({
      columns: [table.organizationId, table.activityTypeId],
      foreignColumns: [activityTypes.organizationId, activityTypes.id],
      name: "activities_type_fk",
    }),
    foreignKey({
      columns: [table.organizationId, table.customerId],
      foreignColumns: [customers.organizationId, customers.id],
      name: "activities_customer_fk",
    }),
    foreignKey({
      columns: [table.organizationId, table.parentId],
      foreignColumns: [table.organizationId, table.id],
      name: "activities_parent_fk",
    }),
    index("activities_schedule_idx").on(table.organizationId, table.assigneeId, table.startAt),
    index("activities_unit_idx").on(table.organizationId, table.businessUnitId, table.status),
    index("activities_customer_idx").on(table.organizationId, table.customerId),
    index("activities_parent_idx").on(table.organizationId, table.parentId),
    check(
      "activities_schedule_complete",
      sql`(${table.startAt} IS NULL) = (${table.endAt} IS NULL) AND (${table.endAt} IS NULL OR ${table.endAt} > ${table.startAt})`,
    ),
    check("activities_status", sql`${table.status} IN ('pending', 'in_progress', 'terminated', 'canceled')`),
  ],
);

/** Every change of an activity: who, when, and each field's value before and after. */
export const activityHistory = pgTable(
  "activity_history",
  {
    organizationId: uuid("organization_id").notNull(),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    /** Insertion order, which breaks ties between entries written at the same instant. */
    sequence: bigserial("sequence", { mode: "number" }).notNull(),
    activityId: uuid("activity_id").notNull(),
    at: instant("at").notNull(),
    /** staff, customer or system. */
    actorKind: text("actor_kind").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    changes: jsonb("changes").$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
    note: text("note"),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    foreignKey({
      columns: [table.organizationId, table.activityId],
      foreignColumns: [activities.organizationId, activities.id],
      name: "activity_history_activity_fk",
    }).onDelete("cascade"),
    index("activity_history_activity_idx").on(table.organizationId, table.activityId, table.at),
  ],
);
