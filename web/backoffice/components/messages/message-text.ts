import i18next from "i18next";
import {
  MESSAGE_CHANNELS,
  MESSAGE_EVENTS,
  MESSAGE_STATUSES,
  type MessageChannel,
  type MessageEvent,
  type MessageStatus,
} from "../../lib/messages";

export function isMessageEvent(value: string): value is MessageEvent {
  return (MESSAGE_EVENTS as readonly string[]).includes(value);
}

export function isMessageChannel(value: string): value is MessageChannel {
  return (MESSAGE_CHANNELS as readonly string[]).includes(value);
}

export function isMessageStatus(value: string): value is MessageStatus {
  return (MESSAGE_STATUSES as readonly string[]).includes(value);
}

/** Returns the event's name in the current language, or the server's code for an unknown event. */
export function eventLabel(event: string): string {
  return isMessageEvent(event) ? i18next.t(`messages:events.${event}`) : event;
}

export function channelLabel(channel: string): string {
  return isMessageChannel(channel) ? i18next.t(`messages:channels.${channel}`) : channel;
}

export function statusLabel(status: string): string {
  return isMessageStatus(status) ? i18next.t(`messages:statuses.${status}`) : status;
}

const TRANSPORTS = ["smtp", "local", "http", "log"] as const;

export function transportLabel(transport: string): string {
  const known = TRANSPORTS.find((candidate) => candidate === transport);
  return known ? i18next.t(`messages:transports.${known}`) : transport;
}

/**
 * Keys of the replacement codes' descriptions. i18next reads dots in keys as nesting, and "code"
 * is both a code and the start of "code.minutes", so the keys use underscores.
 */
const REPLACEMENT_CODE_KEYS = {
  "customer.name": "customer_name",
  "customer.first_name": "customer_first_name",
  "activity.reference": "activity_reference",
  "activity.type": "activity_type",
  "activity.date": "activity_date",
  "activity.time": "activity_time",
  "activity.window": "activity_window",
  "activity.address": "activity_address",
  "activity.worker": "activity_worker",
  "bu.name": "bu_name",
  "bu.phone": "bu_phone",
  "bu.email": "bu_email",
  "portal.url": "portal_url",
  "portal.link": "portal_link",
  code: "code",
  "code.minutes": "code_minutes",
  "sign_in.url": "sign_in_url",
  "activity.state": "activity_state",
  "survey.url": "survey_url",
  "invitation.url": "invitation_url",
  "reset.url": "reset_url",
  "reset.minutes": "reset_minutes",
  "user.name": "user_name",
  "organization.name": "organization_name",
  "portal_event.action": "portal_event_action",
  "activity.staff_url": "activity_staff_url",
} as const;

/** Returns what a replacement code stands for, or an empty string for a code this UI does not know. */
export function replacementCodeDescription(code: string): string {
  if (!Object.hasOwn(REPLACEMENT_CODE_KEYS, code)) {
    return "";
  }
  const key = REPLACEMENT_CODE_KEYS[code as keyof typeof REPLACEMENT_CODE_KEYS];
  return i18next.t(`messages:codes.${key}`);
}
