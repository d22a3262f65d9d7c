import type { FormDefinition } from "./definition.js";
import { type AnswerField, type Condition, type FormField, isAnswerField } from "./schema.js";
import { type AnswerValue, normalizeConditionValue, normalizeValue } from "./values.js";

/** The state of a field's answer, as the display conditions of later fields see it. */
export type AnswerState =
  /** The field is hidden, so conditions on it are false whatever their operator. */
  | { kind: "hidden" }
  /** The answer is invalid, so conditions on it are false until it is corrected. */
  | { kind: "invalid" }
  | { kind: "empty" }
  | { kind: "answered"; value: AnswerValue };

/** The answer fields seen so far, by code, with the state of their answers. */
export type AnswerStates = Map<string, { field: AnswerField; state: AnswerState }>;

function includesValue(answer: AnswerValue, candidates: readonly AnswerValue[]): boolean {
  if (Array.isArray(answer)) {
    return answer.some((item) => candidates.includes(item));
  }
  return candidates.includes(answer);
}

/**
 * Evaluates a display condition against the states of earlier fields. A leaf on a field that is
 * unknown, hidden or invalidly answered is false, so a field hidden by its condition also hides
 * the fields whose conditions require it. An empty answer is one of no values, so `is_not_one_of`
 * is true for it. For list answers (multiple choice, file) `is_one_of` means any overlap.
 */
export function isConditionMet(condition: Condition, states: AnswerStates): boolean {
  if ("all" in condition) {
    return condition.all.every((item) => isConditionMet(item, states));
  }
  if ("any" in condition) {
    return condition.any.some((item) => isConditionMet(item, states));
  }

  const entry = states.get(condition.field);
  if (entry === undefined || entry.state.kind === "hidden" || entry.state.kind === "invalid") {
    return false;
  }

  // Condition values are normalized like answers, so "5" matches a rating of 5.
  const candidates: AnswerValue[] = [];
  for (const raw of condition.values) {
    const result = normalizeConditionValue(entry.field, raw, condition.field);
    if (result.ok && result.value !== undefined) {
      candidates.push(result.value);
    }
  }

  const matches = entry.state.kind === "answered" && includesValue(entry.state.value, candidates);
  return condition.operator === "is_one_of" ? matches : !matches;
}

/** Returns whether `field` is visible, given the states of the fields before it. */
export function meetsDisplayCondition(field: FormField, states: AnswerStates): boolean {
  return field.visibleWhen === undefined || isConditionMet(field.visibleWhen, states);
}

/**
 * Returns the visibility of every field of the form, by code, for raw answers such as those of
 * a form being filled in. Answers are normalized first, so text is compared trimmed.
 */
export function computeVisibility(
  form: FormDefinition,
  answers: Record<string, unknown>,
): Map<string, boolean> {
  const visibility = new Map<string, boolean>();
  const states: AnswerStates = new Map();

  for (const field of form.fields) {
    const visible = meetsDisplayCondition(field, states);
    visibility.set(field.code, visible);
    if (!isAnswerField(field)) {
      continue;
    }

    let state: AnswerState;
    if (!visible) {
      state = { kind: "hidden" };
    } else {
      const raw = Object.hasOwn(answers, field.code) ? answers[field.code] : undefined;
      const result = normalizeValue(field, raw, field.code);
      if (!result.ok) {
        state = { kind: "invalid" };
      } else if (result.value === undefined) {
        state = { kind: "empty" };
      } else {
        state = { kind: "answered", value: result.value };
      }
    }
    states.set(field.code, { field, state });
  }

  return visibility;
}

/** Returns whether the field is visible for these answers; false for a code that is not in the form. */
export function isFieldVisible(
  form: FormDefinition,
  fieldCode: string,
  answers: Record<string, unknown>,
): boolean {
  return computeVisibility(form, answers).get(fieldCode) ?? false;
}

/** Returns the fields visible for these answers, in form order, displayed text included. */
export function visibleFields(form: FormDefinition, answers: Record<string, unknown>): FormField[] {
  const visibility = computeVisibility(form, answers);
  return form.fields.filter((field) => visibility.get(field.code) === true);
}
