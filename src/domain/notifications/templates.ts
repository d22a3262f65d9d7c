import {
  type Channel,
  EVENT_CODES,
  isChannel,
  isNotificationEvent,
  isReplacementCode,
  type NotificationEvent,
  REPLACEMENT_CODES,
  type ReplacementCode,
} from "./codes.js";
import {
  type TemplatePart,
  type TemplateProblem,
  type TemplateProblemDraft,
  templateProblemMessage,
} from "./template-problems.js";
import { CODE_NAME_PATTERN, parseTemplate } from "./template-syntax.js";

/**
 * Message templates with replacement codes: validation of templates written by staff, and the
 * default templates. Rendering lives in render.ts.
 */

export { defaultTemplate } from "./default-templates.js";
export {
  type EmailTemplate,
  type RenderedEmail,
  type RenderedSms,
  type RenderOptions,
  renderEmail,
  renderSms,
  renderTemplate,
  type SmsTemplate,
  type TemplateValues,
} from "./render.js";

import { editDistance } from "../text/edit-distance.js";

export type { TemplatePart, TemplateProblem, TemplateProblemCode } from "./template-problems.js";
export { templateProblemMessage } from "./template-problems.js";
export { listReplacementCodes } from "./template-syntax.js";

/** Maximum length of an email subject, in UTF-16 code units. */
export const MAX_SUBJECT_LENGTH = 200;
/** Maximum length of an email template's text, in UTF-16 code units. */
export const MAX_EMAIL_BODY_LENGTH = 10_000;
/** Maximum length of an SMS template's text, in UTF-16 code units. Rendered values may lengthen the SMS. */
export const MAX_SMS_BODY_LENGTH = 1_000;

export interface TemplateInput {
  /** Required for email, absent or empty for SMS. */
  subject?: string | undefined;
  body: string;
}

/**
 * Checks a template for an event and channel. Returns every problem found, errors and warnings, in
 * the order of the text. A template without errors can be saved. Throws a RangeError for an unknown
 * event or channel, which is a programming error rather than a problem of the template.
 */
export function validateTemplate(
  event: NotificationEvent,
  channel: Channel,
  template: TemplateInput,
): TemplateProblem[] {
  if (!isNotificationEvent(event)) {
    throw new RangeError(`Unknown notification event "${String(event)}".`);
  }
  if (!isChannel(channel)) {
    throw new RangeError(`Unknown channel "${String(channel)}": use email or sms.`);
  }

  const drafts: TemplateProblemDraft[] = [];
  const subject = template.subject ?? "";
  if (channel === "email") {
    if (subject.trim() === "") {
      drafts.push({ code: "missing_subject", severity: "error", part: "subject", params: {} });
    } else {
      drafts.push(...checkText(subject, "subject", event, MAX_SUBJECT_LENGTH));
    }
  } else if (subject.trim() !== "") {
    drafts.push({ code: "subject_not_allowed", severity: "error", part: "subject", params: { channel } });
  }

  if (template.body.trim() === "") {
    drafts.push({ code: "empty_body", severity: "error", part: "body", params: {} });
  } else {
    const maxLength = channel === "email" ? MAX_EMAIL_BODY_LENGTH : MAX_SMS_BODY_LENGTH;
    drafts.push(...checkText(template.body, "body", event, maxLength));
  }

  return drafts.map(
    (draft) => ({ ...draft, message: templateProblemMessage(draft, "en") }) as TemplateProblem,
  );
}

function checkText(
  text: string,
  part: TemplatePart,
  event: NotificationEvent,
  maxLength: number,
): TemplateProblemDraft[] {
  const allowed = EVENT_CODES[event];
  const found: TemplateProblemDraft[] = [];
  const at = (offset: number) => ({ part, offset, ...lineAndColumn(text, offset) });

  const { tokens, issues } = parseTemplate(text);
  for (const issue of issues) {
    if (issue.kind === "escaped_replacement_code") {
      found.push({
        code: issue.kind,
        severity: "warning",
        ...at(issue.offset),
        params: { name: issue.name ?? "" },
      });
    } else {
      found.push({ code: issue.kind, severity: "error", ...at(issue.offset), params: {} });
    }
  }

  for (const token of tokens) {
    if (token.kind !== "code") continue;
    const name = token.name;
    if (!CODE_NAME_PATTERN.test(name)) {
      const suggestion = suggestSpelling(name, allowed);
      found.push({
        code: "invalid_replacement_code",
        severity: "error",
        ...at(token.offset),
        params: suggestion === undefined ? { text: name } : { text: name, suggestion },
      });
    } else if (!isReplacementCode(name)) {
      const suggestion = suggestCode(name, allowed);
      found.push({
        code: "unknown_replacement_code",
        severity: "error",
        ...at(token.offset),
        params: suggestion === undefined ? { name, allowed } : { name, allowed, suggestion },
      });
    } else if (!allowed.includes(name)) {
      found.push({
        code: "replacement_code_not_allowed",
        severity: "error",
        ...at(token.offset),
        params: { name, event, allowed },
      });
    }
  }

  if (part === "subject") {
    const lineBreak = text.search(/[\r\n]/);
    if (lineBreak !== -1) {
      found.push({ code: "line_break_in_subject", severity: "error", ...at(lineBreak), params: {} });
    }
  }

  found.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
  if (text.length > maxLength) {
    found.push({
      code: "too_long",
      severity: "error",
      part,
      params: { length: text.length, max: maxLength },
    });
  }
  return found;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - (before.lastIndexOf("\n") + 1) + 1;
  return { line, column };
}

/** Suggests the code meant by a badly spelled one, such as `{ Customer.Name }`. */
function suggestSpelling(text: string, allowed: readonly ReplacementCode[]): string | undefined {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, "");
  if (CODE_NAME_PATTERN.test(normalized) && isReplacementCode(normalized)) return normalized;
  return CODE_NAME_PATTERN.test(normalized) ? suggestCode(normalized, allowed) : undefined;
}

/**
 * Suggests the nearest code by edit distance, preferring the codes allowed for the event, when it
 * is at most 2 edits away or a quarter of the name's length for long names.
 */
function suggestCode(name: string, allowed: readonly ReplacementCode[]): string | undefined {
  const maxDistance = Math.max(2, Math.floor(name.length / 4));
  for (const candidates of [allowed, Object.keys(REPLACEMENT_CODES)]) {
    let best: string | undefined;
    let bestDistance = maxDistance + 1;
    for (const candidate of candidates) {
      const distance = editDistance(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best !== undefined) return best;
  }
  return undefined;
}
