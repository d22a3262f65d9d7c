import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, segment } from "../../shared/api";
import type { Language } from "../../shared/i18n";

export const MESSAGE_EVENTS = [
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
export type MessageEvent = (typeof MESSAGE_EVENTS)[number];

export const MESSAGE_CHANNELS = ["email", "sms"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_STATUSES = ["queued", "sending", "sent", "failed", "expired", "canceled"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A message of the outbox as `GET …/messages` lists it. */
export interface MessageSummary {
  id: string;
  /** `email` or `sms`; typed as a string because the server does not promise a closed list. */
  channel: string;
  event: string;
  /** Email address or E.164 phone number. */
  recipient: string;
  language: string;
  subject: string | null;
  status: string;
  attempts: number;
  maxAttempts: number;
  /** ISO 8601 instants. */
  dueAt: string;
  sentAt: string | null;
  /** The provider's or the transport's error of the last failed attempt, in English. */
  lastError: string | null;
  /** Transport that handled the message: `smtp`, `local` (kept on this server), `http` or `log`. */
  transport: string | null;
  customerId: string | null;
  activityId: string | null;
  createdAt: string;
}

export interface MessageAttachment {
  fileName: string;
  contentType: string;
  /** The attachment's text, such as an iCalendar file. */
  content: string;
}

export interface MessageDetail extends MessageSummary {
  bodyText: string;
  bodyHtml: string | null;
  attachments: MessageAttachment[];
}

export interface MessageFilters {
  customerId: string | null;
  activityId: string | null;
  /** Empty for every status. */
  statuses: MessageStatus[];
  limit: number;
  offset: number;
}

/** A message template, the unit's own wording or the default, as `GET …/message-templates` lists it. */
export interface MessageTemplate {
  event: MessageEvent;
  channel: MessageChannel;
  language: Language;
  /** Null for SMS, which have no subject. */
  subject: string | null;
  body: string;
  /** False while the unit uses the default wording. */
  customized: boolean;
  /** Replacement codes that this event's templates may use, such as `customer.name`. */
  codes: string[];
}

export interface TemplateKey {
  event: MessageEvent;
  channel: MessageChannel;
  language: Language;
}

export type ReminderRule = { kind: "hours_before"; hours: number } | { kind: "day_before_at"; time: string };

export interface NotificationSettings {
  /** At most `MAX_REMINDERS` rules. */
  reminders: ReminderRule[];
  /** Sender name of emails; the unit's name when empty. */
  fromName: string;
  /** Whether customers with a mobile number also get an SMS. */
  smsEnabled: boolean;
}

/** Limits that the server checks on the notification settings. */
export const MAX_REMINDERS = 5;
export const MAX_REMINDER_HOURS = 24 * 14;
export const MAX_FROM_NAME_LENGTH = 100;

const unitPath = (buId: string) => `/api/business-units/${segment(buId)}`;
const messagesPath = (buId: string) => `${unitPath(buId)}/messages`;
const templatePath = (buId: string, key: TemplateKey) =>
  `${unitPath(buId)}/message-templates/${segment(key.event)}/${segment(key.channel)}/${segment(key.language)}`;

/** Every query of the unit's messages starts with this key, so one call invalidates them all. */
export const messagesQueryKey = (buId: string) => ["messages", buId] as const;
const templatesQueryKey = (buId: string) => ["messageTemplates", buId] as const;
const notificationSettingsQueryKey = (buId: string) => ["notificationSettings", buId] as const;

/** Refresh period of a list or message with a message about to leave, in milliseconds. */
const PENDING_REFRESH_MS = 5_000;
/**
 * A queued message counts as about to leave when it is due within this many milliseconds. Later
 * ones, such as the reminder of a visit next week, do not keep the page reloading.
 */
const DUE_SOON_MS = 60_000;

/** Tells whether a message is being sent, or queued and due within a minute. */
export function isLeavingSoon(message: Pick<MessageSummary, "status" | "dueAt">, now = Date.now()): boolean {
  return (
    message.status === "sending" ||
    (message.status === "queued" && new Date(message.dueAt).getTime() <= now + DUE_SOON_MS)
  );
}

export function messageListSearch(filters: MessageFilters): string {
  const params = new URLSearchParams();
  if (filters.customerId) {
    params.set("customerId", filters.customerId);
  }
  if (filters.activityId) {
    params.set("activityId", filters.activityId);
  }
  if (filters.statuses.length > 0) {
    params.set("status", filters.statuses.join(","));
  }
  params.set("limit", String(filters.limit));
  params.set("offset", String(filters.offset));
  return params.toString();
}

/**
 * Loads one page of the unit's messages, newest first (admins and planners). While a listed
 * message is about to leave, the page reloads every few seconds, so its status follows the outbox.
 */
export function useMessages(buId: string, filters: MessageFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...messagesQueryKey(buId), "list", filters],
    queryFn: ({ signal }) =>
      api.get<MessageSummary[]>(`${messagesPath(buId)}?${messageListSearch(filters)}`, signal),
    placeholderData: (previous) => previous,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.some((message) => isLeavingSoon(message)) ? PENDING_REFRESH_MS : false,
    enabled: options.enabled ?? true,
  });
}

