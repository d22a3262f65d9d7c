import { z } from "zod";
import { DEFAULT_TRAVEL_SETTINGS } from "../travel.js";

/**
 * A business unit's settings for the scheduling assistant. Stored as JSON on the unit; a
 * missing field takes its default, so older rows keep working when a setting is added.
 */
export const schedulingSettingsSchema = z.object({
  /** Candidate starts are local midnight + k × step. */
  stepMinutes: z.number().int().min(5).max(240).default(15),
  travel: z
    .object({
      roadFactor: z.number().min(1).max(3).default(DEFAULT_TRAVEL_SETTINGS.roadFactor),
      averageSpeedKmh: z.number().min(5).max(130).default(DEFAULT_TRAVEL_SETTINGS.averageSpeedKmh),
      overheadMinutes: z.number().int().min(0).max(60).default(DEFAULT_TRAVEL_SETTINGS.overheadMinutes),
    })
    .prefault({}),
  score: z
    .object({
      /** Points lost per minute of travel the visit adds to the worker's route. */
      travelMinuteWeight: z.number().min(0).max(10).default(1),
      /** Points lost per day between the start of the searched range and the slot. */
      delayDayWeight: z.number().min(0).max(20).default(1),
      /** Points lost when the worker's day is fully booked, in proportion to the booked share. */
      workloadWeight: z.number().min(0).max(100).default(10),
      /** Slots scoring at least this are green; lower feasible slots are orange. */
      greenFrom: z.number().min(0).max(100).default(70),
    })
    .prefault({}),
});

export type SchedulingSettings = z.infer<typeof schedulingSettingsSchema>;
export type SchedulingSettingsInput = z.input<typeof schedulingSettingsSchema>;

export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = schedulingSettingsSchema.parse({});

/** Reads stored settings, filling defaults; a stored value that no longer validates is replaced by its default. */
export function readSchedulingSettings(stored: unknown): SchedulingSettings {
  const parsed = schedulingSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_SCHEDULING_SETTINGS;
}

/**
 * What a customer may book for an activity type. Staff searches ignore the notice, horizon and
 * windows; customers always go through them.
 */
export const bookingPolicySchema = z.object({
  /** Earliest start from now, in minutes. */
  minimumNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 60)
    .default(120),
  /** Latest day offered, in days from today. */
  horizonDays: z.number().int().min(1).max(366).default(60),
  /** Length of the arrival windows shown to customers; each window starts at local midnight + k × length. */
  arrivalWindowMinutes: z.number().int().min(15).max(720).default(120),
  /** How many arrival windows to offer. */
  choices: z.number().int().min(1).max(50).default(6),
  /** Whether the customer sees the field worker's name. */
  showWorker: z.boolean().default(false),
  /** A customer may move the visit until this many hours before its start. */
  rescheduleCutoffHours: z.number().int().min(0).max(720).default(24),
  /** A customer may cancel the visit until this many hours before its start. */
  cancelCutoffHours: z.number().int().min(0).max(720).default(24),
});

export type BookingPolicy = z.infer<typeof bookingPolicySchema>;
export type BookingPolicyInput = z.input<typeof bookingPolicySchema>;

export const DEFAULT_BOOKING_POLICY: BookingPolicy = bookingPolicySchema.parse({});

export function readBookingPolicy(stored: unknown): BookingPolicy {
  const parsed = bookingPolicySchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_BOOKING_POLICY;
}

/**
 * Whether a customer may still change (move or cancel) a visit: only while `now` is strictly
 * before `start − cutoff`. A visit that has started, or whose start is past, can never be changed
 * by its customer; staff may still move it.
 */
export function customerMayChange(startAt: Date, now: Date, cutoffHours: number): boolean {
  return now.getTime() < startAt.getTime() - cutoffHours * 3_600_000;
}
