import { z } from "zod";
import { CANCEL_REASONS, DERIVED_STATES } from "../../../../domain/activities/lifecycle.js";

export const activityParams = z.object({ buId: z.uuid(), activityId: z.uuid() });

const instant = z.iso.datetime({
  offset: true,
  error: "use an ISO 8601 instant with an offset, such as 2026-03-02T09:00:00+01:00",
});

const addressSchema = z.object({
  addressLine1: z.string().trim().max(300).nullable(),
  addressLine2: z.string().trim().max(300).nullable(),
  postcode: z.string().trim().max(20).nullable(),
  city: z.string().trim().max(200).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
});

const link = z.object({
  id: z.string(),
  reference: z.string(),
  state: z.enum(DERIVED_STATES),
  activityTypeId: z.string(),
});

export const activityViewSchema = z.object({
  id: z.string(),
  reference: z.string(),
  businessUnitId: z.string(),
  activityTypeId: z.string(),
  activityTypeName: z.string(),
  activityTypeColour: z.string(),
  status: z.enum(["pending", "in_progress", "terminated", "canceled"]),
  state: z.enum(DERIVED_STATES),
  result: z.string().nullable(),
  cancelReason: z.string().nullable(),
  cancelDetails: z.string().nullable(),
  comment: z.string().nullable(),
  durationMinutes: z.number(),
  customer: z.object({ id: z.string(), reference: z.string(), displayName: z.string() }).nullable(),
  address: addressSchema,
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  startAt: z.string().nullable(),
  endAt: z.string().nullable(),
  confirmedByCustomer: z.boolean(),
  answers: z.record(z.string(), z.unknown()),
  closingAnswers: z.record(z.string(), z.unknown()).nullable(),
  startedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  parent: link.nullable(),
  children: z.array(link),
  history: z.array(
    z.object({
      at: z.string(),
      actorKind: z.string(),
      actorName: z.string().nullable(),
      action: z.string(),
      changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
      note: z.string().nullable(),
    }),
  ),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const activityListItemSchema = z.object({
  id: z.string(),
  reference: z.string(),
  activityTypeId: z.string(),
  activityTypeName: z.string(),
  activityTypeColour: z.string(),
  state: z.enum(DERIVED_STATES),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  startAt: z.string().nullable(),
  endAt: z.string().nullable(),
  durationMinutes: z.number(),
  city: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  confirmedByCustomer: z.boolean(),
  parentId: z.string().nullable(),
});

const stateFilter = z.enum([...DERIVED_STATES, "open"]);

export const listQuery = z.object({
  state: z
    .union([stateFilter, z.array(stateFilter)])
    .optional()
    .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value])),
  activityTypeId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  from: instant.optional(),
  to: instant.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const createBody = z.object({
  activityTypeId: z.uuid(),
  customerId: z.uuid().nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  comment: z.string().max(5000).nullable().optional(),
  durationMinutes: z.number().int().min(1).max(1440).optional(),
  address: addressSchema.optional(),
  answers: z.record(z.string(), z.unknown()).optional(),
});

export const updateBody = z
  .object({
    comment: z.string().max(5000).nullable(),
    durationMinutes: z.number().int().min(1).max(1440),
    address: addressSchema,
    answers: z.record(z.string(), z.unknown()),
    confirmedByCustomer: z.boolean(),
    customerId: z.uuid().nullable(),
    parentId: z.uuid().nullable(),
  })
  .partial()
  .strict();

export const scheduleBody = z.object({
  assigneeId: z.uuid(),
  startAt: instant,
  acceptWarnings: z.boolean().optional(),
  /** Tell the customer by email and SMS and schedule reminders (default true). */
  notifyCustomer: z.boolean().optional(),
});

export const scheduleResponse = z.object({
  activity: activityViewSchema,
  warnings: z.array(
    z.object({
      code: z.string(),
      message: z.string(),
      neededMinutes: z.number().optional(),
      availableMinutes: z.number().optional(),
      activityId: z.string().optional(),
      unavailabilityReason: z.string().optional(),
      label: z.string().optional(),
      skillName: z.string().optional(),
      requiredLevel: z.number().optional(),
      workerLevel: z.number().nullable().optional(),
    }),
  ),
});

export const closeBody = z.object({ answers: z.record(z.string(), z.unknown()) });
export const cancelBody = z.object({
  reason: z.enum(CANCEL_REASONS),
  details: z.string().max(2000).nullable().optional(),
});
