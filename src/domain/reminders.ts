import { DateTime } from "luxon";
import { z } from "zod";

/**
 * When a customer is reminded of a visit: a number of hours before its start, or on the day
 * before at a local wall time (the default: 18:00 the evening before, in the unit's zone).
 */
export const reminderRuleSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("hours_before"),
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14),
  }),
  z.object({
    kind: z.literal("day_before_at"),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use a time such as 18:00"),
  }),
]);
export type ReminderRule = z.infer<typeof reminderRuleSchema>;

export const notificationSettingsSchema = z.object({
  reminders: z
    .array(reminderRuleSchema)
    .max(5)
    .default([{ kind: "day_before_at", time: "18:00" }]),
  /** Name shown as the sender of emails; the unit's name when empty. */
  fromName: z.string().trim().max(100).default(""),
  /** Whether customers get an SMS beside the email when they have a mobile number. */
  smsEnabled: z.boolean().default(true),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export type NotificationSettingsInput = z.input<typeof notificationSettingsSchema>;

export function readNotificationSettings(stored: unknown): NotificationSettings {
  const parsed = notificationSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : notificationSettingsSchema.parse({});
}

/**
 * The instants at which to remind the customer of a visit starting at `start`, in time order,
 * keeping only those still ahead of `now` and before the start. "day_before_at" reads its wall
 * time on the local day before the visit in `zone`; a time that does not exist that day (the
 * spring-forward gap) moves to the first instant after the gap.
 */
export function reminderTimes(start: Date, zone: string, rules: readonly ReminderRule[], now: Date): Date[] {
  const times = new Set<number>();
  for (const rule of rules) {
    let at: number;
    if (rule.kind === "hours_before") {
      at = start.getTime() - rule.hours * 3_600_000;
    } else {
      const [hour, minute] = rule.time.split(":").map(Number) as [number, number];
      const dayBefore = DateTime.fromJSDate(start, { zone }).minus({ days: 1 });
      at = dayBefore.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
    }
    if (at > now.getTime() && at < start.getTime()) times.add(at);
  }
  return [...times].sort((a, b) => a - b).map((at) => new Date(at));
}
