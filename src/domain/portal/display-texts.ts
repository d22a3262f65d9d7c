import { z } from "zod";
import type { DerivedState } from "../activities/lifecycle.js";
import type { Language } from "../business-units/localisation.js";
import type { FormDefinition } from "../forms/definition.js";
import { isAnswerField, type LocalizedText } from "../forms/schema.js";
import { isReplacementCode, REPLACEMENT_CODES, type ReplacementCode } from "../notifications/codes.js";
import { renderTemplate, type TemplateValues } from "../notifications/render.js";
import { CODE_NAME_PATTERN, parseTemplate } from "../notifications/template-syntax.js";
import { editDistance } from "../text/edit-distance.js";

/**
 * The texts that an activity type shows on the customer portal: a title, a short description and
 * a long description, written with the replacement codes and syntax of message templates
 * (`{activity.date}`, `{{` for a literal brace). The template parser and renderer of the
 * notifications domain do the work, so both kinds of text read and render alike.
 */

export const DISPLAY_TEXT_PARTS = ["title", "description", "longDescription"] as const;
export type DisplayTextPart = (typeof DISPLAY_TEXT_PARTS)[number];

/** Maximum length of each text as written, in UTF-16 code units. Rendered values may lengthen it. */
export const MAX_DISPLAY_TEXT_LENGTH: Record<DisplayTextPart, number> = {
  title: 200,
  description: 500,
  longDescription: 5000,
};

export const DEFAULT_PORTAL_TITLE = "{activity.type}";

/**
 * An activity type's portal display as stored in `activity_types.portal_display`. Each key that
 * is missing or has the wrong type takes its default, so an older or partial value still reads.
 */
export const portalDisplaySchema = z.object({
  shown: z.boolean().default(false).catch(false),
  title: z.string().default(DEFAULT_PORTAL_TITLE).catch(DEFAULT_PORTAL_TITLE),
  description: z.string().default("").catch(""),
  longDescription: z.string().default("").catch(""),
});
export type PortalDisplay = z.output<typeof portalDisplaySchema>;
export type PortalDisplayTexts = Pick<PortalDisplay, DisplayTextPart>;

/** Reads a stored portal display, filling the defaults: hidden, titled with the type's name, no descriptions. */
export function readPortalDisplay(stored: unknown): PortalDisplay {
  const value = typeof stored === "object" && stored !== null && !Array.isArray(stored) ? stored : {};
  return portalDisplaySchema.parse(value);
}

/** The message-template codes that make sense on an activity's portal page. */
export const PORTAL_APPOINTMENT_CODES = [
  "customer.name",
  "customer.first_name",
  "activity.reference",
  "activity.type",
  "activity.date",
  "activity.time",
  "activity.window",
  "activity.address",
  "activity.worker",
  "bu.name",
  "bu.phone",
  "bu.email",
] as const satisfies readonly ReplacementCode[];

/** The activity's derived state, as the customer reads it. */
export const ACTIVITY_STATE_CODE = "activity.state";

/** Prefix of the codes that insert an answer of the activity form, such as `{form.boiler_model}`. */
export const FORM_CODE_PREFIX = "form.";

/** Returns the replacement code of an activity form field, e.g. `form.boiler_model`. */
export function formCode(fieldCode: string): string {
  return `${FORM_CODE_PREFIX}${fieldCode}`;
}

const STATE_LABELS: Record<Language, Record<DerivedState, string>> = {
  en: {
    unscheduled: "To be scheduled",
    scheduled: "Scheduled",
    in_progress: "In progress",
    to_close: "Awaiting closure",
    terminated: "Completed",
    canceled: "Canceled",
  },
  fr: {
    unscheduled: "À planifier",
    scheduled: "Planifiée",
    in_progress: "En cours",
    to_close: "En attente de clôture",
    terminated: "Terminée",
    canceled: "Annulée",
  },
};

/** Returns the value of `{activity.state}`: the derived state in the customer's words. */
export function activityStateLabel(state: DerivedState, language: Language): string {
  return STATE_LABELS[language][state];
}

