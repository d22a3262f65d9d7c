import type { Language } from "../business-units/localisation.js";
import type { Channel, NotificationEvent } from "./codes.js";
import { withFrenchSpacing } from "./typography.js";

export type TemplatePart = "subject" | "body";

/** Template problems and the parameters each one carries. */
export interface TemplateProblemParams {
  unknown_replacement_code: { name: string; allowed: readonly string[]; suggestion?: string };
  replacement_code_not_allowed: { name: string; event: NotificationEvent; allowed: readonly string[] };
  invalid_replacement_code: { text: string; suggestion?: string };
  unclosed_brace: Record<string, never>;
  unmatched_closing_brace: Record<string, never>;
  escaped_replacement_code: { name: string };
  missing_subject: Record<string, never>;
  subject_not_allowed: { channel: Channel };
  line_break_in_subject: Record<string, never>;
  empty_body: Record<string, never>;
  too_long: { length: number; max: number };
}

export type TemplateProblemCode = keyof TemplateProblemParams;

interface TemplateProblemOf<Code extends TemplateProblemCode> {
  code: Code;
  /** An error prevents saving the template. A warning points at text that probably reads wrong. */
  severity: "error" | "warning";
  part: TemplatePart;
  /** UTF-16 offset in the part, absent for problems with the whole part. */
  offset?: number;
  /** 1-based line of `offset`. */
  line?: number;
  /** 1-based column of `offset`, in UTF-16 code units. */
  column?: number;
  params: TemplateProblemParams[Code];
  /** Plain English sentence that names the value and the fix. The UI translates `code` and `params` instead. */
  message: string;
}

/** One problem of a template. `code` and `params` are stable, so that a UI can translate them. */
export type TemplateProblem = { [Code in TemplateProblemCode]: TemplateProblemOf<Code> }[TemplateProblemCode];

/** A problem before its message is written. */
export type TemplateProblemDraft = {
  [Code in TemplateProblemCode]: Omit<TemplateProblemOf<Code>, "message">;
}[TemplateProblemCode];

/** Writes a problem's message in English or French. */
export function templateProblemMessage(problem: TemplateProblemDraft, language: Language): string {
  const message = language === "fr" ? frenchMessage(problem) : englishMessage(problem);
  return language === "fr" ? withFrenchSpacing(message) : message;
}

function braced(names: readonly string[]): string {
  return names.map((name) => `{${name}}`).join(", ");
}

function englishPosition(problem: TemplateProblemDraft): string {
  const part = problem.part === "subject" ? "subject" : "body";
  return problem.line === undefined
    ? `in the ${part}`
    : `at line ${problem.line}, column ${problem.column} of the ${part}`;
}

function frenchPosition(problem: TemplateProblemDraft): string {
  const part = problem.part === "subject" ? "de l'objet" : "du texte";
  return problem.line === undefined ? part : `ligne ${problem.line}, colonne ${problem.column} ${part}`;
}

function englishMessage(problem: TemplateProblemDraft): string {
  const where = englishPosition(problem);
  switch (problem.code) {
    case "unknown_replacement_code": {
      const { name, allowed, suggestion } = problem.params;
      const hint = suggestion === undefined ? "" : ` Did you mean {${suggestion}}?`;
      return `Unknown replacement code {${name}} ${where}.${hint} Use one of ${braced(allowed)}.`;
    }
    case "replacement_code_not_allowed": {
      const { name, event, allowed } = problem.params;
      return `Replacement code {${name}} ${where} is not available in ${event} messages. Use one of ${braced(allowed)}.`;
    }
    case "invalid_replacement_code": {
      const { text, suggestion } = problem.params;
      const hint = suggestion === undefined ? "" : ` Did you mean {${suggestion}}?`;
      return `Invalid replacement code {${text}} ${where}: write codes in lower case without spaces, such as {customer.name}.${hint} Write {{ and }} for literal braces.`;
    }
    case "unclosed_brace":
      return `Unclosed brace ${where}. End the replacement code with } on the same line, or write {{ for a literal {.`;
    case "unmatched_closing_brace":
      return `Closing brace without an opening brace ${where}. Write }} for a literal }.`;
    case "escaped_replacement_code": {
      const { name } = problem.params;
      return `{{${name}}} ${where} shows the text {${name}} instead of its value, because {{ and }} are literal braces. Write {${name}} to insert the value.`;
    }
    case "missing_subject":
      return "The email subject is missing. Write a subject.";
    case "subject_not_allowed":
      return "An SMS has no subject. Remove the subject and put its text in the message.";
    case "line_break_in_subject":
      return `The subject contains a line break at column ${problem.column}. Write the subject on one line.`;
    case "empty_body":
      return "The message text is empty. Write the text to send.";
    case "too_long": {
      const { length, max } = problem.params;
      return `The ${problem.part} has ${length} characters, more than the maximum of ${max}. Shorten it.`;
    }
  }
}

function frenchMessage(problem: TemplateProblemDraft): string {
  const where = frenchPosition(problem);
  switch (problem.code) {
    case "unknown_replacement_code": {
      const { name, allowed, suggestion } = problem.params;
      const hint = suggestion === undefined ? "" : ` Vouliez-vous dire {${suggestion}} ?`;
      return `Code de remplacement inconnu {${name}}, ${where}.${hint} Utilisez l'un de ces codes : ${braced(allowed)}.`;
    }
    case "replacement_code_not_allowed": {
      const { name, event, allowed } = problem.params;
      return `Le code de remplacement {${name}}, ${where}, n'est pas disponible dans les messages ${event}. Utilisez l'un de ces codes : ${braced(allowed)}.`;
    }
    case "invalid_replacement_code": {
      const { text, suggestion } = problem.params;
      const hint = suggestion === undefined ? "" : ` Vouliez-vous dire {${suggestion}} ?`;
      return `Code de remplacement invalide {${text}}, ${where} : écrivez les codes en minuscules et sans espace, par exemple {customer.name}.${hint} Écrivez {{ et }} pour des accolades littérales.`;
    }
    case "unclosed_brace":
      return `Accolade non fermée, ${where}. Terminez le code de remplacement par } sur la même ligne, ou écrivez {{ pour une accolade { littérale.`;
    case "unmatched_closing_brace":
      return `Accolade fermante sans accolade ouvrante, ${where}. Écrivez }} pour une accolade } littérale.`;
    case "escaped_replacement_code": {
      const { name } = problem.params;
      return `{{${name}}}, ${where}, affiche le texte {${name}} au lieu de sa valeur, car {{ et }} sont des accolades littérales. Écrivez {${name}} pour insérer la valeur.`;
    }
    case "missing_subject":
      return "L'objet de l'e-mail est manquant. Saisissez un objet.";
    case "subject_not_allowed":
      return "Un SMS n'a pas d'objet. Supprimez l'objet et placez son texte dans le message.";
    case "line_break_in_subject":
      return `L'objet contient un saut de ligne à la colonne ${problem.column}. Écrivez l'objet sur une seule ligne.`;
    case "empty_body":
      return "Le texte du message est vide. Saisissez le texte à envoyer.";
    case "too_long": {
      const { length, max } = problem.params;
      const part = problem.part === "subject" ? "L'objet" : "Le texte";
      return `${part} compte ${length} caractères, plus que le maximum de ${max}. Raccourcissez-le.`;
    }
  }
}
