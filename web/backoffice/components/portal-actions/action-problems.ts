import i18next from "i18next";
import { ApiError, type ApiFieldError } from "../../../shared/api";
import { translateApiError, translateFieldError } from "../../../shared/i18n";
import { toFormField } from "../catalog/field-draft";
import { translateCatalogProblem } from "../catalog/problems";
import { translateAnswerProblem } from "../forms/answer-errors";
import {
  type ActionDraft,
  MAX_ACTION_LABEL_LENGTH,
  MAX_DAYS,
  MAX_HOURS,
  MAX_TIMES,
  MIN_DAYS,
  MIN_HOURS,
  MIN_TIMES,
} from "./action-model";

/** A problem of one action, with its path inside the action, such as `conditions.items.0.hours`. */
export interface ActionProblem {
  path: string;
  message: string;
}

export interface ActionProblems {
  /** Problems by the `uid` of the action they name. */
  byAction: Record<string, ActionProblem[]>;
  /** Problems of the whole list, and any error that names no action. */
  general: string[];
}

export const NO_ACTION_PROBLEMS: ActionProblems = { byAction: {}, general: [] };

/** Codes of the action rules whose translation needs at most the value at fault. */
const RULE_CODES = [
  "target_type_required",
  "target_type_not_allowed",
  "unknown_target_type",
  "copy_fields_not_allowed",
  "duplicate_copy_field",
  "unknown_copy_field",
  "copy_field_not_in_target",
  "copy_field_type_mismatch",
  "copy_field_options_missing",
  "scheduling_not_allowed",
  "condition_needs_activity",
  "unknown_field",
  "field_not_choice",
  "unknown_option",
  "condition_too_deep",
] as const;

/** Codes that the server gives to a value of the wrong shape, type or size. */
const SHAPE_CODES = ["missing", "invalid_type", "invalid_value", "too_small", "too_big", "invalid_code"];

/**
 * Returns the message for a shape problem, by the property it names: the last segment of the path
 * that is not an index, such as `hours` for `conditions.items.0.hours`.
 */
function translateShapeProblem(path: string): string | undefined {
  const t = i18next.t;
  const property = path
    .split(".")
    .filter((segment) => !/^\d+$/.test(segment))
    .pop();
  switch (property) {
    case "en":
    case "fr":
    case "label":
      return t("portalActions:problems.label", { max: MAX_ACTION_LABEL_LENGTH });
    case "hours":
      return t("portalActions:problems.hours", { min: MIN_HOURS, max: MAX_HOURS });
    case "days":
      return t("portalActions:problems.days", { min: MIN_DAYS, max: MAX_DAYS });
    case "times":
      return t("portalActions:problems.times", { min: MIN_TIMES, max: MAX_TIMES });
    case "states":
      return t("portalActions:problems.states");
    case "values":
      return t("portalActions:problems.values");
    case "items":
      return t("portalActions:problems.items");
    case "field":
      return t("portalActions:problems.field");
    case "effect":
      return t("portalActions:problems.effect");
    default:
      return undefined;
  }
}

/**
 * Returns the message for one problem of an action, whose path inside the action is `path`.
 * Problems of the action's form get the catalog's translation. Others get this screen's
 * translation of their code, else the shared translation of generic codes, else the server's
 * English message.
 */
export function translateActionProblem(problem: ApiFieldError, path: string, draft: ActionDraft): string {
  const t = i18next.t;

  const formField = /^form\.fields\.(\d+)(?:\.(.*))?$/.exec(path);
  if (problem.code === "field_type_not_on_portal") {
    return t("portalActions:problems.field_type_not_on_portal");
  }
  if (formField) {
    const fieldDraft = draft.formFields?.[Number(formField[1])];
    if (formField[2] === "defaultValue" && fieldDraft) {
      return translateAnswerProblem(problem, toFormField(fieldDraft));
    }
    return translateCatalogProblem(problem, draft.formFields ?? []);
  }

  const rule = RULE_CODES.find((code) => code === problem.code);
  if (rule !== undefined) {
    return t(`portalActions:problems.${rule}`, { value: String(problem.value ?? "") });
  }
  if (problem.code !== undefined && SHAPE_CODES.includes(problem.code)) {
    const shape = translateShapeProblem(path);
    if (shape !== undefined) {
      return shape;
    }
  }
  return translateFieldError(problem);
}

/**
 * Sorts the problems of a failed save by action. `drafts` are the actions in the order they were
 * sent, so `actions.1.conditions.items.0.hours` goes to the second draft with the path
 * `conditions.items.0.hours`.
 */
export function groupActionProblems(error: unknown, drafts: readonly ActionDraft[]): ActionProblems {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
    return { byAction: {}, general: [translateApiError(error)] };
  }

  const byAction: Record<string, ActionProblem[]> = {};
  const general: string[] = [];
  for (const problem of error.fieldErrors) {
    const match = /^actions\.(\d+)(?:\.(.*))?$/.exec(problem.path);
    const draft = match ? drafts[Number(match[1])] : undefined;
    if (!match || !draft) {
      general.push(translateFieldError(problem));
      continue;
    }
    const path = match[2] ?? "";
    const list = byAction[draft.uid] ?? [];
    list.push({ path, message: translateActionProblem(problem, path, draft) });
    byAction[draft.uid] = list;
  }
  return { byAction, general };
}

/** Returns the messages whose path is `path` exactly. */
export function messagesAt(problems: readonly ActionProblem[], path: string): string[] {
  return problems.filter((problem) => problem.path === path).map((problem) => problem.message);
}

/** Returns the messages whose path is `path` or lies under it, such as `label.en` under `label`. */
export function messagesUnder(problems: readonly ActionProblem[], path: string): string[] {
  return problems
    .filter((problem) => problem.path === path || problem.path.startsWith(`${path}.`))
    .map((problem) => problem.message);
}
