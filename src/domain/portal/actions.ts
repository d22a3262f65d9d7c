import { z } from "zod";
import type { DerivedState } from "../activities/lifecycle.js";
import { type FormDefinition, formDefinitionSchema } from "../forms/definition.js";
import { describeList, describeValue } from "../forms/problems.js";
import { codeSchema, type FormField, isAnswerField, MAX_FIELDS } from "../forms/schema.js";
import { type BookingPolicy, customerMayChange } from "../scheduling/assistant/settings.js";
import {
  type ActionProblem,
  type ConditionActivityFacts,
  type ConditionGroup,
  checkConditionRules,
  conditionGroupSchema,
  evaluateConditions,
  nearestCode,
} from "./action-conditions.js";

export {
  ACTIVITY_CONDITION_KINDS,
  type ActionProblem,
  CONDITION_KINDS,
  type Condition,
  type ConditionActivityFacts,
  type ConditionFacts,
  type ConditionGroup,
  type ConditionKind,
  conditionGroupSchema,
  conditionSchema,
  evaluateCondition,
  evaluateConditions,
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
  YES_NO_VALUES,
} from "./action-conditions.js";

/**
 * Portal actions: what a customer can do from the portal, configured per activity type and
 * stored in `activity_types.portal_actions` as an ordered list. This module contains their stored
 * shape, their validation when staff save them, and the rules that decide whether an action is
 * available to a customer right now.
 */

export const PORTAL_ACTION_EFFECTS = [
  "create_activity",
  "create_linked_activity",
  "close_activity",
  "update_activity",
  "cancel_activity",
] as const;
/**
 * - `create_activity`: a new activity of `targetTypeId`, offered on the portal home page.
 * - `create_linked_activity`: a new activity of `targetTypeId` whose parent is the current one.
 * - `close_activity`: stores the form's answers as the closing report, with result OK.
 * - `update_activity`: stores the form's answers; with `scheduling`, picks or moves the slot.
 * - `cancel_activity`: cancels the current activity with the reason "customer request".
 */
export type PortalActionEffect = (typeof PORTAL_ACTION_EFFECTS)[number];

/** Effects that create an activity of another type, so they need `targetTypeId`. */
export const TARGET_EFFECTS: readonly PortalActionEffect[] = ["create_activity", "create_linked_activity"];
/** Effects that may have a scheduling step. */
export const SCHEDULING_EFFECTS: readonly PortalActionEffect[] = [
  "create_activity",
  "create_linked_activity",
  "update_activity",
];

export const MAX_ACTIONS = 20;
export const MAX_ACTION_LABEL_LENGTH = 80;

/** Returns whether the action is offered on the home page, where no activity is current. */
export function isHomeAction(action: Pick<PortalAction, "effect">): boolean {
  return action.effect === "create_activity";
}

const labelTextSchema = z.string().trim().min(1).max(MAX_ACTION_LABEL_LENGTH);

/** Builds the properties of an action; `id` and `form` differ between stored and submitted actions. */
function actionShape<Id extends z.ZodType, Form extends z.ZodType>(id: Id, form: Form) {
  return {
    /** Stable across edits; runs of the action refer to it. */
    id,
    label: z.strictObject({ en: labelTextSchema, fr: labelTextSchema }),
    effect: z.enum(PORTAL_ACTION_EFFECTS),
    targetTypeId: z.uuid().nullable().default(null),
    /** Field codes copied from the current activity's answers into the linked activity. */
    copyFields: z.array(codeSchema).max(MAX_FIELDS).default([]),
    form,
    scheduling: z.boolean().default(false),
    /** Null means always available. */
    conditions: conditionGroupSchema.nullable().default(null),
  };
}

/** The parts of an action that its rules read; undefined when the part has an invalid shape. */
interface ActionParts {
  effect: PortalActionEffect | undefined;
  targetTypeId: string | null | undefined;
  copyFields: string[] | undefined;
  scheduling: boolean | undefined;
  conditions: ConditionGroup | null | undefined;
}

/** The unit's types and forms that the context rules of an action need. */
export interface PortalActionContext {
  /** Fields of the activity form of the type that carries the actions. */
  activityFormFields: readonly FormField[];
  /** Ids of the activity types of the business unit. */
  typeIds: readonly string[];
  /** The activity form of each type that an action may target, by type id. */
  targetForms: Readonly<Record<string, FormDefinition>>;
  /** Makes the id of a new action; `crypto.randomUUID` by default. */
  newId?: () => string;
}

