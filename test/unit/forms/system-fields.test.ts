import { describe, expect, it } from "vitest";
import {
  CLOSING_SYSTEM_FIELD_CODES,
  closingFormDefinitionSchema,
  defaultClosingForm,
  type FormField,
  validateAnswers,
  validateFormDefinition,
  withClosingSystemFields,
} from "../../../src/domain/forms/index.js";
import { buildForm, definitionProblems, label, pathsAndCodes } from "./helpers.js";

const EXPECTED_SYSTEM_FIELDS = [
  { code: "actual_start", type: "datetime", label: { en: "Actual start", fr: "Début réel" }, required: true },
  { code: "actual_end", type: "datetime", label: { en: "Actual end", fr: "Fin réelle" }, required: true },
  {
    code: "result",
    type: "single_choice",
    label: { en: "Result", fr: "Résultat" },
    required: true,
    options: [
      { value: "ok", label: { en: "OK", fr: "OK" } },
      { value: "ko", label: { en: "KO", fr: "KO" } },
    ],
  },
];

const remarks: FormField = { code: "remarks", type: "long_text", label: label("Remarks"), required: false };

describe("closing system fields", () => {
  it("default closing form has them", () => {
    expect(defaultClosingForm()).toEqual({ fields: EXPECTED_SYSTEM_FIELDS });
    expect(CLOSING_SYSTEM_FIELD_CODES).toEqual(["actual_start", "actual_end", "result"]);
  });

  it("default closing form is valid", () => {
    expect(validateFormDefinition(defaultClosingForm(), { kind: "closing" })).toEqual({
      ok: true,
      form: { fields: EXPECTED_SYSTEM_FIELDS },
    });
  });

  it("withClosingSystemFields prepends them", () => {
    expect(withClosingSystemFields([remarks])).toEqual([...EXPECTED_SYSTEM_FIELDS, remarks]);
  });

  it("withClosingSystemFields is idempotent", () => {
    const once = withClosingSystemFields([remarks]);
    const relabeled = once.map((field) =>
      field.code === "result"
        ? { ...field, label: label("Outcome"), helpText: label("Was it fixed?") }
        : field,
    );

    const twice = withClosingSystemFields(relabeled);

    expect(twice).toEqual(relabeled);
  });

  it("withClosingSystemFields moves them to the top", () => {
    const [start, end, result] = withClosingSystemFields([]);
    const shuffled = [remarks, result!, start!, end!];

    expect(withClosingSystemFields(shuffled)).toEqual([...EXPECTED_SYSTEM_FIELDS, remarks]);
  });

  it("accepts custom fields after them", () => {
    const form = buildForm(withClosingSystemFields([remarks]), "closing");

    expect(form.fields.map((field) => field.code)).toEqual([
      "actual_start",
      "actual_end",
      "result",
      "remarks",
    ]);
  });

  it("accepts changed labels and help text", () => {
    const fields = withClosingSystemFields([]).map((field) => ({
      ...field,
      label: label(`${field.code} (edited)`),
      helpText: label("Shown below the field"),
    }));

    expect(validateFormDefinition({ fields }, { kind: "closing" }).ok).toBe(true);
  });

  it("accepts a condition on the result", () => {
    const followUp: FormField = {
      code: "failure_reason",
      type: "short_text",
      label: label("Why did it fail?"),
      required: true,
      visibleWhen: { all: [{ field: "result", operator: "is_one_of", values: ["ko"] }] },
    };

    expect(
      validateFormDefinition({ fields: withClosingSystemFields([followUp]) }, { kind: "closing" }).ok,
    ).toBe(true);
  });

  it("reports removed system fields", () => {
    const problems = definitionProblems({ fields: [remarks] }, "closing");

    expect(pathsAndCodes(problems)).toEqual([
      "fields system_field_missing",
      "fields system_field_missing",
      "fields system_field_missing",
    ]);
    expect(problems[0]?.message).toBe(
      'The closing form has no field "actual_start", which every closing form needs at position 1. ' +
        "Add it back, because system fields cannot be removed.",
    );
  });

  it("reports reordered system fields", () => {
    const [start, end, result] = withClosingSystemFields([]);

    const problems = definitionProblems({ fields: [start, remarks, end, result] }, "closing");

    expect(problems).toEqual([
      {
        path: "fields.2",
        code: "system_field_moved",
        message:
          'The system field "actual_end" is at position 3 but must be at position 2, before the other fields. ' +
          "Move it back.",
      },
      {
        path: "fields.3",
        code: "system_field_moved",
        message:
          'The system field "result" is at position 4 but must be at position 3, before the other fields. ' +
          "Move it back.",
      },
    ]);
  });

  it("reports retyped and changed system fields", () => {
    const [start, end, result] = withClosingSystemFields([]);
    const fields = [
      { ...start, type: "date" },
      {
        ...end,
        required: false,
        visibleWhen: { all: [{ field: "actual_start", operator: "is_one_of", values: ["x"] }] },
      },
      { ...result, options: [{ value: "ok", label: label("OK") }] },
    ];

    const problems = definitionProblems({ fields }, "closing");

    expect(pathsAndCodes(problems)).toEqual([
      "fields.0.type system_field_changed",
      "fields.1.visibleWhen.all.0.values.0 invalid_condition_value",
      "fields.1.required system_field_changed",
      "fields.1.visibleWhen system_field_changed",
      "fields.2.options system_field_changed",
    ]);
    expect(problems[0]?.message).toBe(
      'The system field "actual_start" must keep type "datetime", not "date". Only its label and help text can change.',
    );
    expect(problems[3]?.message).toBe(
      'The system field "actual_end" must keep visibleWhen unset, not ' +
        '{"all":[{"field":"actual_start","operator":"is_one_of","values":["x"]}]}. Only its label and help text can change.',
    );
  });

  it("activity forms do not need them", () => {
    expect(validateFormDefinition({ fields: [remarks] }, { kind: "activity" }).ok).toBe(true);
  });

  it("closing schema enforces them", () => {
    const result = closingFormDefinitionSchema.safeParse({ fields: [remarks] });

    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["fields", "fields", "fields"]);
  });
});

