import { describe, expect, it } from "vitest";
import type { DerivedState } from "../../../src/domain/activities/lifecycle.js";
import {
  type ActionProblem,
  type AvailabilityContext,
  availableActions,
  type Condition,
  type ConditionActivityFacts,
  type ConditionFacts,
  type ConditionGroup,
  checkActionAvailability,
  customerChangeAllowed,
  evaluateConditions,
  type PortalAction,
  type PortalActionContext,
  portalActionsSchema,
  readPortalActions,
  validatePortalActions,
} from "../../../src/domain/portal/actions.js";
import { buildForm, label } from "../forms/helpers.js";

const THIS_TYPE = "0b6f4a52-6a0e-4c55-9f6e-6d2f0f1c1a01";
const MAINTENANCE_TYPE = "0b6f4a52-6a0e-4c55-9f6e-6d2f0f1c1a02";
const RESCHEDULE_TYPE = "0b6f4a52-6a0e-4c55-9f6e-6d2f0f1c1a03";
const ACTION_A = "6d1c8e1a-3b4f-4f5e-8a9b-0c1d2e3f4a01";
const ACTION_B = "6d1c8e1a-3b4f-4f5e-8a9b-0c1d2e3f4a02";
const NEW_ID = "6d1c8e1a-3b4f-4f5e-8a9b-0c1d2e3f4aff";

const activityForm = buildForm([
  {
    code: "boiler_type",
    type: "single_choice",
    label: label("Boiler type"),
    options: [
      { value: "gas", label: label("Gas") },
      { value: "oil", label: label("Oil") },
      { value: "heat_pump", label: label("Heat pump") },
    ],
  },
  {
    code: "access",
    type: "multiple_choice",
    label: label("Access"),
    options: [
      { value: "stairs", label: label("Stairs") },
      { value: "dog", label: label("Dog") },
    ],
  },
  { code: "has_parking", type: "yes_no", label: label("Parking") },
  { code: "boiler_model", type: "short_text", label: label("Boiler model") },
  { code: "notice", type: "displayed_text", label: label("Notice"), text: label("Read this.") },
]);

const rescheduleForm = buildForm([
  { code: "boiler_model", type: "short_text", label: label("Boiler model") },
  {
    code: "boiler_type",
    type: "single_choice",
    label: label("Boiler type"),
    options: [
      { value: "gas", label: label("Gas") },
      { value: "oil", label: label("Oil") },
    ],
  },
  { code: "has_parking", type: "number", label: label("Parking spaces") },
  {
    code: "access",
    type: "multiple_choice",
    label: label("Access"),
    options: [
      { value: "stairs", label: label("Stairs") },
      { value: "dog", label: label("Dog") },
      { value: "lift", label: label("Lift") },
    ],
  },
]);

const context: PortalActionContext = {
  activityFormFields: activityForm.fields,
  typeIds: [THIS_TYPE, MAINTENANCE_TYPE, RESCHEDULE_TYPE],
  targetForms: { [MAINTENANCE_TYPE]: activityForm, [RESCHEDULE_TYPE]: rescheduleForm },
  newId: () => NEW_ID,
};

const group = (combinator: "and" | "or", ...items: (Condition | ConditionGroup)[]): ConditionGroup => ({
  combinator,
  items,
});

/** Builds a valid activity action; tests override one property at a time. */
function updateAction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { label: label("Give access details"), effect: "update_activity", ...overrides };
}

function homeAction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    label: label("Book a maintenance visit"),
    effect: "create_activity",
    targetTypeId: MAINTENANCE_TYPE,
    ...overrides,
  };
}

function validActions(input: unknown): PortalAction[] {
  const result = validatePortalActions(input, context);
  if ("problems" in result) {
    throw new Error(`Expected valid actions: ${JSON.stringify(result.problems, null, 2)}`);
  }
  return result.actions;
}

function problemsOf(input: unknown): ActionProblem[] {
  const result = validatePortalActions(input, context);
  if ("actions" in result) {
    throw new Error("Expected the actions to be invalid, but they are valid.");
  }
  return result.problems;
}

const pathsAndCodes = (problems: readonly ActionProblem[]) =>
  problems.map((problem) => `${problem.path} ${problem.code}`);

