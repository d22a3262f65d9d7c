/**
 * Notification content: dates and times of visits, message templates with replacement codes,
 * SMS length, and iCalendar attachments. The functions are pure, and sending happens elsewhere.
 */
export {
  CHANNELS,
  type Channel,
  EVENT_CODES,
  isChannel,
  isNotificationEvent,
  isReplacementCode,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  REPLACEMENT_CODES,
  type ReplacementCode,
} from "./codes.js";
export { escapeHtml, textToHtml } from "./html.js";
export {
  buildIcs,
  escapeIcsText,
  foldIcsLine,
  ICS_MAX_LINE_OCTETS,
  ICS_PRODUCT_ID,
  type IcsEventInput,
  type IcsPerson,
  visitUid,
} from "./ics.js";
export type { Instant } from "./instant.js";
export { isGsm7, measureSms, type SmsEncoding, type SmsLength } from "./sms.js";
export {
  defaultTemplate,
  type EmailTemplate,
  listReplacementCodes,
  MAX_EMAIL_BODY_LENGTH,
  MAX_SMS_BODY_LENGTH,
  MAX_SUBJECT_LENGTH,
  type RenderedEmail,
  type RenderedSms,
  type RenderOptions,
  renderEmail,
  renderSms,
  renderTemplate,
  type SmsTemplate,
  type TemplateInput,
  type TemplatePart,
  type TemplateProblem,
  type TemplateProblemCode,
  type TemplateValues,
  templateProblemMessage,
  validateTemplate,
} from "./templates.js";
export { withFrenchSpacing } from "./typography.js";
export {
  type ArrivalWindowInput,
  describeArrivalWindow,
  describeVisitTime,
  ENGLISH_LOCALES,
  type EnglishLocale,
  type RecipientTime,
  type VisitTime,
  type VisitTimeInput,
  type VisitTimeValues,
  visitTimeValues,
} from "./when.js";
export { zoneDisplayName } from "./zone-names.js";