describe("closing answers", () => {
  const form = buildForm(withClosingSystemFields([remarks]), "closing");

  it("normalizes a closing report", () => {
    const result = validateAnswers(form, {
      actual_start: "2025-03-31T08:05:00+02:00",
      actual_end: "2025-03-31T07:20:00Z",
      result: "ok",
      remarks: " Replaced the pump. ",
    });

    expect(result).toEqual({
      ok: true,
      answers: {
        actual_start: "2025-03-31T06:05:00Z",
        actual_end: "2025-03-31T07:20:00Z",
        result: "ok",
        remarks: "Replaced the pump.",
      },
    });
  });

  it("requires start, end and result", () => {
    const result = validateAnswers(form, {});

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : pathsAndCodes(result.problems)).toEqual([
      "answers.actual_start required",
      "answers.actual_end required",
      "answers.result required",
    ]);
  });

  it("rejects an end before the start", () => {
    const result = validateAnswers(form, {
      actual_start: "2025-03-31T10:00:00+02:00",
      actual_end: "2025-03-31T07:30:00Z",
      result: "ko",
    });

    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: "answers.actual_end",
          code: "end_not_after_start",
          message:
            'Field "actual_end": "2025-03-31T07:30:00Z" is not after actual_start "2025-03-31T10:00:00+02:00". ' +
            "Enter an end time later than the start time.",
          value: "2025-03-31T07:30:00Z",
        },
      ],
    });
  });

  it("rejects an end equal to the start", () => {
    const result = validateAnswers(form, {
      actual_start: "2025-03-31T10:00:00+02:00",
      actual_end: "2025-03-31T08:00:00Z",
      result: "ok",
    });

    expect(result.ok ? [] : pathsAndCodes(result.problems)).toEqual([
      "answers.actual_end end_not_after_start",
    ]);
  });

  it("rejects a start without offset", () => {
    const result = validateAnswers(form, {
      actual_start: "2025-03-31T08:00",
      actual_end: "2025-03-31T09:00:00Z",
      result: "ok",
    });

    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: "answers.actual_start",
          code: "datetime_without_offset",
          message:
            'Field "actual_start": "2025-03-31T08:00" has no time zone offset, so the instant is ambiguous. ' +
            'Add "Z" for UTC or an offset such as "+02:00", e.g. "2025-03-31T08:00+02:00".',
          value: "2025-03-31T08:00",
        },
      ],
    });
  });

  it("rejects a result other than ok or ko", () => {
    const result = validateAnswers(form, {
      actual_start: "2025-03-31T08:00:00Z",
      actual_end: "2025-03-31T09:00:00Z",
      result: "OK",
    });

    expect(result.ok ? [] : pathsAndCodes(result.problems)).toEqual(["answers.result not_an_option"]);
  });
});
