import { z } from "zod";
import { UNAVAILABILITY_REASONS } from "../../../../domain/scheduling/working-time/index.js";

export const workerParams = z.object({ buId: z.uuid(), userId: z.uuid() });
export const skillParams = z.object({ buId: z.uuid(), skillId: z.uuid() });
export const exceptionParams = workerParams.extend({ exceptionId: z.uuid() });
export const unavailabilityParams = workerParams.extend({ unavailabilityId: z.uuid() });

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use the YYYY-MM-DD form");
const wallTimeRange = z.object({ start: z.string(), end: z.string() });

/** The shape only; the working-time domain checks times, order and overlaps and names each problem. */
export const weeklyHoursSchema = z.object({
  days: z.record(z.string(), z.array(wallTimeRange)),
  lunch: wallTimeRange.optional(),
  lunchByDay: z.record(z.string(), wallTimeRange.nullable()).optional(),
});

export const skillSchema = z.object({ id: z.string(), name: z.string() });
export const skillBody = z.object({ name: z.string().max(100) });

const workerSkill = z.object({ skillId: z.uuid(), level: z.number().int() });

const profileFields = {
  colour: z.string(),
  baseAddressLine1: z.string().nullable(),
  baseAddressLine2: z.string().nullable(),
  basePostcode: z.string().nullable(),
  baseCity: z.string().nullable(),
  baseLatitude: z.number().nullable(),
  baseLongitude: z.number().nullable(),
  weeklyHours: weeklyHoursSchema,
};

export const workerSummarySchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  configured: z.boolean(),
  ...profileFields,
  skills: z.array(z.object({ skillId: z.string(), name: z.string(), level: z.number() })),
});

export const hoursExceptionSchema = z.object({
  from: localDate,
  to: localDate,
  hours: z.union([z.literal("off"), weeklyHoursSchema]),
  label: z.string().max(200).optional(),
  worksOnPublicHolidays: z.boolean().optional(),
});

export const unavailabilitySchema = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  reason: z.enum(UNAVAILABILITY_REASONS),
  note: z.string().optional(),
});

export const workerDetailSchema = workerSummarySchema.extend({
  exceptions: z.array(hoursExceptionSchema.extend({ id: z.string() })),
  unavailabilities: z.array(unavailabilitySchema),
});

export const updateWorkerBody = z
  .object({
    colour: z.string().max(7),
    baseAddressLine1: z.string().trim().max(300).nullable(),
    baseAddressLine2: z.string().trim().max(300).nullable(),
    basePostcode: z.string().trim().max(20).nullable(),
    baseCity: z.string().trim().max(200).nullable(),
    baseLatitude: z.number().min(-90).max(90).nullable(),
    baseLongitude: z.number().min(-180).max(180).nullable(),
    weeklyHours: weeklyHoursSchema,
    skills: z.array(workerSkill).max(100),
  })
  .partial()
  .strict();

export const newUnavailabilityBody = z.object({
  start: z.iso.datetime({
    offset: true,
    error: "use an ISO 8601 instant with an offset, such as 2026-07-30T08:00:00+02:00",
  }),
  end: z.iso.datetime({
    offset: true,
    error: "use an ISO 8601 instant with an offset, such as 2026-08-20T18:00:00+02:00",
  }),
  reason: z.enum(UNAVAILABILITY_REASONS),
  note: z.string().max(500).optional(),
});

export const availabilityQuery = z.object({ from: localDate, to: localDate });

const interval = z.object({ start: z.string(), end: z.string() });
export const dayAvailabilitySchema = z.object({
  date: z.string(),
  working: z.array(interval),
  blocked: z.array(
    interval.extend({
      reason: z.enum(["outside_hours", "lunch", "public_holiday", "day_off", "unavailable"]),
      unavailabilityId: z.string().optional(),
      unavailabilityReason: z.enum(UNAVAILABILITY_REASONS).optional(),
      label: z.string().optional(),
    }),
  ),
});

export const holidaysQuery = z.object({ year: z.coerce.number().int().min(1970).max(2100) });
export const holidaySchema = z.object({ date: z.string(), name: z.string() });
