import { DateTime } from "luxon";
import { type AnswerState, type AnswerStates, meetsDisplayCondition } from "./conditions.js";
import type { FormDefinition } from "./definition.js";
import { describeValue, type FormProblem } from "./problems.js";
import { type AnswerField, isAnswerField } from "./schema.js";
import { type Answers, isEmptyAnswer, normalizeValue } from "./values.js";

export type AnswersResult = { ok: true; answers: Answers } | { ok: false; problems: FormProblem[] };

export interface ValidateAnswersOptions {
  /** Accepts missing required answers, e.g. for a draft that the customer finishes later. */
  partial?: boolean;
}

/** Returns what the person filling in the form should do about a missing required answer. */
function missingAnswerHint(field: AnswerField): string {
  switch (field.type) {
    case "single_choice":
    case "yes_no":
    case "rating":
      return "Choose an answer.";
    case "multiple_choice":
      return "Choose at least one option.";
    case "signature":
      return "Add a signature.";
    case "file":
      return "Add at least one file.";
    default:
      return "Enter a value.";
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates answers to a form and returns them normalized (see `normalizeValue`), or returns
 * every problem. Visible required fields must be answered unless `partial` is set. Answers to
 * hidden fields are dropped, as are empty answers (null, blank text, empty list). An answer to a
 * code that is not in the form, or to a displayed text, is rejected. When the form has
 * `actual_start` and `actual_end` datetime fields, the end must be after the start.
 *
 * Visibility depends on all answers, so validate the whole set of answers, not a patch of it.
 */
export function validateAnswers(
  form: FormDefinition,
  answers: Record<string, unknown>,
  options: ValidateAnswersOptions = {},
): AnswersResult {
  if (!isPlainObject(answers)) {
    const message =
      'The answers must be an object of values by field code, such as { "boiler_model": "X200" }.';
    return { ok: false, problems: [{ path: "answers", code: "invalid_type", message, value: answers }] };
  }

  const problems: FormProblem[] = [];
  const normalized: Answers = {};
  const states: AnswerStates = new Map();

  for (const field of form.fields) {
    const visible = meetsDisplayCondition(field, states);
    const present = Object.hasOwn(answers, field.code);
    const raw = present ? answers[field.code] : undefined;
    const path = `answers.${field.code}`;

    if (!isAnswerField(field)) {
      if (!isEmptyAnswer(raw)) {
        const message = `Field "${field.code}" is a displayed text and takes no answer, but received ${describeValue(raw)}. Remove it.`;
        problems.push({ path, code: "no_answer_expected", message, value: raw });
      }
      continue;
    }

    if (!visible) {
      states.set(field.code, { field, state: { kind: "hidden" } });
      continue;
    }

    const result = normalizeValue(field, raw, `Field "${field.code}"`);
    let state: AnswerState;
    if (!result.ok) {
      problems.push({ path, code: result.code, message: result.message, value: raw });
      state = { kind: "invalid" };
    } else if (result.value === undefined) {
      if (field.required && options.partial !== true) {
        const message = `Field "${field.code}" is required but has no answer. ${missingAnswerHint(field)}`;
        problems.push({ path, code: "required", message, value: raw });
      }
      state = { kind: "empty" };
    } else {
      normalized[field.code] = result.value;
      state = { kind: "answered", value: result.value };
    }
    states.set(field.code, { field, state });
  }

  const knownCodes = new Set(form.fields.map((field) => field.code));
  for (const [code, value] of Object.entries(answers)) {
    if (!knownCodes.has(code)) {
      const message = `"${code}" is not a field of this form, so its answer ${describeValue(value)} cannot be stored. Remove it.`;
      problems.push({ path: `answers.${code}`, code: "unknown_field", message, value });
    }
  }

  problems.push(...checkActualTimes(form, normalized, answers));

  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers: normalized };
}

/** Checks that `actual_end` is after `actual_start` when both are answered datetime fields. */
function checkActualTimes(
  form: FormDefinition,
  answers: Answers,
  rawAnswers: Record<string, unknown>,
): FormProblem[] {
  const isDatetimeField = (code: string) =>
    form.fields.some((field) => field.code === code && field.type === "datetime");
  const start = answers.actual_start;
  const end = answers.actual_end;
  if (!isDatetimeField("actual_start") || !isDatetimeField("actual_end")) {
    return [];
  }
  if (typeof start !== "string" || typeof end !== "string") {
    return [];
  }
  if (DateTime.fromISO(end) > DateTime.fromISO(start)) {
    return [];
  }
  const rawEnd = rawAnswers.actual_end;
  const message =
    `Field "actual_end": ${describeValue(rawEnd)} is not after actual_start ${describeValue(rawAnswers.actual_start)}. ` +
    "Enter an end time later than the start time.";
  return [{ path: "answers.actual_end", code: "end_not_after_start", message, value: rawEnd }];
}

/** Returns the default values of the form's fields, by code, to prefill a new form. */
export function defaultAnswers(form: FormDefinition): Answers {
  const defaults: Answers = {};
  for (const field of form.fields) {
    if ("defaultValue" in field && field.defaultValue !== undefined) {
      defaults[field.code] = field.defaultValue;
    }
  }
  return defaults;
}
