import { z } from "zod";
import {
  bookingPolicySchema,
  schedulingSettingsSchema,
} from "../../../../domain/scheduling/assistant/index.js";

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use the YYYY-MM-DD form, such as 2026-06-11");

export const rangeQuery = z.object({ from: localDate.optional(), to: localDate.optional() });

export const offerQuery = rangeQuery.extend({
  zone: z.string().min(1).max(64).optional(),
});

export const explainQuery = z.object({
  workerId: z.uuid(),
  start: z.iso.datetime({
    offset: true,
    error: "use an ISO 8601 instant with an offset, such as 2026-06-11T09:00:00+02:00",
  }),
});

export const newActivityOfferBody = z.object({
  activityTypeId: z.uuid(),
  /** The customer's place; leave both out when the customer is not located. */
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  zone: z.string().min(1).max(64).optional(),
});

/** Start fields are plain text here: the service gives 422 with the field for text without an offset. */
export const bookBody = z
  .object({
    start: z.string().max(40).optional(),
    startLocal: z.string().max(40).optional(),
    windowStart: z.string().max(40).optional(),
    workerId: z.uuid().optional(),
  })
  .strict();

const travelSide = z.object({
  activityId: z.string().nullable(),
  minutes: z.number(),
  km: z.number(),
  unknown: z.boolean(),
});

/** Reasons keep their own fields; see `Reason` in the domain for each code's shape. */
const reason = z.looseObject({ code: z.string() });

const slot = z.object({
  workerId: z.string(),
  workerName: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  travelBefore: travelSide,
  travelAfter: travelSide,
  addedMinutes: z.number(),
  addedKm: z.number(),
  score: z.number(),
  grade: z.enum(["green", "orange"]),
});

const unsuitable = z.object({
  workerId: z.string(),
  workerName: z.string(),
  date: z.string().nullable(),
  grade: z.literal("red"),
  reasons: z.array(reason),
});

export const suggestionsSchema = z.object({
  activityId: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  durationMinutes: z.number(),
  located: z.boolean(),
  travelProvider: z.string(),
  best: z.array(slot),
  days: z.array(z.object({ date: z.string(), slots: z.array(slot), unsuitable: z.array(unsuitable) })),
  workers: z.array(
    z.object({
      workerId: z.string(),
      workerName: z.string(),
      best: slot.nullable(),
      greenSlots: z.number(),
      feasibleSlots: z.number(),
      grade: z.enum(["green", "orange", "red"]),
      unsuitable: z.array(unsuitable),
    }),
  ),
});

export const explanationSchema = z.object({
  workerId: z.string(),
  workerName: z.string(),
  start: z.string(),
  end: z.string(),
  feasible: z.boolean(),
  reasons: z.array(reason),
  travelBefore: travelSide.nullable(),
  travelAfter: travelSide.nullable(),
});

export const offerSchema = z.object({
  timeZone: z.string(),
  viewerTimeZone: z.string(),
  from: z.string(),
  to: z.string(),
  arrivalWindowMinutes: z.number(),
  windows: z.array(
    z.object({ start: z.string(), end: z.string(), date: z.string(), workerName: z.string().optional() }),
  ),
});

export const bookingSchema = z.object({
  activityId: z.string(),
  assigneeId: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  arrivalWindow: z.object({ start: z.string(), end: z.string() }).nullable(),
});

export const settingsBody = schedulingSettingsSchema;
export const policyBody = bookingPolicySchema;
