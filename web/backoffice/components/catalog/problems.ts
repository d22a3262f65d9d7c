import i18next from "i18next";
import { ApiError, type ApiFieldError } from "../../../shared/api";
import { currentLanguage, translateApiError, translateFieldError } from "../../../shared/i18n";
import { translateAnswerProblem } from "../forms/answer-errors";
import { localized } from "../forms/form-model";
import { type FieldDraft, toFormField } from "./field-draft";

/** Problem codes of activity types and form definitions whose translation needs only the code. */
const PLAIN_CODES = [
  "invalid_code",
  "field_without_answer",
  "system_field_missing",
  "system_field_moved",
  "system_field_changed",
  "empty_text",
  "duplicate_option",
  "min_above_max",
  "invalid_condition_value",
  "condition_too_deep",
  "name_taken",
  "invalid_colour",
  "unknown_skill",
  "invalid_level",
] as const;

/**
 * Returns the message for one problem of an activity type or form definition: a translation by
 * code where the catalog has one, else the shared translation of generic codes, else the
 * server's English message. `drafts` lets messages name the other field by its label.
 */
export function translateCatalogProblem(problem: ApiFieldError, drafts: readonly FieldDraft[] = []): string {
  const t = i18next.t;
  const language = currentLanguage();
  const labelOf = (code: unknown) => {
    const draft = drafts.find((candidate) => candidate.code === code);
    return draft ? localized(draft.label, language) || draft.code : String(code);
  };

  const plain = PLAIN_CODES.find((code) => code === problem.code);
  if (plain !== undefined) {
    return t(`catalog:problems.${plain}`);
  }
  switch (problem.code) {
    case "duplicate_code":
      return t("catalog:problems.duplicate_code", { other: labelOf(problem.value) });
    case "field_not_before":
      return t("catalog:problems.field_not_before", { field: labelOf(problem.value) });
    case "unknown_field":
      return t("catalog:problems.unknown_field", { field: String(problem.value ?? "") });
    case "missing":
      if (problem.path === "name") {
        return t("catalog:problems.missing_name");
      }
      break;
    case "too_small":
      if (/\.options$/.test(problem.path)) {
        return t("catalog:problems.no_options");
      }
      break;
  }
  return translateFieldError(problem);
}

/** A problem of one field of a form, with its path inside the field, such as `options.0.value`. */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface FormProblems {
  /** Problems by the `uid` of the field they name. */
  byField: Record<string, FieldProblem[]>;
  /** Problems of the whole form, and any error that names no field. */
  general: string[];
}

export const NO_PROBLEMS: FormProblems = { byField: {}, general: [] };

/**
 * Sorts the problems of a failed save by field. `formKey` is the request property of the form
 * (`activityForm` or `closingForm`), and `drafts` the fields in the order they were sent, so
 * `activityForm.fields.2.code` goes to the third draft.
 */
export function groupFormProblems(
  error: unknown,
  formKey: "activityForm" | "closingForm",
  drafts: readonly FieldDraft[],
): FormProblems {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
    return { byField: {}, general: [translateApiError(error)] };
  }

  const byField: Record<string, FieldProblem[]> = {};
  const general: string[] = [];
  const prefix = `${formKey}.fields.`;
  for (const problem of error.fieldErrors) {
    const match = problem.path.startsWith(prefix)
      ? /^(\d+)(?:\.(.*))?$/.exec(problem.path.slice(prefix.length))
      : null;
    const draft = match ? drafts[Number(match[1])] : undefined;
    if (!match || !draft) {
      general.push(translateCatalogProblem(problem, drafts));
      continue;
    }
    const path = match[2] ?? "";
    const message =
      path === "defaultValue"
        ? translateAnswerProblem(problem, toFormField(draft))
        : translateCatalogProblem(problem, drafts);
    const list = byField[draft.uid] ?? [];
    list.push({ path, message });
    byField[draft.uid] = list;
  }
  return { byField, general };
}

/** Returns the first message whose path is `path` or lies under it, such as `label` for `label.en`. */
export function problemAt(problems: readonly FieldProblem[], path: string): string | undefined {
  return problems.find((problem) => problem.path === path || problem.path.startsWith(`${path}.`))?.message;
}

/**
 * Shows an error from saving an activity type on a Mantine form: each entry of
 * `details.fields` whose first path segment is one of `fields` goes under that input, and the
 * first such input gets the focus. Returns the message for the form-level alert, or null when
 * every problem is shown under an input.
 */
export function applyCatalogErrorToForm<Field extends string>(
  form: {
    setFieldError: (path: Field, message: string) => void;
    getInputNode: (path: Field) => HTMLElement | null;
  },
  error: unknown,
  fields: readonly Field[],
): string | null {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
    return translateApiError(error);
  }
  const withError: Field[] = [];
  const unmatched: string[] = [];
  for (const problem of error.fieldErrors) {
    const field = fields.find((candidate) => candidate === problem.path.split(".")[0]);
    if (field === undefined) {
      unmatched.push(translateCatalogProblem(problem));
    } else if (!withError.includes(field)) {
      withError.push(field);
      form.setFieldError(field, translateCatalogProblem(problem));
    }
  }
  const [first] = withError;
  if (first !== undefined) {
    form.getInputNode(first)?.focus();
  }
  return unmatched.length > 0 ? [translateApiError(error), ...unmatched].join(" ") : null;
}