/** Returns the codes of the activity form's fields that take an answer, which the texts may insert. */
export function portalFormFieldCodes(form: FormDefinition): string[] {
  return form.fields.filter(isAnswerField).map((field) => field.code);
}

export interface PortalCode {
  code: string;
  description: string;
}

/** Lists the codes the portal texts of a type with this activity form may use, with what each inserts. */
export function listPortalCodes(form: FormDefinition): PortalCode[] {
  return [
    ...PORTAL_APPOINTMENT_CODES.map((code) => ({ code, description: REPLACEMENT_CODES[code] })),
    { code: ACTIVITY_STATE_CODE, description: "State of the activity, e.g. Scheduled or Completed" },
    ...form.fields.filter(isAnswerField).map((field) => ({
      code: formCode(field.code),
      description: `Answer to the activity form field "${labelText(field.label)}"; empty when not answered`,
    })),
  ];
}

function labelText(label: LocalizedText): string {
  return label.en || label.fr;
}

export type PortalDisplayProblemCode =
  | "unknown_replacement_code"
  | "replacement_code_not_allowed"
  | "invalid_replacement_code"
  | "unclosed_brace"
  | "unmatched_closing_brace"
  | "escaped_replacement_code"
  | "line_break_in_title"
  | "too_long";

/** One problem of a portal text; `code` is stable so that a screen can translate it. */
export interface PortalDisplayProblem {
  code: PortalDisplayProblemCode;
  /** An error prevents saving. A warning points at text that probably reads wrong. */
  severity: "error" | "warning";
  part: DisplayTextPart;
  /** UTF-16 offset in the text; absent for problems with the whole text. */
  offset?: number;
  /** 1-based line of `offset`. */
  line?: number;
  /** 1-based column of `offset`, in UTF-16 code units. */
  column?: number;
  /** The text at fault as written: a code with its braces, or a lone brace. */
  value?: string;
  /** The allowed code probably meant, for unknown and misspelled codes. */
  suggestion?: string;
  /** Plain English sentence naming the value, where it is and the fix. */
  message: string;
}

/**
 * Checks the three portal texts of an activity type. `formFieldCodes` are the codes of the
 * activity form's answer fields (see `portalFormFieldCodes`), each usable as `{form.<code>}`.
 * Returns every problem, errors and warnings, in the order of the parts and of the text.
 */
export function validatePortalDisplay(
  texts: PortalDisplayTexts,
  formFieldCodes: readonly string[],
): PortalDisplayProblem[] {
  const allowed = [...PORTAL_APPOINTMENT_CODES, ACTIVITY_STATE_CODE, ...formFieldCodes.map(formCode)];
  return DISPLAY_TEXT_PARTS.flatMap((part) => checkText(texts[part], part, allowed));
}

