/**
 * Notification events, channels and the replacement codes that each event's templates may use.
 */

export const NOTIFICATION_EVENTS = [
  "login_code",
  "appointment_booked",
  "appointment_moved",
  "appointment_canceled",
  "appointment_reminder",
  "visit_closed_survey",
  "staff_invitation",
  "password_reset",
  "portal_event",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const CHANNELS = ["email", "sms"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Every replacement code, with what the service fills it with. */
export const REPLACEMENT_CODES = {
  "customer.name": "Customer's full name, or the company name for a professional customer",
  "customer.first_name": "Customer's first name; empty for a company",
  "activity.reference": "Activity reference",
  "activity.type": "Displayed name of the activity type",
  "activity.date": "Visit date in the business unit's zone, e.g. mercredi 10 juin 2026",
  "activity.time": "Visit start time with the zone named, e.g. 09:00 (heure de Paris)",
  "activity.window": "Arrival window with the zone named, e.g. entre 09:00 et 11:00 (heure de Paris)",
  "activity.address": "Visit address on one line",
  "activity.worker": "Name of the assigned field worker; empty when the booking policy hides it",
  "bu.name": "Business unit's displayed company name",
  "bu.phone": "Business unit's contact phone number",
  "bu.email": "Business unit's contact email address",
  "portal.url": "Address of the customer portal's home page",
  "portal.link": "Address of this activity's page on the customer portal",
  code: "One-time login code",
  "code.minutes": "Minutes until the login code expires",
  "sign_in.url": "Link that signs in to the customer portal with the login code, after a click on its page",
  "survey.url": "Address of the satisfaction survey",
  "invitation.url": "Address where an invited staff member accepts the invitation",
  "reset.url": "Address where a staff member chooses a new password",
  "reset.minutes": "Minutes until the password reset link expires",
  "user.name": "Staff member's name",
  "organization.name": "Organization's name",
  "portal_event.action":
    "What the customer did on the portal: the action's label, such as Book a maintenance visit",
  "activity.staff_url": "Address of the activity in the back office",
} as const satisfies Record<string, string>;
export type ReplacementCode = keyof typeof REPLACEMENT_CODES;

export function isReplacementCode(name: string): name is ReplacementCode {
  return Object.hasOwn(REPLACEMENT_CODES, name);
}

export function isNotificationEvent(value: string): value is NotificationEvent {
  return (NOTIFICATION_EVENTS as readonly string[]).includes(value);
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

const BUSINESS_UNIT: readonly ReplacementCode[] = ["bu.name", "bu.phone", "bu.email", "organization.name"];
const CUSTOMER: readonly ReplacementCode[] = ["customer.name", "customer.first_name", "portal.url"];
const APPOINTMENT: readonly ReplacementCode[] = [
  ...CUSTOMER,
  "activity.reference",
  "activity.type",
  "activity.date",
  "activity.time",
  "activity.window",
  "activity.address",
  "activity.worker",
  "portal.link",
  ...BUSINESS_UNIT,
];

/**
 * Replacement codes allowed per event. A login code goes to an email address or phone number that
 * may match several customers, so its message names no customer.
 */
export const EVENT_CODES: Record<NotificationEvent, readonly ReplacementCode[]> = {
  login_code: ["code", "code.minutes", "sign_in.url", "portal.url", ...BUSINESS_UNIT],
  appointment_booked: APPOINTMENT,
  appointment_moved: APPOINTMENT,
  appointment_canceled: APPOINTMENT,
  appointment_reminder: APPOINTMENT,
  visit_closed_survey: [
    ...CUSTOMER,
    "activity.reference",
    "activity.type",
    "activity.date",
    "activity.address",
    "activity.worker",
    "survey.url",
    ...BUSINESS_UNIT,
  ],
  staff_invitation: ["user.name", "invitation.url", "organization.name", "bu.name"],
  password_reset: ["user.name", "reset.url", "reset.minutes", "organization.name"],
  portal_event: [
    "user.name",
    "portal_event.action",
    "customer.name",
    "activity.reference",
    "activity.type",
    "activity.date",
    "activity.time",
    "activity.staff_url",
    "bu.name",
  ],
};
