import type { Language } from "../business-units/localisation.js";
import type { ReplacementCode } from "./codes.js";
import { escapeHtml, textToHtml } from "./html.js";
import { measureSms, type SmsLength } from "./sms.js";
import { parseTemplate } from "./template-syntax.js";

/** Values of replacement codes. Codes without a value render as empty text. */
export type TemplateValues = Readonly<Partial<Record<ReplacementCode, string | number | null | undefined>>>;

export interface RenderOptions {
  /** Returns an HTML fragment of paragraphs instead of plain text. */
  html: boolean;
}

/**
 * Characters that a value must not carry into a message: control characters other than tab and
 * line feed, and the bidirectional overrides and isolates that can make a name read backwards.
 */
const UNSAFE_CHARACTERS = /[^\P{Cc}\t\n]|[\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Fills a template's replacement codes with `values`.
 *
 * - A code without a value, or unknown, renders as empty text, never as the code itself.
 * - A line whose replacement codes all render empty is removed with its literal text, so that
 *   "Technicien : {activity.worker}" disappears when no worker is named. Runs of blank lines left
 *   behind shrink to one, and leading and trailing blank lines are removed.
 * - `{{` and `}}` render as `{` and `}`. An unclosed `{` or unmatched `}` renders as it is written,
 *   which `validateTemplate` reports beforehand.
 * - With `html: true`, the plain text is escaped and converted by `textToHtml`.
 */
export function renderTemplate(template: string, values: TemplateValues, options: RenderOptions): string {
  const text = renderPlainText(template, values);
  return options.html ? textToHtml(text) : text;
}

interface RenderedLine {
  text: string;
  codes: number;
  filledCodes: number;
}

function renderPlainText(template: string, values: TemplateValues, dropEmptyLines = true): string {
  const lines: RenderedLine[] = [{ text: "", codes: 0, filledCodes: 0 }];
  let current = lines[0] as RenderedLine;

  for (const token of parseTemplate(template.replace(/\r\n?/g, "\n")).tokens) {
    if (token.kind === "code") {
      const value = cleanValue(values, token.name);
      current.codes += 1;
      if (value !== "") current.filledCodes += 1;
      current.text += value;
      continue;
    }
    const [first, ...rest] = token.text.split("\n");
    current.text += first;
    for (const piece of rest) {
      current = { text: piece, codes: 0, filledCodes: 0 };
      lines.push(current);
    }
  }

  const remainingLines = lines
    .filter((line) => !dropEmptyLines || line.codes === 0 || line.filledCodes > 0)
    .map((line) => line.text);
  return remainingLines
    .join("\n")
    .replace(/\n(?:[ \t]*\n){2,}/g, "\n\n")
    .replace(/^(?:[ \t]*\n)+|(?:\n[ \t]*)+$/g, "");
}

function cleanValue(values: TemplateValues, name: string): string {
  if (!Object.hasOwn(values, name)) return "";
  const value = values[name as ReplacementCode];
  if (value === null || value === undefined) return "";
  return String(value).replace(/\r\n?/g, "\n").replace(UNSAFE_CHARACTERS, "");
}

export interface EmailTemplate {
  subject: string;
  body: string;
}

export interface RenderedEmail {
  /** Subject on one line, with line breaks in values turned into spaces. Its line is never dropped. */
  subject: string;
  text: string;
  /** A complete HTML document with the language set, for the HTML part of the email. */
  html: string;
}

/** Renders an email's subject, text part and HTML part. */
export function renderEmail(
  template: EmailTemplate,
  values: TemplateValues,
  language: Language,
): RenderedEmail {
  const subject = renderPlainText(template.subject, values, false)
    .replace(/\s*\n\s*/g, " ")
    .trim();
  const text = renderPlainText(template.body, values);
  const html = [
    "<!DOCTYPE html>",
    `<html lang="${language}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title>`,
    "</head>",
    "<body>",
    textToHtml(text),
    "</body>",
    "</html>",
    "",
  ].join("\n");
  return { subject, text, html };
}

export interface SmsTemplate {
  body: string;
}

export interface RenderedSms {
  text: string;
  length: SmsLength;
}

/** Renders an SMS and measures its length and segments. */
export function renderSms(template: SmsTemplate, values: TemplateValues): RenderedSms {
  const text = renderPlainText(template.body, values);
  return { text, length: measureSms(text) };
}
