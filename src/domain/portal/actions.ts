import { z } from "zod";
import type { DerivedState } from "../activities/lifecycle.js";
import { type FormDefinition, formDefinitionSchema, validateFormDefinition } from "../forms/definition.js";
import { describeList, describeValue, joinPath } from "../forms/problems.js";
import { codeSchema, type FormField, isAnswerField, MAX_FIELDS } from "../forms/schema.js";
import { type BookingPolicy, customerMayChange } from "../scheduling/assistant/settings.js";
import {
  type ActionProblem,
  CONDITION_KINDS,
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
    // A type without a form in `targetForms` has no field to copy into.
    const targetKnown = typeof targetTypeId === "string" && context?.typeIds.includes(targetTypeId) === true;
    if (context !== undefined && effect === "create_linked_activity" && targetKnown) {
      const targetFields = context.targetForms[targetTypeId as string]?.fields ?? [];
      problems.push(...checkCopyFields(copyFields, context.activityFormFields, targetFields, subject));
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
 * with the same type. For choices, the target field must have every option of the current one.
 * Together these make a copied answer valid in the target form.
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

export type ValidatePortalActionsResult = { actions: PortalAction[] } | { problems: ActionProblem[] };

/**
 * Validates the actions that staff save on an activity type and returns them normalized, or
 * returns every problem found. Paths start with the action's index, e.g.
 * `2.conditions.items.0.hours`. Each action gets the shape and rules of `portalActionSchema`.
 * Its target type must be one of `context.typeIds`. Its copied fields must take an answer of the
 * same type in both activity forms. Its answer conditions must name a choice or yes/no field of
 * `context.activityFormFields` and use its option values, or "yes" and "no". Its form gets the
 * checks of an activity form. An action without an id gets a new one.
 */
export function validatePortalActions(
  input: unknown,
  context: PortalActionContext,
): ValidatePortalActionsResult {
  if (!Array.isArray(input)) {
    const message = `The portal actions must be a list, such as [], not ${describeValue(input)}.`;
    return { problems: [{ path: "", code: "invalid_type", message, value: input }] };
  }

  const problems: ActionProblem[] = [];
  if (input.length > MAX_ACTIONS) {
    const message = `The type has ${input.length} portal actions, more than the maximum of ${MAX_ACTIONS}. Remove some.`;
    problems.push({ path: "", code: "too_big", message });
  }

  const actions: PortalAction[] = [];
  input.forEach((raw, index) => {
    const result = validateAction(raw, index, context);
    if ("action" in result) {
      actions.push(result.action);
    } else {
      problems.push(...result.problems);
    }
  });
  problems.push(...checkDuplicateIds(input.map((raw) => (isPlainObject(raw) ? raw.id : undefined))));

  if (problems.length > 0) {
    return { problems: sortByAction(problems) };
  }
  return { actions };
}

/** A submitted action: `id` is optional for a new action, and the form is checked on its own. */
const submittedActionSchema = z.strictObject(actionShape(z.uuid().optional(), z.unknown().optional()));
const submittedShape = submittedActionSchema.shape;

function validateAction(
  raw: unknown,
  index: number,
  context: PortalActionContext,
): { action: PortalAction } | { problems: ActionProblem[] } {
  const subject = actionSubject(raw, index);
  if (!isPlainObject(raw)) {
    const message = `${subject} must be an object such as { "label": { "en": "…", "fr": "…" }, "effect": "update_activity" }, not ${describeValue(raw)}.`;
    return { problems: [{ path: String(index), code: "invalid_type", message, value: raw }] };
  }

  const parsed = submittedActionSchema.safeParse(raw, { reportInput: true });
  const problems = parsed.success ? [] : problemsFromIssues(parsed.error.issues, [], subject);

  let form: FormDefinition | null = null;
  if (raw.form !== undefined && raw.form !== null) {
    const result = validateFormDefinition(raw.form, { kind: "activity" });
    if (result.ok) {
      form = result.form;
      // Customers have no way to sign or upload on the portal, so a form asking for it could never be sent.
      result.form.fields.forEach((field, fieldIndex) => {
        if (field.type !== "signature" && field.type !== "file") return;
        problems.push({
          path: `form.fields.${fieldIndex}.type`,
          code: "field_type_not_on_portal",
          value: field.type,
          message: `${subject}, form: field "${field.code}" is a ${field.type} field, which customers cannot fill in on the portal. Use another field type or remove the field.`,
        });
      });
    } else {
      for (const problem of result.problems) {
        const path = problem.path === "" ? "form" : `form.${problem.path}`;
        problems.push({ ...problem, path, message: `${subject}, form: ${problem.message}` });
      }
    }
  }

  // The rules also run on the parts that have a valid shape when others do not, so that one
  // save reports every problem.
  const parts: ActionParts = {
    effect: partOf(submittedShape.effect, raw.effect),
    targetTypeId: partOf(submittedShape.targetTypeId, raw.targetTypeId),
    copyFields: partOf(submittedShape.copyFields, raw.copyFields),
    scheduling: partOf(submittedShape.scheduling, raw.scheduling),
    conditions: partOf(submittedShape.conditions, raw.conditions),
  };
  problems.push(...checkActionRules(parts, subject, context));

  if (!parsed.success || problems.length > 0) {
    return {
      problems: problems.map((problem) => ({
        ...problem,
        path: joinPath([index, ...pathSegments(problem.path)]),
      })),
    };
  }

  const action = parsed.data;
  const newId = context.newId ?? (() => crypto.randomUUID());
  return {
    action: {
      id: action.id ?? newId(),
      label: action.label,
      effect: action.effect,
      targetTypeId: action.targetTypeId,
      copyFields: action.copyFields,
      form,
      scheduling: action.scheduling,
      conditions: action.conditions,
    },
  };
}

function partOf<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Names an action in messages by its position and, when it has one, its label: `Action 2 ("Book a visit")`. */
function actionSubject(raw: unknown, index: number): string {
  const label = isPlainObject(raw) && isPlainObject(raw.label) ? raw.label : {};
  const text = [label.en, label.fr].find((value) => typeof value === "string" && value.trim() !== "");
  return typeof text === "string"
    ? `Action ${index + 1} (${JSON.stringify(text.trim())})`
    : `Action ${index + 1}`;
}

/** Sorts problems by action index, keeping their order within an action. List-wide problems come first. */
function sortByAction(problems: ActionProblem[]): ActionProblem[] {
  const position = (problem: ActionProblem) => {
    const match = /^(\d+)/.exec(problem.path);
    return match === null ? -1 : Number(match[1]);
  };
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => position(a.problem) - position(b.problem) || a.order - b.order)
    .map(({ problem }) => problem);
}

type Issue = z.core.$ZodIssue;

const EXPECTED_DESCRIPTIONS: Record<string, string> = {
  string: "a text string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

/** Converts zod issues of a submitted action, parsed with `reportInput: true`, into problems. */
function problemsFromIssues(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[],
  subject: string,
): ActionProblem[] {
  return issues.flatMap((issue) => problemsFromIssue(issue, prefix, subject));
}

function problemsFromIssue(issue: Issue, prefix: readonly PropertyKey[], subject: string): ActionProblem[] {
  const segments = [...prefix, ...issue.path];
  const path = joinPath(segments);
  const property = path === "" ? "the action" : path;
  const withValue = (problem: ActionProblem): ActionProblem =>
    issue.input === undefined ? problem : { ...problem, value: issue.input };

  switch (issue.code) {
    case "invalid_union": {
      if (issue.discriminator !== undefined) {
        // The discriminator issue carries the whole condition as its input, and its path ends at `kind`.
        const kind = isPlainObject(issue.input) ? issue.input[issue.discriminator] : undefined;
        if (kind === undefined) {
          const message = `${subject}: ${property} is missing. Set it to one of ${describeList(CONDITION_KINDS)}.`;
          return [{ path, code: "missing", message }];
        }
        const message = `${subject}: ${property} ${describeValue(kind)} is not a condition kind. Use one of ${describeList(CONDITION_KINDS)}.`;
        return [{ path, code: "invalid_condition_kind", message, value: kind }];
      }
      // The only plain union is a group item: a nested group when it has `combinator` or `items`,
      // otherwise a condition. The issues of that branch are reported.
      if (!isPlainObject(issue.input)) {
        const message =
          `${subject}: ${property} must be a condition such as { "kind": "used_at_most", "times": 1 } ` +
          `or a group such as { "combinator": "and", "items": [...] }, not ${describeValue(issue.input)}.`;
        return [withValue({ path, code: "invalid_condition", message })];
      }
      const isGroup = "combinator" in issue.input || "items" in issue.input;
      return problemsFromIssues(issue.errors[isGroup ? 1 : 0] ?? [], segments, subject);
    }

    case "invalid_type": {
      const expected = EXPECTED_DESCRIPTIONS[issue.expected] ?? issue.expected;
      if (issue.input === undefined) {
        return [{ path, code: "missing", message: `${subject}: ${property} is missing. Add ${expected}.` }];
      }
      const message = `${subject}: ${property} must be ${expected}, not ${describeValue(issue.input)}.`;
      return [withValue({ path, code: "invalid_type", message })];
    }

    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: joinPath([...segments, key]),
        code: "unknown_property",
        message: `${subject}: "${key}" is not a property of ${property}. Remove it.`,
      }));

    case "invalid_value": {
      if (issue.input === undefined) {
        const message = `${subject}: ${property} is missing. Set it to one of ${describeList(issue.values)}.`;
        return [{ path, code: "missing", message }];
      }
      const message = `${subject}: ${property} is ${describeValue(issue.input)}, but must be one of ${describeList(issue.values)}.`;
      return [withValue({ path, code: "invalid_value", message })];
    }

    case "too_big":
    case "too_small":
      return [withValue({ path, code: issue.code, message: boundMessage(issue, property, subject) })];

    case "invalid_format": {
      if (issue.format === "uuid") {
        const message = `${subject}: ${property} ${describeValue(issue.input)} is not a UUID. Use the id as the server returned it.`;
        return [withValue({ path, code: "invalid_uuid", message })];
      }
      return [
        withValue({ path, code: "invalid_code", message: `${subject}, ${property}: ${issue.message}` }),
      ];
    }

    case "custom": {
      const code = typeof issue.params?.code === "string" ? issue.params.code : "invalid";
      return [withValue({ path, code, message: `${subject}, ${property}: ${issue.message}` })];
    }
  }

  return [withValue({ path, code: issue.code, message: `${subject}, ${property}: ${issue.message}` })];
}