/**
 * Checks the rules of one action across its properties; paths are relative to the action. Without
 * `context` only the rules that need nothing else run: which effects take a target type, copied
 * fields and a scheduling step, condition depth and home-page condition kinds. With it, the
 * target type, copied fields and answer conditions are also checked against the unit's types and
 * forms.
 */
function checkActionRules(
  parts: ActionParts,
  subject: string,
  context: PortalActionContext | undefined,
): ActionProblem[] {
  const problems: ActionProblem[] = [];
  const { effect, targetTypeId, copyFields, scheduling, conditions } = parts;

  if (effect !== undefined && TARGET_EFFECTS.includes(effect) && targetTypeId === null) {
    const message = `${subject}: effect "${effect}" creates an activity, but targetTypeId is missing. Choose the type of the activity to create.`;
    problems.push({ path: "targetTypeId", code: "target_type_required", message, value: null });
  }
  if (effect !== undefined && !TARGET_EFFECTS.includes(effect) && typeof targetTypeId === "string") {
    const message = `${subject}: effect "${effect}" creates no activity, so targetTypeId must be null, not ${describeValue(targetTypeId)}. Remove it.`;
    problems.push({ path: "targetTypeId", code: "target_type_not_allowed", message, value: targetTypeId });
  }
  if (context !== undefined && typeof targetTypeId === "string" && !context.typeIds.includes(targetTypeId)) {
    const message = `${subject}: targetTypeId ${describeValue(targetTypeId)} is not an activity type of this business unit. Choose one of its types.`;
    problems.push({ path: "targetTypeId", code: "unknown_target_type", message, value: targetTypeId });
  }

  if (copyFields !== undefined) {
    if (effect !== undefined && effect !== "create_linked_activity" && copyFields.length > 0) {
      const message = `${subject}: only a "create_linked_activity" action copies fields, but effect "${effect}" has copyFields ${describeValue(copyFields)}. Set copyFields to [].`;
      problems.push({ path: "copyFields", code: "copy_fields_not_allowed", message, value: copyFields });
    }
    copyFields.forEach((code, index) => {
      if (copyFields.indexOf(code) !== index) {
        const message = `${subject}: field "${code}" is listed twice in copyFields. Remove the second one.`;
        problems.push({ path: `copyFields.${index}`, code: "duplicate_copy_field", message, value: code });
      }
    });
    const target = typeof targetTypeId === "string" ? context?.targetForms[targetTypeId] : undefined;
    if (
      context !== undefined &&
      effect === "create_linked_activity" &&
      context.typeIds.includes(targetTypeId ?? "")
    ) {
      problems.push(
        ...checkCopyFields(copyFields, context.activityFormFields, target?.fields ?? [], subject),
      );
    }
  }

  if (effect !== undefined && scheduling === true && !SCHEDULING_EFFECTS.includes(effect)) {
    const message = `${subject}: effect "${effect}" has no scheduling step, so scheduling must be false. Only ${describeList(SCHEDULING_EFFECTS)} actions can schedule.`;
    problems.push({ path: "scheduling", code: "scheduling_not_allowed", message, value: true });
  }

  if (conditions !== undefined && conditions !== null) {
    const ruleContext = {
      home: effect === "create_activity",
      subject,
      ...(context === undefined ? {} : { activityFormFields: context.activityFormFields }),
    };
    problems.push(...checkConditionRules(conditions, ["conditions"], ruleContext));
  }
  return problems;
}

/**
 * Checks that each copied field takes an answer in both the current and the target activity form,
 * with the same type and, for choices, every option of the current field, so that a copied answer
 * is valid in the target form.
 */
