import { z } from "zod";
import type { DerivedState } from "../activities/lifecycle.js";
import { describeList, describeValue, type FormProblem, joinPath } from "../forms/problems.js";
import { codeSchema, type FormField, MAX_OPTIONS } from "../forms/schema.js";
import { editDistance } from "../text/edit-distance.js";

/**
 * The availability conditions of portal actions: their stored shape, their evaluation against
 * the facts of the current activity and customer, and the checks that need the activity form of
 * the type that carries the actions. Conditions combine in AND/OR groups.
 */

/** Maximum nesting of condition groups: the top group is level 1, a group inside it level 2. */
export const MAX_CONDITION_DEPTH = 3;
export const MAX_GROUP_ITEMS = 20;
/** Bounds of `starts_in.hours`: 1 hour to 365 days. */
export const MIN_HOURS = 1;
export const MAX_HOURS = 8760;
/** Bounds of `closed_within.days`: 1 day to about 10 years. */
export const MIN_DAYS = 1;
export const MAX_DAYS = 3650;
/** Bounds of `used_at_most.times`. */
export const MIN_TIMES = 1;
export const MAX_TIMES = 100;

/** The derived states, plus `open`: neither terminated nor canceled. */
export const STATE_CONDITION_VALUES = [
  "unscheduled",
  "scheduled",
  "in_progress",
  "to_close",
  "terminated",
  "canceled",
  "open",
] as const;
export type StateConditionValue = (typeof STATE_CONDITION_VALUES)[number];

export const CONDITION_KINDS = [
  "state",
  "starts_in",
  "closed_within",
  "confirmed_by_customer",
  "answer",
  "used_at_most",
] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** Kinds that test the current activity, so they cannot apply to a home-page action. */
export const ACTIVITY_CONDITION_KINDS: readonly ConditionKind[] = [
  "state",
  "starts_in",
  "closed_within",
  "confirmed_by_customer",
  "answer",
];

/** The values that an `answer` condition on a yes/no field compares with. */
export const YES_NO_VALUES = ["yes", "no"] as const;

const stateConditionSchema = z.strictObject({
  kind: z.literal("state"),
  operator: z.enum(["is", "is_not"]),
  states: z
    .array(z.enum(STATE_CONDITION_VALUES))
    .min(1, { error: "choose at least one state." })
    .max(STATE_CONDITION_VALUES.length),
});

const startsInConditionSchema = z.strictObject({
  kind: z.literal("starts_in"),
  operator: z.enum(["more_than", "less_than"]),
  hours: z.int().min(MIN_HOURS).max(MAX_HOURS),
});

const closedWithinConditionSchema = z.strictObject({
  kind: z.literal("closed_within"),
  days: z.int().min(MIN_DAYS).max(MAX_DAYS),
});

const confirmedConditionSchema = z.strictObject({
  kind: z.literal("confirmed_by_customer"),
  value: z.boolean(),
});

const answerConditionSchema = z.strictObject({
  kind: z.literal("answer"),
  field: codeSchema,
  operator: z.enum(["is", "is_not"]),
  values: z
    .array(z.string())
    .min(1, { error: "give at least one value to compare the answer with." })
    .max(MAX_OPTIONS),
});

const usedAtMostConditionSchema = z.strictObject({
  kind: z.literal("used_at_most"),
  times: z.int().min(MIN_TIMES).max(MAX_TIMES),
});

/** One test, discriminated by `kind`. */
export const conditionSchema = z.discriminatedUnion("kind", [
  stateConditionSchema,
  startsInConditionSchema,
  closedWithinConditionSchema,
  confirmedConditionSchema,
  answerConditionSchema,
  usedAtMostConditionSchema,
]);
export type Condition = z.output<typeof conditionSchema>;

/**
 * Conditions combined with AND or OR. Items are conditions or nested groups; a group with no
 * items is rejected, because "always available" is written as `conditions: null`.
 */
export interface ConditionGroup {
  combinator: "and" | "or";
  items: (Condition | ConditionGroup)[];
}

/**
 * A condition group. The schema checks shapes and bounds. `checkConditionRules` checks the
 * nesting depth, which a recursive zod schema cannot bound with a readable message.
 */
export const conditionGroupSchema: z.ZodType<ConditionGroup> = z.strictObject({
  combinator: z.enum(["and", "or"]),
  items: z
    .array(z.union([conditionSchema, z.lazy(() => conditionGroupSchema)]))
    .min(1, { error: "a condition group needs at least one condition. Add one, or remove the group." })
    .max(MAX_GROUP_ITEMS),
});

export function isConditionGroup(item: Condition | ConditionGroup): item is ConditionGroup {
  return "combinator" in item;
}