describe("validatePortalActions", () => {
  it("accepts the demo actions", () => {
    const actions = validActions([
      homeAction({
        label: { en: "  Book a maintenance visit ", fr: "Réserver un entretien" },
        scheduling: true,
        form: { fields: [{ code: "boiler_model", type: "short_text", label: label("Model") }] },
        conditions: group("and", { kind: "used_at_most", times: 3 }),
      }),
      {
        id: ACTION_A,
        label: label("Ask to reschedule"),
        effect: "create_linked_activity",
        targetTypeId: RESCHEDULE_TYPE,
        copyFields: ["boiler_model", "access"],
        conditions: group(
          "and",
          { kind: "state", operator: "is", states: ["open"] },
          { kind: "starts_in", operator: "more_than", hours: 24 },
        ),
      },
      { id: ACTION_B, label: label("Answer the survey"), effect: "close_activity" },
    ]);

    expect(actions).toEqual([
      {
        id: NEW_ID,
        label: { en: "Book a maintenance visit", fr: "Réserver un entretien" },
        effect: "create_activity",
        targetTypeId: MAINTENANCE_TYPE,
        copyFields: [],
        form: {
          fields: [{ code: "boiler_model", type: "short_text", label: label("Model"), required: false }],
        },
        scheduling: true,
        conditions: group("and", { kind: "used_at_most", times: 3 }),
      },
      {
        id: ACTION_A,
        label: label("Ask to reschedule"),
        effect: "create_linked_activity",
        targetTypeId: RESCHEDULE_TYPE,
        copyFields: ["boiler_model", "access"],
        form: null,
        scheduling: false,
        conditions: group(
          "and",
          { kind: "state", operator: "is", states: ["open"] },
          { kind: "starts_in", operator: "more_than", hours: 24 },
        ),
      },
      {
        id: ACTION_B,
        label: label("Answer the survey"),
        effect: "close_activity",
        targetTypeId: null,
        copyFields: [],
        form: null,
        scheduling: false,
        conditions: null,
      },
    ]);
  });

  it("gives new actions a random UUID by default", () => {
    const result = validatePortalActions([updateAction()], { ...context, newId: undefined });

    expect("actions" in result && result.actions[0]?.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("rejects a home action with a state condition", () => {
    const problems = problemsOf([
      homeAction({ conditions: group("and", { kind: "state", operator: "is", states: ["open"] }) }),
    ]);

    expect(problems).toEqual([
      {
        path: "0.conditions.items.0.kind",
        code: "condition_needs_activity",
        value: "state",
        message:
          'Action 1 ("Book a maintenance visit"): a "state" condition tests the activity\'s state, but a ' +
          'home-page action has no current activity. Remove the condition; only "used_at_most" applies ' +
          "to home-page actions.",
      },
    ]);
  });

  it.each<[string, Condition]>([
    ["starts_in", { kind: "starts_in", operator: "less_than", hours: 48 }],
    ["closed_within", { kind: "closed_within", days: 30 }],
    ["confirmed_by_customer", { kind: "confirmed_by_customer", value: true }],
    ["answer", { kind: "answer", field: "boiler_type", operator: "is", values: ["gas"] }],
  ])("rejects a home action with a %s condition", (kind, condition) => {
    const problems = problemsOf([homeAction({ conditions: group("or", group("and", condition)) })]);

    expect(pathsAndCodes(problems)).toEqual(["0.conditions.items.0.items.0.kind condition_needs_activity"]);
    expect(problems[0]?.value).toBe(kind);
  });

  it("rejects an answer condition on an unknown field", () => {
    const problems = problemsOf([
      updateAction({
        conditions: group("and", { kind: "answer", field: "boiler_typ", operator: "is", values: ["gas"] }),
      }),
    ]);

    expect(problems).toEqual([
      {
        path: "0.conditions.items.0.field",
        code: "unknown_field",
        value: "boiler_typ",
        suggestion: "boiler_type",
        message:
          'Action 1 ("Give access details"): the answer condition uses field "boiler_typ", which is not ' +
          'in the activity form. Did you mean "boiler_type"? Use one of "boiler_type", "access", "has_parking".',
      },
    ]);
  });

  it("suggests nothing for a distant field code", () => {
    const problems = problemsOf([
      updateAction({
        conditions: group("and", { kind: "answer", field: "colour", operator: "is", values: ["red"] }),
      }),
    ]);

    expect(problems[0]?.code).toBe("unknown_field");
    expect(problems[0]?.suggestion).toBeUndefined();
  });

  it("rejects an answer condition on a text field", () => {
    const problems = problemsOf([
      updateAction({
        conditions: group("and", { kind: "answer", field: "boiler_model", operator: "is", values: ["X200"] }),
      }),
    ]);

    expect(pathsAndCodes(problems)).toEqual(["0.conditions.items.0.field field_not_choice"]);
    expect(problems[0]?.message).toBe(
      'Action 1 ("Give access details"): the answer condition uses field "boiler_model", a short_text ' +
        "field, but only choice and yes/no fields can be compared with values. " +
        'Use one of "boiler_type", "access", "has_parking".',
    );
  });

  it("rejects answer values that are not options", () => {
    const problems = problemsOf([
      updateAction({
        conditions: group(
          "or",
          { kind: "answer", field: "boiler_type", operator: "is", values: ["gas", "heatpump"] },
          { kind: "answer", field: "has_parking", operator: "is", values: ["true"] },
        ),
      }),
    ]);

    expect(pathsAndCodes(problems)).toEqual([
      "0.conditions.items.0.values.1 unknown_option",
      "0.conditions.items.1.values.0 unknown_option",
    ]);
    expect(problems[0]?.suggestion).toBe("heat_pump");
    expect(problems[1]?.message).toBe(
      'Action 1 ("Give access details"): "true" is not an option of field "has_parking". Use one of "yes", "no".',
    );
  });

  it("accepts yes/no and multiple-choice answer conditions", () => {
    const conditions = group(
      "and",
      { kind: "answer", field: "has_parking", operator: "is_not", values: ["yes", "no"] },
      { kind: "answer", field: "access", operator: "is", values: ["dog"] },
    );

    expect(validActions([updateAction({ conditions })])[0]?.conditions).toEqual(conditions);
  });

  it.each([
    ["hours", { kind: "starts_in", operator: "more_than", hours: 0 }, "too_small"],
    ["hours", { kind: "starts_in", operator: "more_than", hours: 8761 }, "too_big"],
    ["hours", { kind: "starts_in", operator: "more_than", hours: 1.5 }, "invalid_type"],
    ["days", { kind: "closed_within", days: 0 }, "too_small"],
    ["days", { kind: "closed_within", days: 3651 }, "too_big"],
    ["times", { kind: "used_at_most", times: 0 }, "too_small"],
    ["times", { kind: "used_at_most", times: 101 }, "too_big"],
  ])("rejects %s out of bounds: %j", (property, condition, code) => {
    const problems = problemsOf([updateAction({ conditions: group("and", condition as Condition) })]);

    expect(pathsAndCodes(problems)).toEqual([`0.conditions.items.0.${property} ${code}`]);
  });

  it("names the bound and the value", () => {
    const problems = problemsOf([
      updateAction({ conditions: group("and", { kind: "starts_in", operator: "more_than", hours: 9000 }) }),
    ]);

    expect(problems).toEqual([
      {
        path: "0.conditions.items.0.hours",
        code: "too_big",
        value: 9000,
        message: 'Action 1 ("Give access details"): conditions.items.0.hours must be at most 8760, not 9000.',
      },
    ]);
  });

  it("accepts the bounds themselves", () => {
    const conditions = group(
      "or",
      { kind: "starts_in", operator: "more_than", hours: 1 },
      { kind: "starts_in", operator: "less_than", hours: 8760 },
      { kind: "closed_within", days: 1 },
      { kind: "closed_within", days: 3650 },
      { kind: "used_at_most", times: 1 },
      { kind: "used_at_most", times: 100 },
    );

    expect(validActions([updateAction({ conditions })])).toHaveLength(1);
  });

  it("accepts three levels of groups and rejects four", () => {
    const leaf: Condition = { kind: "used_at_most", times: 1 };

    expect(
      validActions([updateAction({ conditions: group("and", group("or", group("and", leaf))) })]),
    ).toHaveLength(1);
    const problems = problemsOf([
      updateAction({ conditions: group("and", group("or", group("and", group("or", leaf)))) }),
    ]);
    expect(pathsAndCodes(problems)).toEqual(["0.conditions.items.0.items.0.items.0 condition_too_deep"]);
  });

  it("rejects empty and oversized groups", () => {
    const leaf: Condition = { kind: "used_at_most", times: 1 };
    const problems = problemsOf([
      updateAction({ conditions: group("and") }),
      updateAction({ conditions: group("and", ...Array.from({ length: 21 }, () => leaf)) }),
    ]);

    expect(pathsAndCodes(problems)).toEqual(["0.conditions.items too_small", "1.conditions.items too_big"]);
    expect(problems[0]?.message).toBe(
      'Action 1 ("Give access details"), conditions.items: a condition group needs at least one condition. ' +
        "Add one, or remove the group.",
    );
  });

  it("rejects a condition of unknown kind", () => {
    const problems = problemsOf([
      updateAction({ conditions: group("and", { kind: "weather", value: "sunny" } as unknown as Condition) }),
    ]);

    expect(problems).toEqual([
      {
        path: "0.conditions.items.0.kind",
        code: "invalid_condition_kind",
        value: "weather",
        message:
          'Action 1 ("Give access details"): conditions.items.0.kind "weather" is not a condition kind. Use one of ' +
          '"state", "starts_in", "closed_within", "confirmed_by_customer", "answer", "used_at_most".',
      },
    ]);
  });

  it("reports the issues of a nested group", () => {
    const problems = problemsOf([
      updateAction({ conditions: { combinator: "and", items: [{ combinator: "xor", items: [] }] } }),
    ]);

    expect(pathsAndCodes(problems)).toEqual([
      "0.conditions.items.0.combinator invalid_value",
      "0.conditions.items.0.items too_small",
    ]);
  });

  it("checks the target type by effect", () => {
    const problems = problemsOf([
      homeAction({ targetTypeId: null }),
      updateAction({ targetTypeId: MAINTENANCE_TYPE }),
      homeAction({ targetTypeId: "0b6f4a52-6a0e-4c55-9f6e-6d2f0f1c1aff" }),
      homeAction({ targetTypeId: "maintenance" }),
    ]);

    expect(pathsAndCodes(problems)).toEqual([
      "0.targetTypeId target_type_required",
      "1.targetTypeId target_type_not_allowed",
      "2.targetTypeId unknown_target_type",
      "3.targetTypeId invalid_uuid",
    ]);
    expect(problems[0]?.message).toBe(
      'Action 1 ("Book a maintenance visit"): effect "create_activity" creates an activity, but targetTypeId ' +
        "is missing. Choose the type of the activity to create.",
    );
  });

  it("allows scheduling only where a slot is booked", () => {
    const problems = problemsOf([
      updateAction({ effect: "close_activity", scheduling: true }),
      updateAction({ effect: "cancel_activity", scheduling: true }),
    ]);

    expect(pathsAndCodes(problems)).toEqual([
      "0.scheduling scheduling_not_allowed",
      "1.scheduling scheduling_not_allowed",
    ]);
    expect(validActions([updateAction({ scheduling: true })])[0]?.scheduling).toBe(true);
  });

  it("checks copied fields against both forms", () => {
    const linked = (copyFields: string[]) => ({
      label: label("Ask to reschedule"),
      effect: "create_linked_activity",
      targetTypeId: RESCHEDULE_TYPE,
      copyFields,
    });
    const problems = problemsOf([
      linked(["boiler_modle"]),
      linked(["notice"]),
      linked(["boiler_type"]),
      linked(["has_parking"]),
      linked(["access", "access"]),
      updateAction({ copyFields: ["boiler_model"] }),
    ]);

    expect(pathsAndCodes(problems)).toEqual([
      "0.copyFields.0 unknown_copy_field",
      "1.copyFields.0 unknown_copy_field",
      "2.copyFields.0 copy_field_options_missing",
      "3.copyFields.0 copy_field_type_mismatch",
      "4.copyFields.1 duplicate_copy_field",
      "5.copyFields copy_fields_not_allowed",
    ]);
    expect(problems[0]?.suggestion).toBe("boiler_model");
    expect(problems[2]?.message).toBe(
      'Action 3 ("Ask to reschedule"): copied field "boiler_type" has options "heat_pump" that the target ' +
        'type\'s field lacks. Add them to the target field or remove "boiler_type" from copyFields.',
    );
  });

  it("rejects a copied field missing from the target form", () => {
    const problems = problemsOf([
      {
        label: label("Ask for a new visit"),
        effect: "create_linked_activity",
        targetTypeId: THIS_TYPE,
        copyFields: ["boiler_model"],
      },
    ]);

    expect(pathsAndCodes(problems)).toEqual(["0.copyFields.0 copy_field_not_in_target"]);
  });

  it("rejects duplicate ids", () => {
    const problems = problemsOf([
      updateAction({ id: ACTION_A }),
      updateAction({ id: ACTION_B }),
      updateAction({ id: ACTION_A }),
    ]);

    expect(problems).toEqual([
      {
        path: "2.id",
        code: "duplicate_id",
        value: ACTION_A,
        message: `Action 3 has id "${ACTION_A}", already used by action 1. Remove the id so that a new one is made.`,
      },
    ]);
  });

  it("rejects more than 20 actions", () => {
    const problems = problemsOf(Array.from({ length: 21 }, () => updateAction()));

    expect(pathsAndCodes(problems)).toEqual([" too_big"]);
  });

  it("rejects input that is not a list", () => {
    expect(pathsAndCodes(problemsOf({ actions: [] }))).toEqual([" invalid_type"]);
  });

  it("reports shape problems with the action's label", () => {
    const problems = problemsOf([
      { label: { en: "", fr: "Réserver" }, effect: "delete_activity", colour: "red" },
      { label: { en: "x".repeat(81), fr: "x" }, effect: "close_activity" },
      "book",
    ]);

    expect(problems).toEqual([
      {
        path: "0.label.en",
        code: "too_small",
        value: "",
        message: 'Action 1 ("Réserver"): label.en is empty. Enter a text of 1 to 80 characters.',
      },
      {
        path: "0.effect",
        code: "invalid_value",
        value: "delete_activity",
        message:
          'Action 1 ("Réserver"): effect is "delete_activity", but must be one of "create_activity", ' +
          '"create_linked_activity", "close_activity", "update_activity", "cancel_activity".',
      },
      {
        path: "0.colour",
        code: "unknown_property",
        message: 'Action 1 ("Réserver"): "colour" is not a property of the action. Remove it.',
      },
      {
        path: "1.label.en",
        code: "too_big",
        value: "x".repeat(81),
        message: `Action 2 ("${"x".repeat(81)}"): label.en has 81 characters, more than the maximum of 80. Shorten it.`,
      },
      {
        path: "2",
        code: "invalid_type",
        value: "book",
        message:
          'Action 3 must be an object such as { "label": { "en": "…", "fr": "…" }, "effect": "update_activity" }, not "book".',
      },
    ]);
  });

  it("reports a condition without a kind", () => {
    const problems = problemsOf([
      updateAction({ conditions: group("and", { times: 1 } as unknown as Condition) }),
    ]);

    expect(problems).toEqual([
      {
        path: "0.conditions.items.0.kind",
        code: "missing",
        message:
          'Action 1 ("Give access details"): conditions.items.0.kind is missing. Set it to one of "state", ' +
          '"starts_in", "closed_within", "confirmed_by_customer", "answer", "used_at_most".',
      },
    ]);
  });

  it("reports a missing effect", () => {
    const problems = problemsOf([{ label: label("Book") }]);

    expect(problems).toEqual([
      {
        path: "0.effect",
        code: "missing",
        message:
          'Action 1 ("Book"): effect is missing. Set it to one of "create_activity", "create_linked_activity", ' +
          '"close_activity", "update_activity", "cancel_activity".',
      },
    ]);
  });

  it("checks rules on valid parts when others are invalid", () => {
    const problems = problemsOf([
      homeAction({
        label: label(""),
        conditions: group("and", { kind: "closed_within", days: 30 }),
      }),
    ]);

    expect(pathsAndCodes(problems)).toEqual([
      "0.label.en too_small",
      "0.label.fr too_small",
      "0.conditions.items.0.kind condition_needs_activity",
    ]);
  });

  it("prefixes the problems of the action's form", () => {
    const problems = problemsOf([
      updateAction({ form: { fields: [{ code: "Model", type: "short_text", label: label("Model") }] } }),
    ]);

    expect(pathsAndCodes(problems)).toEqual(["0.form.fields.0.code invalid_code"]);
    expect(problems[0]?.message).toMatch(/^Action 1 \("Give access details"\), form: /);
  });
});

describe("portalActionsSchema", () => {
  it("applies the rules that need no unit data", () => {
    const parsed = portalActionsSchema.safeParse([
      {
        ...homeAction({ conditions: group("and", { kind: "state", operator: "is", states: ["open"] }) }),
        id: ACTION_A,
      },
      { ...updateAction(), id: ACTION_A },
    ]);

    const codes = parsed.error?.issues.map((issue) => [
      issue.path.join("."),
      issue.code === "custom" ? issue.params?.code : issue.code,
    ]);
    expect(codes).toEqual([
      ["0.conditions.items.0.kind", "condition_needs_activity"],
      ["1.id", "duplicate_id"],
    ]);
  });
});

describe("readPortalActions", () => {
  it("fills defaults of a stored action", () => {
    expect(readPortalActions([{ id: ACTION_A, label: label("Cancel"), effect: "cancel_activity" }])).toEqual([
      {
        id: ACTION_A,
        label: label("Cancel"),
        effect: "cancel_activity",
        targetTypeId: null,
        copyFields: [],
        form: null,
        scheduling: false,
        conditions: null,
      },
    ]);
  });

  it("drops invalid entries and repeated ids", () => {
    const stored = [
      { id: ACTION_A, label: label("Cancel"), effect: "cancel_activity" },
      { id: ACTION_B, label: label("Close"), effect: "close_activity", scheduling: true },
      { label: label("No id"), effect: "close_activity" },
      { id: ACTION_A, label: label("Again"), effect: "close_activity" },
      { id: ACTION_B, label: label("Survey"), effect: "close_activity" },
    ];

    expect(readPortalActions(stored).map((action) => action.label.en)).toEqual(["Cancel", "Survey"]);
  });

  it("reads anything but a list as no actions", () => {
    expect(readPortalActions(null)).toEqual([]);
    expect(readPortalActions({ 0: {} })).toEqual([]);
  });
});

const NOW = new Date("2026-06-10T12:00:00Z");

function activityFacts(overrides: Partial<ConditionActivityFacts> = {}): ConditionActivityFacts {
  return {
    state: "scheduled",
    start: new Date("2026-06-12T07:00:00Z"),
    closedAt: null,
    confirmedByCustomer: false,
    answers: {},
    ...overrides,
  };
}

function holds(
  condition: Condition,
  activity: Partial<ConditionActivityFacts> | null = {},
  uses = 0,
): boolean {
  const facts: ConditionFacts = {
    now: NOW,
    activity: activity === null ? null : activityFacts(activity),
    uses,
  };
  return evaluateConditions(group("and", condition), facts);
}

describe("evaluateConditions", () => {
  it("treats no conditions as always available", () => {
    expect(evaluateConditions(null, { now: NOW, activity: null, uses: 50 })).toBe(true);
  });

  it("evaluates state conditions", () => {
    expect(holds({ kind: "state", operator: "is", states: ["scheduled"] })).toBe(true);
    expect(holds({ kind: "state", operator: "is", states: ["unscheduled", "to_close"] })).toBe(false);
    expect(holds({ kind: "state", operator: "is_not", states: ["scheduled"] })).toBe(false);
    expect(holds({ kind: "state", operator: "is_not", states: ["terminated"] })).toBe(true);
  });

  it.each<[DerivedState, boolean]>([
    ["unscheduled", true],
    ["scheduled", true],
    ["in_progress", true],
    ["to_close", true],
    ["terminated", false],
    ["canceled", false],
  ])("counts %s as open: %s", (state, open) => {
    expect(holds({ kind: "state", operator: "is", states: ["open"] }, { state })).toBe(open);
    expect(holds({ kind: "state", operator: "is_not", states: ["open"] }, { state })).toBe(!open);
  });

  it("evaluates starts_in strictly", () => {
    // The start is 43 hours after NOW.
    expect(holds({ kind: "starts_in", operator: "more_than", hours: 42 })).toBe(true);
    expect(holds({ kind: "starts_in", operator: "more_than", hours: 43 })).toBe(false);
    expect(holds({ kind: "starts_in", operator: "less_than", hours: 43 })).toBe(false);
    expect(holds({ kind: "starts_in", operator: "less_than", hours: 44 })).toBe(true);
  });

  it("treats a past start as less than any hours ahead", () => {
    const start = new Date("2026-06-10T11:00:00Z");

    expect(holds({ kind: "starts_in", operator: "less_than", hours: 1 }, { start, state: "to_close" })).toBe(
      true,
    );
    expect(holds({ kind: "starts_in", operator: "more_than", hours: 1 }, { start, state: "to_close" })).toBe(
      false,
    );
  });

  it("makes starts_in false when unscheduled", () => {
    const unscheduled = { state: "unscheduled" as const, start: null };

    expect(holds({ kind: "starts_in", operator: "more_than", hours: 1 }, unscheduled)).toBe(false);
    expect(holds({ kind: "starts_in", operator: "less_than", hours: 8760 }, unscheduled)).toBe(false);
  });

  it("evaluates closed_within", () => {
    const closed = { state: "terminated" as const, closedAt: new Date("2026-06-03T12:00:00Z") };

    expect(holds({ kind: "closed_within", days: 8 }, closed)).toBe(true);
    expect(holds({ kind: "closed_within", days: 7 }, closed)).toBe(false);
    expect(holds({ kind: "closed_within", days: 3650 }, { closedAt: null })).toBe(false);
  });

  it("evaluates confirmed_by_customer", () => {
    expect(holds({ kind: "confirmed_by_customer", value: true }, { confirmedByCustomer: true })).toBe(true);
    expect(holds({ kind: "confirmed_by_customer", value: true }, { confirmedByCustomer: false })).toBe(false);
    expect(holds({ kind: "confirmed_by_customer", value: false }, { confirmedByCustomer: false })).toBe(true);
  });

  it("evaluates answer conditions", () => {
    const answers = { boiler_type: "oil", access: ["stairs", "dog"], has_parking: false };
    const answer = (field: string, operator: "is" | "is_not", values: string[]): Condition => ({
      kind: "answer",
      field,
      operator,
      values,
    });

    expect(holds(answer("boiler_type", "is", ["gas", "oil"]), { answers })).toBe(true);
    expect(holds(answer("boiler_type", "is", ["gas"]), { answers })).toBe(false);
    expect(holds(answer("boiler_type", "is_not", ["gas"]), { answers })).toBe(true);
    expect(holds(answer("access", "is", ["dog"]), { answers })).toBe(true);
    expect(holds(answer("access", "is", ["lift"]), { answers })).toBe(false);
    expect(holds(answer("access", "is_not", ["dog"]), { answers })).toBe(false);
    expect(holds(answer("has_parking", "is", ["no"]), { answers })).toBe(true);
    expect(holds(answer("has_parking", "is", ["yes"]), { answers })).toBe(false);
    expect(holds(answer("has_parking", "is", ["yes"]), { answers: { has_parking: true } })).toBe(true);
  });

  it("treats an unanswered field as none of the values", () => {
    const condition = (operator: "is" | "is_not"): Condition => ({
      kind: "answer",
      field: "boiler_type",
      operator,
      values: ["gas"],
    });

    expect(holds(condition("is"), { answers: {} })).toBe(false);
    expect(holds(condition("is_not"), { answers: {} })).toBe(true);
  });

  it("allows used_at_most while uses are below times", () => {
    const condition: Condition = { kind: "used_at_most", times: 2 };

    expect(holds(condition, {}, 0)).toBe(true);
    expect(holds(condition, {}, 1)).toBe(true);
    expect(holds(condition, {}, 2)).toBe(false);
    expect(holds(condition, null, 1)).toBe(true);
    expect(holds(condition, null, 2)).toBe(false);
  });

  it("makes activity conditions false without an activity", () => {
    expect(holds({ kind: "state", operator: "is_not", states: ["canceled"] }, null)).toBe(false);
    expect(holds({ kind: "confirmed_by_customer", value: false }, null)).toBe(false);
    expect(holds({ kind: "answer", field: "boiler_type", operator: "is_not", values: ["gas"] }, null)).toBe(
      false,
    );
    expect(holds({ kind: "closed_within", days: 30 }, null)).toBe(false);
    expect(holds({ kind: "starts_in", operator: "less_than", hours: 100 }, null)).toBe(false);
  });

  it("combines AND and OR groups", () => {
    const isOpen: Condition = { kind: "state", operator: "is", states: ["open"] };
    const farAhead: Condition = { kind: "starts_in", operator: "more_than", hours: 24 };
    const confirmed: Condition = { kind: "confirmed_by_customer", value: true };
    const unused: Condition = { kind: "used_at_most", times: 1 };
    // open AND (more than 24 h ahead OR confirmed) AND (unused OR confirmed)
    const conditions = group("and", isOpen, group("or", farAhead, confirmed), group("or", unused, confirmed));
    const facts = (activity: Partial<ConditionActivityFacts>, uses: number, now = NOW): ConditionFacts => ({
      now,
      activity: activityFacts(activity),
      uses,
    });
    const late = new Date("2026-06-11T12:00:00Z");

    expect(evaluateConditions(conditions, facts({}, 0))).toBe(true);
    expect(evaluateConditions(conditions, facts({}, 1))).toBe(false);
    expect(evaluateConditions(conditions, facts({}, 0, late))).toBe(false);
    expect(evaluateConditions(conditions, facts({ confirmedByCustomer: true }, 1, late))).toBe(true);
    expect(evaluateConditions(conditions, facts({ confirmedByCustomer: true, state: "canceled" }, 0))).toBe(
      false,
    );
  });
});

describe("customerChangeAllowed", () => {
  const start = new Date("2026-06-12T07:00:00Z");
  const scheduled = { state: "scheduled" as const, start };
  const policy = { rescheduleCutoffHours: 24, cancelCutoffHours: 24 };
  const reschedule = { effect: "update_activity" as const, scheduling: true };
  const cancel = { effect: "cancel_activity" as const, scheduling: false };

  it.each([
    ["2026-06-11T06:59:00Z", { allowed: true }],
    ["2026-06-11T07:00:00Z", { allowed: false, reason: "too_late" }],
    ["2026-06-12T07:30:00Z", { allowed: false, reason: "started" }],
  ])("applies the 24 h cut-off at %s", (now, expected) => {
    expect(customerChangeAllowed(reschedule, scheduled, policy, new Date(now))).toEqual(expected);
    expect(customerChangeAllowed(cancel, scheduled, policy, new Date(now))).toEqual(expected);
  });

  it("uses each effect's own cut-off", () => {
    const now = new Date("2026-06-11T19:00:00Z");
    const split = { rescheduleCutoffHours: 24, cancelCutoffHours: 6 };

    expect(customerChangeAllowed(reschedule, scheduled, split, now)).toEqual({
      allowed: false,
      reason: "too_late",
    });
    expect(customerChangeAllowed(cancel, scheduled, split, now)).toEqual({ allowed: true });
  });

  it("allows changes until the start with a zero cut-off", () => {
    const none = { rescheduleCutoffHours: 0, cancelCutoffHours: 0 };

    expect(customerChangeAllowed(cancel, scheduled, none, new Date("2026-06-12T06:59:59Z"))).toEqual({
      allowed: true,
    });
    expect(customerChangeAllowed(cancel, scheduled, none, start)).toEqual({
      allowed: false,
      reason: "started",
    });
  });

  it("refuses once the visit is in progress", () => {
    const inProgress = { state: "in_progress" as const, start };

    expect(customerChangeAllowed(cancel, inProgress, policy, new Date("2026-06-01T00:00:00Z"))).toEqual({
      allowed: false,
      reason: "started",
    });
  });

  it("applies no cut-off to an unscheduled activity", () => {
    const unscheduled = { state: "unscheduled" as const, start: null };

    expect(customerChangeAllowed(reschedule, unscheduled, policy, start)).toEqual({ allowed: true });
    expect(customerChangeAllowed(cancel, unscheduled, policy, start)).toEqual({ allowed: true });
  });

  it("needs an open activity to close, update or cancel", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    for (const state of ["terminated", "canceled"] as const) {
      const closed = { state, start };
      for (const effect of ["close_activity", "update_activity", "cancel_activity"] as const) {
        expect(
          customerChangeAllowed({ effect, scheduling: false }, closed, policy, now),
          `${effect} ${state}`,
        ).toEqual({
          allowed: false,
          reason: "not_open",
        });
      }
      expect(
        customerChangeAllowed({ effect: "create_linked_activity", scheduling: false }, closed, policy, now),
      ).toEqual({
        allowed: true,
      });
    }
  });

  it("ignores the cut-off for updates without scheduling and for closing", () => {
    const toClose = { state: "to_close" as const, start };
    const now = new Date("2026-06-12T10:00:00Z");

    expect(
      customerChangeAllowed({ effect: "update_activity", scheduling: false }, toClose, policy, now),
    ).toEqual({
      allowed: true,
    });
    expect(
      customerChangeAllowed({ effect: "close_activity", scheduling: false }, toClose, policy, now),
    ).toEqual({
      allowed: true,
    });
    expect(customerChangeAllowed(reschedule, toClose, policy, now)).toEqual({
      allowed: false,
      reason: "started",
    });
  });

  it("allows a home action without an activity", () => {
    expect(
      customerChangeAllowed({ effect: "create_activity", scheduling: true }, null, policy, start),
    ).toEqual({
      allowed: true,
    });
    expect(() => customerChangeAllowed(cancel, null, policy, start)).toThrow(/needs the current activity/);
  });
});

describe("availableActions", () => {
  const [book, askToReschedule, cancel] = validActions([
    homeAction({ id: NEW_ID, conditions: group("and", { kind: "used_at_most", times: 1 }) }),
    {
      id: ACTION_A,
      label: label("Ask to reschedule"),
      effect: "create_linked_activity",
      targetTypeId: RESCHEDULE_TYPE,
      conditions: group(
        "and",
        { kind: "state", operator: "is", states: ["open"] },
        { kind: "starts_in", operator: "more_than", hours: 24 },
      ),
    },
    { id: ACTION_B, label: label("Cancel"), effect: "cancel_activity" },
  ]) as [PortalAction, PortalAction, PortalAction];
  const actions = [book, askToReschedule, cancel];
  const policy = { rescheduleCutoffHours: 24, cancelCutoffHours: 48 };
  const onActivity = (now: string, uses: Record<string, number> = {}): AvailabilityContext => ({
    now: new Date(now),
    activity: activityFacts(),
    uses,
    policy,
  });

  it("offers home actions only on the home page", () => {
    const home: AvailabilityContext = { now: NOW, activity: null, uses: {}, policy };

    expect(availableActions(actions, home)).toEqual([book]);
    expect(availableActions(actions, { ...home, uses: { [NEW_ID]: 1 } })).toEqual([]);
    expect(checkActionAvailability(book, onActivity("2026-06-10T00:00:00Z"))).toEqual({
      available: false,
      reason: "wrong_page",
    });
  });

  it("applies conditions and the floor together", () => {
    expect(availableActions(actions, onActivity("2026-06-10T00:00:00Z"))).toEqual([askToReschedule, cancel]);
    expect(availableActions(actions, onActivity("2026-06-10T12:00:00Z"))).toEqual([askToReschedule]);
    expect(availableActions(actions, onActivity("2026-06-11T07:00:00Z"))).toEqual([]);
  });

  it("gives the reason an action is unavailable", () => {
    const context = onActivity("2026-06-11T07:00:00Z");

    expect(checkActionAvailability(askToReschedule, context)).toEqual({
      available: false,
      reason: "conditions_not_met",
    });
    expect(checkActionAvailability(cancel, context)).toEqual({ available: false, reason: "too_late" });
  });
});

describe("action forms on the portal", () => {
  it("rejects signature and file fields, which customers cannot fill in", () => {
    const result = validatePortalActions(
      [
        {
          label: { en: "Sign", fr: "Signer" },
          effect: "update_activity",
          form: {
            fields: [{ code: "signature", type: "signature", label: { en: "Signature", fr: "Signature" } }],
          },
        },
      ],
      { activityFormFields: [], typeIds: [], targetForms: {} },
    );
    expect(result).toEqual({
      problems: [
        {
          path: "0.form.fields.0.type",
          code: "field_type_not_on_portal",
          value: "signature",
          message:
            'Action 1 ("Sign"), form: field "signature" is a signature field, which customers cannot fill in on the portal. Use another field type or remove the field.',
        },
      ],
    });
  });
});