function checkCopyFields(
  codes: readonly string[],
  sourceFields: readonly FormField[],
  targetFields: readonly FormField[],
  subject: string,
): ActionProblem[] {
  const problems: ActionProblem[] = [];
  codes.forEach((code, index) => {
    const path = `copyFields.${index}`;
    const source = sourceFields.find((field) => field.code === code);
    const target = targetFields.find((field) => field.code === code);

    if (source === undefined || !isAnswerField(source)) {
      const candidates = sourceFields.filter(isAnswerField).map((field) => field.code);
      const suggestion = nearestCode(code, candidates);
      const hint = suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
      const reason = source === undefined ? "is not in" : "takes no answer in";
      const message = `${subject}: copied field "${code}" ${reason} this type's activity form.${hint} Copy only fields that take an answer in both forms.`;
      problems.push({
        path,
        code: "unknown_copy_field",
        message,
        value: code,
        ...(suggestion === undefined ? {} : { suggestion }),
      });
      return;
    }
    if (target === undefined || !isAnswerField(target)) {
      const message = `${subject}: copied field "${code}" is not a field that takes an answer in the target type's activity form. Add it to that form or remove it from copyFields.`;
      problems.push({ path, code: "copy_field_not_in_target", message, value: code });
      return;
    }
    if (source.type !== target.type) {
      const message = `${subject}: copied field "${code}" is a ${source.type} field here but a ${target.type} field in the target type's activity form. Make both the same type or remove it from copyFields.`;
      problems.push({ path, code: "copy_field_type_mismatch", message, value: code });
      return;
    }
    if ("options" in source && "options" in target) {
      const targetValues = target.options.map((option) => option.value);
      const missing = source.options
        .map((option) => option.value)
        .filter((value) => !targetValues.includes(value));
      if (missing.length > 0) {
        const message = `${subject}: copied field "${code}" has options ${describeList(missing)} that the target type's field lacks. Add them to the target field or remove "${code}" from copyFields.`;
        problems.push({ path, code: "copy_field_options_missing", message, value: code });
      }
    }
  });
  return problems;
}