function checkText(
  source: string,
  part: DisplayTextPart,
  allowed: readonly string[],
): PortalDisplayProblem[] {
  const text = source.replace(/\r\n?/g, "\n");
  const problems: PortalDisplayProblem[] = [];
  const at = (offset: number) => ({ part, offset, ...lineAndColumn(text, offset) });
  const partName = PART_NAMES[part];

  const { tokens, issues } = parseTemplate(text);
  for (const issue of issues) {
    const where = at(issue.offset);
    const position = `at line ${where.line}, column ${where.column} of the ${partName}`;
    if (issue.kind === "escaped_replacement_code") {
      const name = issue.name ?? "";
      problems.push({
        code: issue.kind,
        severity: "warning",
        ...where,
        value: `{{${name}}}`,
        message: `{{${name}}} ${position} shows the text {${name}} instead of its value, because {{ and }} are literal braces. Write {${name}} to insert the value.`,
      });
    } else if (issue.kind === "unclosed_brace") {
      problems.push({
        code: issue.kind,
        severity: "error",
        ...where,
        value: "{",
        message: `Unclosed brace ${position}. End the replacement code with } on the same line, or write {{ for a literal {.`,
      });
    } else {
      problems.push({
        code: issue.kind,
        severity: "error",
        ...where,
        value: "}",
        message: `Closing brace without an opening brace ${position}. Write }} for a literal }.`,
      });
    }
  }

  for (const token of tokens) {
    if (token.kind !== "code") continue;
    const name = token.name;
    const where = at(token.offset);
    const position = `at line ${where.line}, column ${where.column} of the ${partName}`;
    const choices = `Use one of ${allowed.map((code) => `{${code}}`).join(", ")}.`;
    if (!CODE_NAME_PATTERN.test(name)) {
      const suggestion = suggestSpelling(name, allowed);
      const hint = suggestion === undefined ? "" : ` Did you mean {${suggestion}}?`;
      problems.push({
        code: "invalid_replacement_code",
        severity: "error",
        ...where,
        value: `{${name}}`,
        ...(suggestion === undefined ? {} : { suggestion }),
        message: `Invalid replacement code {${name}} ${position}: write codes in lower case without spaces, such as {activity.date}.${hint} Write {{ and }} for literal braces.`,
      });
    } else if (!allowed.includes(name)) {
      // A message-template code such as {portal.url} exists but means nothing on the portal page.
      const messageOnly = isReplacementCode(name);
      const suggestion = suggestCode(name, allowed);
      const hint = suggestion === undefined ? "" : ` Did you mean {${suggestion}}?`;
      const reason = messageOnly
        ? `Replacement code {${name}} ${position} is not available on the customer portal.`
        : `Unknown replacement code {${name}} ${position}.`;
      problems.push({
        code: messageOnly ? "replacement_code_not_allowed" : "unknown_replacement_code",
        severity: "error",
        ...where,
        value: `{${name}}`,
        ...(suggestion === undefined ? {} : { suggestion }),
        message: `${reason}${hint} ${choices}`,
      });
    }
  }

  if (part === "title") {
    const lineBreak = text.indexOf("\n");
    if (lineBreak !== -1) {
      const where = at(lineBreak);
      problems.push({
        code: "line_break_in_title",
        severity: "error",
        ...where,
        message: `The title contains a line break at line ${where.line}, column ${where.column}. Write the title on one line.`,
      });
    }
  }

  problems.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
  const max = MAX_DISPLAY_TEXT_LENGTH[part];
  if (text.length > max) {
    problems.push({
      code: "too_long",
      severity: "error",
      part,
      message: `The ${partName} has ${text.length} characters, more than the maximum of ${max}. Shorten it.`,
    });
  }
  return problems;
}

const PART_NAMES: Record<DisplayTextPart, string> = {
  title: "title",
  description: "description",
  longDescription: "long description",
};

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - (before.lastIndexOf("\n") + 1) + 1;
  return { line, column };
}

/** Suggests the allowed code meant by a badly spelled one, such as `{ Activity.Date }`. */
function suggestSpelling(text: string, allowed: readonly string[]): string | undefined {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, "");
  if (allowed.includes(normalized)) return normalized;
  return CODE_NAME_PATTERN.test(normalized) ? suggestCode(normalized, allowed) : undefined;
}

/**
 * Suggests the nearest allowed code by edit distance, when it is at most 2 edits away or a
 * quarter of the name's length for long names. Message templates use the same rule.
 */
function suggestCode(name: string, allowed: readonly string[]): string | undefined {
  const maxDistance = Math.max(2, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of allowed) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Values of the portal codes: the appointment codes, `activity.state` and `form.<code>`. */
export type PortalTextValues = Readonly<Record<string, string | null | undefined>>;

/**
 * Renders one portal text as plain text with the message-template renderer: a code without a
 * value, or unknown, renders empty and never as the code itself, and a line whose codes all
 * render empty is dropped. The result is trimmed. It is plain text, so the page must escape it.
 */
export function renderPortalText(template: string, values: PortalTextValues): string {
  // The renderer looks codes up by name at run time, so `form.` and `activity.state` keys work too.
  return renderTemplate(template, values as TemplateValues, { html: false }).trim();
}