/** Loads one message with its text and attachments; runs only once `messageId` is set. */
export function useMessage(buId: string, messageId: string | null) {
  return useQuery({
    queryKey: [...messagesQueryKey(buId), "one", messageId],
    queryFn: ({ signal }) =>
      api.get<MessageDetail>(`${messagesPath(buId)}/${segment(messageId ?? "")}`, signal),
    enabled: messageId !== null,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data && isLeavingSoon(query.state.data) ? PENDING_REFRESH_MS : false,
  });
}

/** Queues a failed message again, as a new message with the same content. */
export function useResendMessage(buId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      api.post<MessageSummary>(`${messagesPath(buId)}/${segment(messageId)}/resend`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagesQueryKey(buId) }),
  });
}

export function useMessageTemplates(buId: string) {
  return useQuery({
    queryKey: templatesQueryKey(buId),
    queryFn: ({ signal }) => api.get<MessageTemplate[]>(`${unitPath(buId)}/message-templates`, signal),
  });
}

/** Stores the template that the server returned in place of the listed one. */
function useStoreTemplate(buId: string) {
  const queryClient = useQueryClient();
  return (saved: MessageTemplate) =>
    queryClient.setQueryData<MessageTemplate[]>(templatesQueryKey(buId), (templates) =>
      templates?.map((template) =>
        template.event === saved.event &&
        template.channel === saved.channel &&
        template.language === saved.language
          ? saved
          : template,
      ),
    );
}

/**
 * Saves the unit's wording of one template (admins). A template with an unknown or misplaced
 * replacement code fails with `validation_failed`, and `details.problems` locates each problem.
 */
export function useSaveTemplate(buId: string) {
  const store = useStoreTemplate(buId);
  return useMutation({
    mutationFn: ({ key, subject, body }: { key: TemplateKey; subject: string | null; body: string }) =>
      api.put<MessageTemplate>(
        templatePath(buId, key),
        key.channel === "email" ? { subject, body } : { body },
      ),
    onSuccess: store,
  });
}

/** Goes back to the default wording of one template (admins). */
export function useResetTemplate(buId: string) {
  const store = useStoreTemplate(buId);
  return useMutation({
    mutationFn: (key: TemplateKey) => api.delete<MessageTemplate>(templatePath(buId, key)),
    onSuccess: store,
  });
}

export function useNotificationSettings(buId: string) {
  return useQuery({
    queryKey: notificationSettingsQueryKey(buId),
    queryFn: ({ signal }) => api.get<NotificationSettings>(`${unitPath(buId)}/notification-settings`, signal),
  });
}

/** Replaces the unit's notification settings (admins). */
export function useUpdateNotificationSettings(buId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: NotificationSettings) =>
      api.put<NotificationSettings>(`${unitPath(buId)}/notification-settings`, settings),
    onSuccess: (saved) => queryClient.setQueryData(notificationSettingsQueryKey(buId), saved),
  });
}
