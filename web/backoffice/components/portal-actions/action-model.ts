/**
 * The portal action model of the back office. Effects, condition kinds and their bounds come
 * from the server's domain module, which is plain TypeScript, so the editor cannot drift from
 * what the server accepts. Drafts add what editing needs: a client key, a form as editable
 * fields, and numbers that may be empty while they are typed.
 */

import {
  MAX_CONDITION_DEPTH,
  MAX_DAYS,
  MAX_GROUP_ITEMS,
  MAX_HOURS,
  MAX_TIMES,
  MIN_DAYS,
  MIN_HOURS,
  MIN_TIMES,
  STATE_CONDITION_VALUES,
  type StateConditionValue,
} from "../../../../src/domain/portal/action-conditions.js";
import {
  MAX_ACTION_LABEL_LENGTH,
  MAX_ACTIONS,
  PORTAL_ACTION_EFFECTS,
  type PortalAction,
  type PortalActionEffect,
  SCHEDULING_EFFECTS,
  TARGET_EFFECTS,
} from "../../../../src/domain/portal/actions.js";
import { type FieldDraft, toFieldDraft, toFormField } from "../catalog/field-draft";
import type { LocalizedText } from "../forms/form-model";

export {
  MAX_ACTION_LABEL_LENGTH,
  MAX_ACTIONS,
  MAX_CONDITION_DEPTH,
  MAX_DAYS,
  MAX_GROUP_ITEMS,
  MAX_HOURS,
  MAX_TIMES,
  MIN_DAYS,
  MIN_HOURS,
  MIN_TIMES,
  PORTAL_ACTION_EFFECTS,
  type PortalAction,
  type PortalActionEffect,
  STATE_CONDITION_VALUES,
  type StateConditionValue,
};

/** A condition as edited: numbers are null while their input is empty. */
export type DraftCondition =
  | { kind: "state"; operator: "is" | "is_not"; states: StateConditionValue[] }
  | { kind: "starts_in"; operator: "more_than" | "less_than"; hours: number | null }
  | { kind: "closed_within"; days: number | null }
  | { kind: "confirmed_by_customer"; value: boolean }
  | { kind: "answer"; field: string; operator: "is" | "is_not"; values: string[] }
  | { kind: "used_at_most"; times: number | null };

export type DraftConditionKind = DraftCondition["kind"];

export const DRAFT_CONDITION_KINDS: readonly DraftConditionKind[] = [
  "state",
  "starts_in",
  "closed_within",
  "confirmed_by_customer",
  "answer",
  "used_at_most",
];

/** The only kind a home-page action may use, because it has no current activity to test. */
export const HOME_CONDITION_KIND: DraftConditionKind = "used_at_most";

export interface DraftGroup {
  combinator: "and" | "or";
  items: (DraftCondition | DraftGroup)[];
}

export function isDraftGroup(item: DraftCondition | DraftGroup): item is DraftGroup {
  return "combinator" in item;
}

export interface ActionDraft {
  /** Client-only key that follows the action when it moves. */
  uid: string;
  /** Undefined for an action never saved: the server gives it an id. */
  id: string | undefined;
  label: LocalizedText;
  effect: PortalActionEffect;
  targetTypeId: string | null;
  copyFields: string[];
  /** The action's form as editable fields, or null for no form. */
  formFields: FieldDraft[] | null;
  scheduling: boolean;
  /** Null: always available. */
  conditions: DraftGroup | null;
}

export function takesTargetType(effect: PortalActionEffect): boolean {
  return TARGET_EFFECTS.includes(effect);
}

export function takesScheduling(effect: PortalActionEffect): boolean {
  return SCHEDULING_EFFECTS.includes(effect);
}

export function isHomeEffect(effect: PortalActionEffect): boolean {
  return effect === "create_activity";
}

let nextUid = 0;
function newActionUid(): string {
  nextUid += 1;
  return `action-${nextUid}`;
}

export function newActionDraft(): ActionDraft {
  return {
    uid: newActionUid(),
    id: undefined,
    label: { en: "", fr: "" },
    effect: "update_activity",
    targetTypeId: null,
    copyFields: [],
    formFields: null,
    scheduling: false,
    conditions: null,
  };
}

export function toActionDraft(action: PortalAction): ActionDraft {
  return {
    uid: newActionUid(),
    id: action.id,
    label: { ...action.label },
    effect: action.effect,
    targetTypeId: action.targetTypeId,
    copyFields: [...action.copyFields],
    formFields: action.form === null ? null : action.form.fields.map(toFieldDraft),
    scheduling: action.scheduling,
    conditions: action.conditions as DraftGroup | null,
  };
}

/**
 * Builds the action as the API expects it. Values are sent as edited, so the server reports
 * each problem on its path; an empty number goes as null, which the server rejects by name.
 */
export function toActionInput(draft: ActionDraft): Record<string, unknown> {
  return {
    ...(draft.id === undefined ? {} : { id: draft.id }),
    label: { en: draft.label.en, fr: draft.label.fr },
    effect: draft.effect,
    targetTypeId: draft.targetTypeId,
    copyFields: draft.copyFields,
    form: draft.formFields === null ? null : { fields: draft.formFields.map(toFormField) },
    scheduling: draft.scheduling,
    conditions: draft.conditions,
  };
}

/**
 * Changes the effect and drops what the new effect cannot have: the target type, the copied
 * fields and the scheduling step. Conditions stay, so those a home-page action cannot use are
 * reported on save where the editor shows them.
 */
export function withEffect(draft: ActionDraft, effect: PortalActionEffect): ActionDraft {
  return {
    ...draft,
    effect,
    targetTypeId: takesTargetType(effect) ? draft.targetTypeId : null,
    copyFields: effect === "create_linked_activity" ? draft.copyFields : [],
    scheduling: takesScheduling(effect) ? draft.scheduling : false,
  };
}

/** Returns a new condition of `kind` with the first values a person would pick. */
export function newCondition(kind: DraftConditionKind, answerField = ""): DraftCondition {
  switch (kind) {
    case "state":
      return { kind, operator: "is", states: [] };
    case "starts_in":
      return { kind, operator: "more_than", hours: 24 };
    case "closed_within":
      return { kind, days: 7 };
    case "confirmed_by_customer":
      return { kind, value: true };
    case "answer":
      return { kind, field: answerField, operator: "is", values: [] };
    case "used_at_most":
      return { kind, times: 1 };
  }
}