function boundMessage(
  issue: Extract<Issue, { code: "too_big" | "too_small" }>,
  property: string,
  subject: string,
): string {
  // Messages set on the schema, such as "choose at least one state.", already tell the user what to do.
  if (!issue.message.startsWith("Too ")) {
    return `${subject}, ${property}: ${issue.message}`;
  }
  const input = issue.input;
  const isBig = issue.code === "too_big";
  const bound = isBig ? issue.maximum : issue.minimum;

  if (issue.origin === "string" && typeof input === "string") {
    if (!isBig && input.length === 0) {
      return `${subject}: ${property} is empty. Enter a text of 1 to ${MAX_ACTION_LABEL_LENGTH} characters.`;
    }
    const comparison = isBig ? "more than the maximum" : "fewer than the minimum";
    return `${subject}: ${property} has ${input.length} characters, ${comparison} of ${bound}. ${isBig ? "Shorten it." : "Lengthen it."}`;
  }
  if (issue.origin === "array" && Array.isArray(input)) {
    const comparison = isBig ? "more than the maximum" : "fewer than the minimum";
    return `${subject}: ${property} has ${input.length} items, ${comparison} of ${bound}. ${isBig ? "Remove some." : "Add some."}`;
  }
  const requirement = isBig ? `at most ${bound}` : `at least ${bound}`;
  return `${subject}: ${property} must be ${requirement}, not ${describeValue(input)}.`;
}

/** The booking-policy cut-offs, in hours before the appointment's start. */
export type CutoffPolicy = Pick<BookingPolicy, "rescheduleCutoffHours" | "cancelCutoffHours">;

export type ChangeRefusal = "not_open" | "too_late" | "started";
export type ChangeDecision = { allowed: true } | { allowed: false; reason: ChangeRefusal };

const CLOSED_STATES: readonly DerivedState[] = ["terminated", "canceled"];

/**
 * Applies the booking policy's floor to a customer's action on an activity. Conditions can only
 * narrow what this allows, and the service checks both when the action is offered and again when
 * it runs. The rule, by effect:
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

/** The facts that decide whether an action is available to a customer now. */
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
 * `wrong_page`: a home-page action requested on an activity, or an activity action on the home
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