function pathSegments(path: string): (string | number)[] {
  return path === ""
    ? []
    : path.split(".").map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function addProblems(problems: readonly ActionProblem[], context: z.RefinementCtx): void {
  for (const problem of problems) {
    context.addIssue({
      code: "custom",
      path: pathSegments(problem.path),
      message: problem.message,
      params: { code: problem.code },
      input: problem.value,
    });
  }
}

/**
 * A stored portal action, with every rule that needs no other data. Missing optional properties
 * take their defaults: no target type, no copied fields, no form, no scheduling step, always
 * available. The target type, copied fields and answer conditions are checked against the unit
 * by `validatePortalActions` when staff save the actions.
 */
export const portalActionSchema = z
  .strictObject(actionShape(z.uuid(), formDefinitionSchema.nullable().default(null)))
  .superRefine((action, context) => {
    addProblems(checkActionRules(action, "The action", undefined), context);
  });

export type PortalAction = z.output<typeof portalActionSchema>;
export type PortalActionInput = z.input<typeof portalActionSchema>;

/** An activity type's ordered actions: at most 20, each id once. */
export const portalActionsSchema = z
  .array(portalActionSchema)
  .max(MAX_ACTIONS)
  .superRefine((actions, context) => {
    addProblems(checkDuplicateIds(actions.map((action) => action.id)), context);
  });

function checkDuplicateIds(ids: readonly unknown[]): ActionProblem[] {
  const problems: ActionProblem[] = [];
  ids.forEach((id, index) => {
    if (typeof id === "string" && ids.indexOf(id) !== index) {
      const first = ids.indexOf(id) + 1;
      const message = `Action ${index + 1} has id ${describeValue(id)}, already used by action ${first}. Remove the id so that a new one is made.`;
      problems.push({ path: `${index}.id`, code: "duplicate_id", message, value: id });
    }
  });
  return problems;
}

/**
 * Reads `activity_types.portal_actions`: keeps the first 20 valid actions in order, dropping each
 * entry that is not a valid action and each later entry whose id repeats an earlier one. Anything
 * other than a list reads as no actions.
 */
export function readPortalActions(stored: unknown): PortalAction[] {
  if (!Array.isArray(stored)) {
    return [];
  }
  const actions: PortalAction[] = [];
  for (const entry of stored) {
    const parsed = portalActionSchema.safeParse(entry);
    if (parsed.success && !actions.some((action) => action.id === parsed.data.id)) {
      actions.push(parsed.data);
    }
    if (actions.length === MAX_ACTIONS) {
      break;
    }
  }
  return actions;
}

/** The booking-policy cut-offs, in hours before the appointment's start. */
export type CutoffPolicy = Pick<BookingPolicy, "rescheduleCutoffHours" | "cancelCutoffHours">;

export type ChangeRefusal = "not_open" | "too_late" | "started";
export type ChangeDecision = { allowed: true } | { allowed: false; reason: ChangeRefusal };

const CLOSED_STATES: readonly DerivedState[] = ["terminated", "canceled"];

/**
 * Applies the booking policy's floor to a customer's action on an activity. Conditions can only
 * narrow what this allows; the service checks both when the action is offered and again when it
 * runs. The rule, by effect:
 * - `create_activity` and `create_linked_activity`: always allowed, whatever the activity's state.
 * - `close_activity`, and `update_activity` without scheduling: allowed while the activity is
 *   open; refused with `not_open` when it is terminated or canceled.
 * - `update_activity` with scheduling, and `cancel_activity`: refused with `not_open` when the
 *   activity is terminated or canceled. Allowed when it is unscheduled or has no start, because
 *   nothing is booked yet. Otherwise refused with `started` when it is in progress, awaiting
 *   closure or `now >= start`, and with `too_late` when `now >= start − cutoff`. So a change is
 *   allowed only while `now < start − cutoff`, with `rescheduleCutoffHours` for a move and
 *   `cancelCutoffHours` for a cancellation. With a 24 h cut-off and a start at
 *   2026-06-12T07:00:00Z, 2026-06-11T06:59:00Z is allowed and 2026-06-11T07:00:00Z is too late.
 *   A cut-off of 0 allows changes until the start itself.
 *
 * `activity` may be null only for `create_activity`; any other effect throws without it.
 */
export function customerChangeAllowed(
  action: Pick<PortalAction, "effect" | "scheduling">,
  activity: { state: DerivedState; start: Date | null } | null,
  policy: CutoffPolicy,
  now: Date,
): ChangeDecision {
  const { effect } = action;
  if (effect === "create_activity") {
    return { allowed: true };
  }
  if (activity === null) {
    throw new Error(`A "${effect}" portal action needs the current activity to check the booking policy.`);
  }
  if (effect === "create_linked_activity") {
    return { allowed: true };
  }
  if (CLOSED_STATES.includes(activity.state)) {
    return { allowed: false, reason: "not_open" };
  }

  const changesBooking = effect === "cancel_activity" || (effect === "update_activity" && action.scheduling);
  if (!changesBooking || activity.state === "unscheduled" || activity.start === null) {
    return { allowed: true };
  }
  if (
    activity.state === "in_progress" ||
    activity.state === "to_close" ||
    now.getTime() >= activity.start.getTime()
  ) {
    return { allowed: false, reason: "started" };
  }
  const cutoffHours = effect === "cancel_activity" ? policy.cancelCutoffHours : policy.rescheduleCutoffHours;
  return customerMayChange(activity.start, now, cutoffHours)
    ? { allowed: true }
    : { allowed: false, reason: "too_late" };
}

/** What decides whether an action is available to a customer now. */
export interface AvailabilityContext {
  now: Date;
  /** The current activity; null on the home page. */
  activity: ConditionActivityFacts | null;
  /**
   * Runs so far of each action, by action id: on the current activity, or by the customer for a
   * home-page action. A missing id counts 0.
   */
  uses: Readonly<Record<string, number>>;
  /** The booking policy of the current activity's type; unused on the home page. */
  policy: CutoffPolicy;
}

/**
 * `wrong_page`: a home-page action asked for on an activity, or an activity action on the home
 * page. `conditions_not_met`: the action's conditions are false. The other reasons come from
 * `customerChangeAllowed`.
 */
export type UnavailableReason = "wrong_page" | "conditions_not_met" | ChangeRefusal;
export type ActionAvailability = { available: true } | { available: false; reason: UnavailableReason };

/**
 * Decides whether a customer may run the action now: it must belong to the page (home page for
 * `create_activity`, an activity for the others), pass the booking policy's floor and meet its
 * conditions. The floor is checked first, so its more precise reason wins.
 */
export function checkActionAvailability(
  action: PortalAction,
  context: AvailabilityContext,
): ActionAvailability {
  if (isHomeAction(action) !== (context.activity === null)) {
    return { available: false, reason: "wrong_page" };
  }
  const floor = customerChangeAllowed(action, context.activity, context.policy, context.now);
  if (!floor.allowed) {
    return { available: false, reason: floor.reason };
  }
  const facts = { now: context.now, activity: context.activity, uses: context.uses[action.id] ?? 0 };
  if (!evaluateConditions(action.conditions, facts)) {
    return { available: false, reason: "conditions_not_met" };
  }
  return { available: true };
}

/**
 * Returns the actions that a customer may run now, in their configured order: on the home page
 * (`context.activity` null) the available home-page actions, on an activity the available
 * activity actions. See `checkActionAvailability`.
 */
export function availableActions(
  actions: readonly PortalAction[],
  context: AvailabilityContext,
): PortalAction[] {
  return actions.filter((action) => checkActionAvailability(action, context).available);
}