/** Facts about the current activity that conditions test. */
export interface ConditionActivityFacts {
  state: DerivedState;
  /** Start of the appointment; null when the activity is not scheduled. */
  start: Date | null;
  /** When the activity was terminated or canceled; null while it is open. */
  closedAt: Date | null;
  confirmedByCustomer: boolean;
  /** Answers of the activity form, by field code, as stored: yes/no answers are booleans. */
  answers: Record<string, unknown>;
}

export interface ConditionFacts {
  now: Date;
  /** The current activity; null for a home-page action. */
  activity: ConditionActivityFacts | null;
  /** Runs of this action before this one: on this activity, or by this customer for a home-page action. */
  uses: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Evaluates an action's conditions: true when `group` is null (always available). Every
 * activity-bound kind is false when `facts.activity` is null, whatever its operator.
 */
export function evaluateConditions(group: ConditionGroup | null, facts: ConditionFacts): boolean {
  return group === null || evaluateGroup(group, facts);
}

function evaluateGroup(group: ConditionGroup, facts: ConditionFacts): boolean {
  const isMet = (item: Condition | ConditionGroup) =>
    isConditionGroup(item) ? evaluateGroup(item, facts) : evaluateCondition(item, facts);
  return group.combinator === "and" ? group.items.every(isMet) : group.items.some(isMet);
}

/**
 * Evaluates one condition. Time comparisons are strict, in milliseconds:
 * - `starts_in`: `start − now` is more than, or less than, `hours` hours; exactly `hours` hours is
 *   neither. False when the activity is unscheduled or has no start. A start already past is
 *   less than any number of hours ahead, so combine `less_than` with a state condition.
 * - `closed_within`: `now − closedAt` is less than `days` × 24 hours; false without `closedAt`.
 * - `answer`: a yes/no answer compares as "yes" or "no", and a list answer "is" one of the
 *   values when it contains at least one of them. An unanswered field "is" none of the values,
 *   so `is_not` holds for it.
 * - `used_at_most`: true while `uses` is below `times`, so the action runs at most `times` times.
 */
export function evaluateCondition(condition: Condition, facts: ConditionFacts): boolean {
  if (condition.kind === "used_at_most") {
    return facts.uses < condition.times;
  }

  const { activity, now } = facts;
  if (activity === null) {
    return false;
  }

  switch (condition.kind) {
    case "state": {
      const matches = condition.states.some((state) => stateMatches(state, activity.state));
      return condition.operator === "is" ? matches : !matches;
    }
    case "starts_in": {
      if (activity.start === null || activity.state === "unscheduled") {
        return false;
      }
      const ahead = activity.start.getTime() - now.getTime();
      const limit = condition.hours * HOUR_MS;
      return condition.operator === "more_than" ? ahead > limit : ahead < limit;
    }
    case "closed_within":
      return (
        activity.closedAt !== null && now.getTime() - activity.closedAt.getTime() < condition.days * DAY_MS
      );
    case "confirmed_by_customer":
      return activity.confirmedByCustomer === condition.value;
    case "answer": {
      const answer = Object.hasOwn(activity.answers, condition.field)
        ? activity.answers[condition.field]
        : undefined;
      const matches = answerMatches(answer, condition.values);
      return condition.operator === "is" ? matches : !matches;
    }
  }
}

function stateMatches(value: StateConditionValue, state: DerivedState): boolean {
  if (value === "open") {
    return state !== "terminated" && state !== "canceled";
  }
  return value === state;
}

function answerMatches(answer: unknown, values: readonly string[]): boolean {
  if (Array.isArray(answer)) {
    return answer.some((item) => typeof item === "string" && values.includes(item));
  }
  if (typeof answer === "boolean") {
    return values.includes(answer ? "yes" : "no");
  }
  return typeof answer === "string" && values.includes(answer);
}

/**
 * One reason why a portal action is invalid. Shaped like a form problem, so a route returns both
 * in the `fields` of a `validation_failed` error.
 */
export interface ActionProblem extends FormProblem {
  /** The field code probably meant, for an unknown field or option. */
  suggestion?: string;
}

/** The action that carries the conditions, as the condition checks see it. */
export interface ConditionRuleContext {
  /** Whether the action is offered on the home page, where no activity is current. */
  home: boolean;
  /** Fields of the activity form of the type that carries the action. Without them, answer conditions are not checked. */
  activityFormFields?: readonly FormField[];
  /** Start of each message, e.g. `Action 2 ("Book a visit")`. */
  subject: string;
}

/**
 * Checks the rules of a condition group that its schema does not: the nesting depth and the kinds
 * a home-page action may use. It also checks that `answer` conditions name a choice or yes/no
 * field of the activity form, with values among its options. Paths start at `path`.
 */
export function checkConditionRules(
  group: ConditionGroup,
  path: readonly PropertyKey[],
  context: ConditionRuleContext,
): ActionProblem[] {
  return checkGroup(group, path, 1, context);
}

function checkGroup(
  group: ConditionGroup,
  path: readonly PropertyKey[],
  depth: number,
  context: ConditionRuleContext,
): ActionProblem[] {
  if (depth > MAX_CONDITION_DEPTH) {
    const message =
      `${context.subject}: the conditions nest groups more than ${MAX_CONDITION_DEPTH} levels deep. ` +
      "Move these conditions into a group at a higher level.";
    return [{ path: joinPath(path), code: "condition_too_deep", message }];
  }
  return group.items.flatMap((item, index) => {
    const itemPath = [...path, "items", index];
    return isConditionGroup(item)
      ? checkGroup(item, itemPath, depth + 1, context)
      : checkCondition(item, itemPath, context);
  });
}

const KIND_DESCRIPTIONS: Record<ConditionKind, string> = {
  state: "the activity's state",
  starts_in: "the time before the appointment",
  closed_within: "the time since the activity was closed",
  confirmed_by_customer: "the customer's confirmation of the appointment",
  answer: "an answer of the activity form",
  used_at_most: "the number of uses",
};

function checkCondition(
  condition: Condition,
  path: readonly PropertyKey[],
  context: ConditionRuleContext,
): ActionProblem[] {
  if (context.home && ACTIVITY_CONDITION_KINDS.includes(condition.kind)) {
    const message =
      `${context.subject}: a "${condition.kind}" condition tests ${KIND_DESCRIPTIONS[condition.kind]}, ` +
      "but a home-page action has no current activity. Remove the condition; only " +
      '"used_at_most" applies to home-page actions.';
    return [
      { path: joinPath([...path, "kind"]), code: "condition_needs_activity", message, value: condition.kind },
    ];
  }
  if (condition.kind !== "answer" || context.activityFormFields === undefined) {
    return [];
  }
  return checkAnswerCondition(condition, path, context.activityFormFields, context.subject);
}

type AnswerCondition = Extract<Condition, { kind: "answer" }>;
type ConditionField = Extract<FormField, { type: "single_choice" | "multiple_choice" | "yes_no" }>;

function isConditionField(field: FormField): field is ConditionField {
  return field.type === "single_choice" || field.type === "multiple_choice" || field.type === "yes_no";
}

function optionValues(field: ConditionField): readonly string[] {
  return field.type === "yes_no" ? YES_NO_VALUES : field.options.map((option) => option.value);
}

function checkAnswerCondition(
  condition: AnswerCondition,
  path: readonly PropertyKey[],
  fields: readonly FormField[],
  subject: string,
): ActionProblem[] {
  const fieldPath = joinPath([...path, "field"]);
  const eligible = fields.filter(isConditionField).map((field) => field.code);
  const field = fields.find((candidate) => candidate.code === condition.field);

  if (field === undefined) {
    const suggestion = nearestCode(condition.field, eligible);
    const hint = suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
    const choices =
      eligible.length === 0
        ? "The activity form has no choice or yes/no field, so remove the condition."
        : `Use one of ${describeList(eligible)}.`;
    const message = `${subject}: the answer condition uses field "${condition.field}", which is not in the activity form.${hint} ${choices}`;
    return [
      {
        path: fieldPath,
        code: "unknown_field",
        message,
        value: condition.field,
        ...(suggestion === undefined ? {} : { suggestion }),
      },
    ];
  }

  if (!isConditionField(field)) {
    const choices = eligible.length === 0 ? "Remove the condition." : `Use one of ${describeList(eligible)}.`;
    const message =
      `${subject}: the answer condition uses field "${condition.field}", a ${field.type} field, but only ` +
      `choice and yes/no fields can be compared with values. ${choices}`;
    return [{ path: fieldPath, code: "field_not_choice", message, value: condition.field }];
  }

  const allowed = optionValues(field);
  const problems: ActionProblem[] = [];
  condition.values.forEach((value, index) => {
    if (allowed.includes(value)) {
      return;
    }
    const suggestion = nearestCode(value, allowed);
    const hint = suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
    const message =
      `${subject}: ${describeValue(value)} is not an option of field "${field.code}".${hint} ` +
      `Use one of ${describeList(allowed)}.`;
    problems.push({
      path: joinPath([...path, "values", index]),
      code: "unknown_option",
      message,
      value,
      ...(suggestion === undefined ? {} : { suggestion }),
    });
  });
  return problems;
}

/**
 * Returns the candidate nearest to `name` by edit distance, if it is at most 2 edits away, or a
 * quarter of the name's length for long names. The portal texts suggest codes by the same rule.
 */
export function nearestCode(name: string, candidates: readonly string[]): string | undefined {
  const maxDistance = Math.max(2, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
