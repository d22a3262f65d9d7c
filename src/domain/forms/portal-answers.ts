import { DateTime, IANAZone } from "luxon";
import type { Language } from "../business-units/localisation.js";
import { computeVisibility } from "./conditions.js";
import type { FormDefinition } from "./definition.js";
import { type AnswerField, isAnswerField, type LocalizedText } from "./schema.js";
import { type AnswerValue, MAX_RATING, normalizeValue } from "./values.js";

/** One answer as the customer reads it on the portal. */
export interface PortalAnswer {
  code: string;
  label: string;
  value: string;
}

export interface AnswerTextOptions {
  /** IANA zone in which datetime answers are shown, such as the visit's zone; UTC by default. */
  timeZone?: string;
}

/**
 * Returns the answers that the customer may see on the activity's portal page: fields marked
 * `showOnPortal`, visible under their display conditions and answered, in form order, each with
 * its label and value as display text in `language`.
 */
export function portalAnswers(
  form: FormDefinition,
  answers: Record<string, unknown>,
  language: Language,
  options: AnswerTextOptions = {},
): PortalAnswer[] {
  const shown = new Set(
    form.fields.filter((field) => isAnswerField(field) && field.showOnPortal === true).map((f) => f.code),
  );
  return answerTexts(form, answers, language, options).filter((answer) => shown.has(answer.code));
}

/**
 * Returns every visible, answered field of the form with its value as display text, in form
 * order. Answers that no longer fit their field (the form changed since) are left out.
 */
export function answerTexts(
  form: FormDefinition,
  answers: Record<string, unknown>,
  language: Language,
  options: AnswerTextOptions = {},
): PortalAnswer[] {
  const visibility = computeVisibility(form, answers);
  const texts: PortalAnswer[] = [];
  for (const field of form.fields) {
    if (!isAnswerField(field) || visibility.get(field.code) !== true) continue;
    const raw = Object.hasOwn(answers, field.code) ? answers[field.code] : undefined;
    const result = normalizeValue(field, raw, field.code);
    if (!result.ok || result.value === undefined) continue;
    texts.push({
      code: field.code,
      label: localized(field.label, language),
      value: formatAnswer(field, result.value, language, options),
    });
  }
  return texts;
}

/** Returns the text in `language`, or in the other language when that one is empty. */
function localized(text: LocalizedText, language: Language): string {
  return text[language] || text[language === "fr" ? "en" : "fr"];
}

const WORDS = {
  en: { yes: "Yes", no: "No", signed: "Signed", file: "file", files: "files", at: "," },
  fr: { yes: "Oui", no: "Non", signed: "Signé", file: "fichier", files: "fichiers", at: " à" },
} as const;

const NUMBER_LOCALES: Record<Language, string> = { en: "en-GB", fr: "fr-FR" };

/**
 * Formats a normalized answer as display text: choice labels, Yes/No (Oui/Non), dates such as
 * `10 June 2026` or `1er juin 2026`, times as `14:30`, numbers with the language's separators.
 * A signature reads "Signed" and files are counted, since their content is not text.
 */
export function formatAnswer(
  field: AnswerField,
  value: AnswerValue,
  language: Language,
  options: AnswerTextOptions = {},
): string {
  const words = WORDS[language];
  switch (field.type) {
    case "short_text":
    case "long_text":
    case "time":
      return String(value);
    case "number":
      return new Intl.NumberFormat(NUMBER_LOCALES[language], { maximumFractionDigits: 20 }).format(
        value as number,
      );
    case "rating":
      return `${value}/${MAX_RATING}`;
    case "yes_no":
      return value === true ? words.yes : words.no;
    case "date":
      return formatDate(DateTime.fromISO(String(value), { zone: "utc" }), language);
    case "datetime": {
      const zone = options.timeZone && IANAZone.isValidZone(options.timeZone) ? options.timeZone : "utc";
      const local = DateTime.fromISO(String(value), { zone });
      return `${formatDate(local, language)}${words.at} ${local.toFormat("HH:mm")}`;
    }
    case "single_choice":
      return optionLabel(field, String(value), language);
    case "multiple_choice":
      return (value as string[]).map((option) => optionLabel(field, option, language)).join(", ");
    case "signature":
      return words.signed;
    case "file": {
      const count = (value as string[]).length;
      return `${count} ${count === 1 ? words.file : words.files}`;
    }
  }
}

function optionLabel(
  field: Extract<AnswerField, { options: unknown }>,
  value: string,
  language: Language,
): string {
  const option = field.options.find((candidate) => candidate.value === value);
  return option ? localized(option.label, language) : value;
}

function formatDate(local: DateTime, language: Language): string {
  const month = local.setLocale(language === "fr" ? "fr" : "en-GB").toFormat("MMMM");
  const day = language === "fr" && local.day === 1 ? "1er" : String(local.day);
  return `${day} ${month} ${local.year}`;
}
