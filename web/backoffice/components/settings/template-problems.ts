import i18next from "i18next";
import { ApiError } from "../../../shared/api";
import { eventLabel } from "../messages/message-text";

export type TemplatePart = "subject" | "body";

/**
 * One entry of `details.problems` in the 400 response of `PUT …/message-templates/…`. The server's
 * `message` is in English, so the UI writes its own text from `code` and `params`.
 */
export interface TemplateProblem {
  code: string;
  severity: "error" | "warning";
  part: TemplatePart;
  /** UTF-16 offset in the part; absent for problems with the whole part. */
  offset?: number;
  /** 1-based line and column of `offset`. */
  line?: number;
  column?: number;
  params: {
    name?: string;
    text?: string;
    suggestion?: string;
    event?: string;
    length?: number;
    max?: number;
  };
  message: string;
}

function isTemplateProblem(value: unknown): value is TemplateProblem {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const candidate = value as Partial<TemplateProblem>;
  return (
    typeof candidate.code === "string" &&
    (candidate.part === "subject" || candidate.part === "body") &&
    typeof candidate.params === "object" &&
    candidate.params !== null
  );
}

/** Returns the template problems of a failed save, or an empty list when the error has none. */
export function templateProblemsOf(error: unknown): TemplateProblem[] {
  if (!(error instanceof ApiError)) {
    return [];
  }
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? problems.filter(isTemplateProblem) : [];
}

const braced = (name: string) => `{${name}}`;

/** Describes what is wrong, without the position. Unknown codes show the server's English message. */
function describeProblem(problem: TemplateProblem): string {
  const t = i18next.t;
  const { name = "", text = "", suggestion } = problem.params;
  const braces = { open: "{{", close: "}}" };
  switch (problem.code) {
    case "unknown_replacement_code":
      return suggestion === undefined
        ? t("messages:problems.unknown_replacement_code", { code: braced(name) })
        : t("messages:problems.unknown_replacement_codeSuggestion", {
            code: braced(name),
            suggestion: braced(suggestion),
          });
    case "replacement_code_not_allowed":
      return t("messages:problems.replacement_code_not_allowed", {
        code: braced(name),
        event: eventLabel(problem.params.event ?? ""),
      });
    case "invalid_replacement_code":
      return suggestion === undefined
        ? t("messages:problems.invalid_replacement_code", { code: braced(text), ...braces })
        : t("messages:problems.invalid_replacement_codeSuggestion", {
            code: braced(text),
            suggestion: braced(suggestion),
          });
    case "unclosed_brace":
    case "unmatched_closing_brace":
      return t(`messages:problems.${problem.code}`, braces);
    case "escaped_replacement_code":
      return t("messages:problems.escaped_replacement_code", {
        escaped: `{${braced(name)}}`,
        code: braced(name),
      });
    case "missing_subject":
    case "subject_not_allowed":
    case "line_break_in_subject":
    case "empty_body":
      return t(`messages:problems.${problem.code}`);
    case "too_long":
      return t("messages:problems.too_long", { length: problem.params.length, max: problem.params.max });
    default:
      return problem.message;
  }
}

/**
 * Returns a problem in the current language with its place, such as "Text, line 2, column 8:
 * unknown replacement code {customer.nom}. Did you mean {customer.name}?".
 */
export function templateProblemText(problem: TemplateProblem): string {
  const t = i18next.t;
  const where =
    problem.line === undefined
      ? t(`messages:problems.where.${problem.part}`)
      : t(`messages:problems.where.${problem.part}At`, { line: problem.line, column: problem.column });
  return t("messages:problems.located", { where, problem: describeProblem(problem) });
}

/**
 * Returns the characters of the part that a problem points at, for selecting them in the field:
 * the whole replacement code when it names one, else the single brace or character at `offset`.
 */
export function problemRange(problem: TemplateProblem): { start: number; end: number } | null {
  if (problem.offset === undefined) {
    return null;
  }
  const written = problem.params.name ?? problem.params.text;
  const length = written === undefined ? 1 : written.length + 2;
  return { start: problem.offset, end: problem.offset + length };
}
