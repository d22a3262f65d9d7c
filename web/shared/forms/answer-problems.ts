import i18next from "i18next";
import {
  type FormDefinition,
  type FormField,
  MAX_RATING,
  MIN_RATING,
} from "../../../src/domain/forms/index.js";
import { ApiError, type ApiFieldError } from "../api";

/** Codes of answer problems whose translation needs nothing but the code. */
const PLAIN_ANSWER_CODES = [
  "required",
  "invalid_type",
  "too_long",
  "not_integer",
  "invalid_date",
  "invalid_time",
  "invalid_datetime",
  "datetime_without_offset",
  "not_an_option",
  "invalid_file_id",
  "unknown_file",
  "unknown_field",
  "no_answer_expected",
  "end_not_after_start",
] as const;

function numberBounds(field: FormField | undefined): { min?: number; max?: number } {
  if (field?.type === "rating") {
    return { min: MIN_RATING, max: MAX_RATING };
  }
  if (field?.type === "number") {
    return { min: field.min, max: field.max };
  }
  return {};
}

/**
 * Returns the message for one answer problem, as the server or `validateAnswers` reports it: a
 * translation when its code has one, otherwise the English message.
 */
export function translateAnswerProblem(
  problem: Pick<ApiFieldError, "code" | "message">,
  field: FormField | undefined,
): string {
  const t = i18next.t;
  const plain = PLAIN_ANSWER_CODES.find((code) => code === problem.code);
  if (plain !== undefined) {
    return t(`forms:answerErrors.${plain}`);
  }

  const { min, max } = numberBounds(field);
  if (problem.code === "too_small" && min !== undefined) {
    return t("forms:answerErrors.too_small", { min });
  }
  if (problem.code === "too_big" && max !== undefined) {
    return t("forms:answerErrors.too_big", { max });
  }
  if (problem.code === "too_many_files" && field?.type === "file" && field.maxCount !== undefined) {
    return t("forms:answerErrors.too_many_files", { count: field.maxCount });
  }
  return problem.message;
}

/**
 * Turns answer problems into messages by path (`answers.<code>`). The first problem of each
 * answer is kept.
 */
export function answerMessagesByPath(
  problems: readonly Pick<ApiFieldError, "path" | "code" | "message">[],
  form: FormDefinition,
): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const problem of problems) {
    if (messages[problem.path] !== undefined) {
      continue;
    }
    const code = problem.path.startsWith("answers.") ? problem.path.slice("answers.".length) : undefined;
    const field = form.fields.find((candidate) => candidate.code === code);
    messages[problem.path] = translateAnswerProblem(problem, field);
  }
  return messages;
}

/**
 * Turns the `details.fields` of a failed request into messages by path (`answers.<code>`), for
 * the `errors` prop of a form renderer. The first problem of each answer is kept.
 */
export function answerErrorsByPath(error: unknown, form: FormDefinition): Record<string, string> {
  return error instanceof ApiError ? answerMessagesByPath(error.fieldErrors, form) : {};
}
