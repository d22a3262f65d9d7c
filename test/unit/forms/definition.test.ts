import { describe, expect, it } from "vitest";
import {
  defaultActivityForm,
  type FormFieldInput,
  formDefinitionSchema,
  formFieldSchema,
  validateFormDefinition,
} from "../../../src/domain/forms/index.js";
import { buildForm, definitionProblems, label, pathsAndCodes } from "./helpers.js";

const boiler: FormFieldInput = {
  code: "boiler_model",
  type: "short_text",
  label: { en: " Boiler model ", fr: "Modèle de chaudière" },
};

const access: FormFieldInput = {
  code: "access",
  type: "single_choice",
  label: label("Access"),
  options: [
    { value: "free", label: label("Free") },
    { value: "code", label: label("Door code") },
  ],
};

describe("validateFormDefinition: valid forms", () => {
  it("fills in defaults and trims labels", () => {
    const form = buildForm([boiler]);

    expect(form).toEqual({
      fields: [
        {
          code: "boiler_model",
          type: "short_text",
          label: { en: "Boiler model", fr: "Modèle de chaudière" },
          required: false,
        },
      ],
    });
  });

  it("accepts every field type", () => {
    const fields: FormFieldInput[] = [
      { code: "a_short", type: "short_text", label: label("a"), required: true, defaultValue: "x" },
      { code: "a_long", type: "long_text", label: label("a"), helpText: { en: "Details", fr: "" } },
      {
        code: "a_number",
        type: "number",
        label: label("a"),
        min: 0,
        max: 10,
        integer: true,
        defaultValue: 3,
      },
      { code: "a_date", type: "date", label: label("a"), defaultValue: "2025-02-28" },
      { code: "a_time", type: "time", label: label("a"), defaultValue: "07:30" },
      { code: "a_datetime", type: "datetime", label: label("a") },
      access,
      {
        code: "a_multiple",
        type: "multiple_choice",
        label: label("a"),
        options: [{ value: "one", label: label("One") }],
        defaultValue: ["one"],
      },
      { code: "a_yes_no", type: "yes_no", label: label("a"), defaultValue: false },
      { code: "a_rating", type: "rating", label: label("a"), defaultValue: 5 },
      { code: "a_signature", type: "signature", label: label("a"), required: true },
      { code: "a_file", type: "file", label: label("a"), maxCount: 3 },
      { code: "a_notice", type: "displayed_text", label: label("a"), text: { en: "Mind the dog", fr: "" } },
    ];

    const form = buildForm(fields);

    expect(form.fields.map((field) => field.type)).toEqual([
      "short_text",
      "long_text",
      "number",
      "date",
      "time",
      "datetime",
      "single_choice",
      "multiple_choice",
      "yes_no",
      "rating",
      "signature",
      "file",
      "displayed_text",
    ]);
  });

  it("normalizes default values", () => {
    const form = buildForm([
      { code: "start", type: "datetime", label: label("Start"), defaultValue: "2025-03-31T08:30:00+02:00" },
      { code: "at", type: "time", label: label("At"), defaultValue: "7:05" },
      { code: "name", type: "short_text", label: label("Name"), defaultValue: "  Ada " },
      { code: "blank", type: "short_text", label: label("Blank"), defaultValue: "  " },
    ]);

    expect(form.fields).toEqual([
      {
        code: "start",
        type: "datetime",
        label: label("Start"),
        required: false,
        defaultValue: "2025-03-31T06:30:00Z",
      },
      { code: "at", type: "time", label: label("At"), required: false, defaultValue: "07:05" },
      { code: "name", type: "short_text", label: label("Name"), required: false, defaultValue: "Ada" },
      { code: "blank", type: "short_text", label: label("Blank"), required: false },
    ]);
  });

  it("accepts conditions on earlier fields", () => {
    const form = buildForm([
      access,
      { code: "pets", type: "yes_no", label: label("Pets") },
      {
        code: "door_code",
        type: "short_text",
        label: label("Door code"),
        visibleWhen: {
          all: [
            { field: "access", operator: "is_one_of", values: ["code"] },
            { any: [{ field: "pets", operator: "is_not_one_of", values: [true] }] },
          ],
        },
      },
    ]);

    expect(form.fields[2]?.visibleWhen).toEqual({
      all: [
        { field: "access", operator: "is_one_of", values: ["code"] },
        { any: [{ field: "pets", operator: "is_not_one_of", values: [true] }] },
      ],
    });
  });

  it("accepts the default activity form", () => {
    const result = validateFormDefinition(defaultActivityForm(), { kind: "activity" });

    expect(result).toEqual({ ok: true, form: { fields: [] } });
  });
});

describe("validateFormDefinition: problems", () => {
  it("rejects a definition that is not an object", () => {
    const problems = definitionProblems([boiler]);

    expect(problems).toEqual([
      {
        path: "",
        code: "invalid_type",
        message: 'The form definition must be an object such as { "fields": [] }.',
        value: [boiler],
      },
    ]);
  });

  it("rejects missing fields and unknown properties", () => {
    const problems = definitionProblems({ title: "Visit" });

    expect(pathsAndCodes(problems)).toEqual(["title unknown_property", "fields missing"]);
  });

  it("rejects invalid and duplicate codes", () => {
    const problems = definitionProblems({
      fields: [boiler, { ...boiler, code: "Boiler Model" }, { ...boiler }],
    });

    expect(problems).toEqual([
      {
        path: "fields.1.code",
        code: "invalid_code",
        message:
          'Field "Boiler Model", code: "Boiler Model" is not a valid code. Use 1 to 40 characters: a lowercase ' +
          'letter, then lowercase letters, digits or underscores, e.g. "boiler_model".',
        value: "Boiler Model",
      },
      {
        path: "fields.2.code",
        code: "duplicate_code",
        message:
          'The code "boiler_model" is already used by the field at position 1. Give each field its own code.',
        value: "boiler_model",
      },
    ]);
  });

  it("rejects a code longer than 40 characters", () => {
    const problems = definitionProblems({ fields: [{ ...boiler, code: `a${"b".repeat(40)}` }] });

    expect(pathsAndCodes(problems)).toEqual(["fields.0.code invalid_code"]);
  });

  it("rejects empty labels and unknown types", () => {
    const problems = definitionProblems({
      fields: [
        { ...boiler, label: { en: " ", fr: "" } },
        { code: "second", type: "checkbox", label: label("Second") },
        { code: "third", label: label("Third") },
        { code: "fourth", type: "short_text", label: { en: "Fourth" } },
      ],
    });

    expect(problems).toEqual([
      {
        path: "fields.0.label",
        code: "empty_text",
        message:
          'Field "boiler_model", label: both the English and the French text are empty. Fill in at least one of them.',
        value: { en: "", fr: "" },
      },
      {
        path: "fields.1.type",
        code: "invalid_field_type",
        message:
          'Field "second": type "checkbox" is not a field type. Use one of "short_text", "long_text", "number", ' +
          '"date", "time", "datetime", "single_choice", "multiple_choice", "yes_no", "rating", "signature", ' +
          '"file", "displayed_text".',
        value: "checkbox",
      },
      {
        path: "fields.2.type",
        code: "missing",
        message:
          'Field "third": type is missing. Set it to one of "short_text", "long_text", "number", "date", "time", ' +
          '"datetime", "single_choice", "multiple_choice", "yes_no", "rating", "signature", "file", "displayed_text".',
      },
      {
        path: "fields.3.label.fr",
        code: "missing",
        message: 'Field "fourth": label.fr is missing. Add a text string.',
      },
    ]);
  });

  it("rejects missing, empty and duplicate options", () => {
    const problems = definitionProblems({
      fields: [
        { code: "first", type: "single_choice", label: label("First") },
        { code: "second", type: "multiple_choice", label: label("Second"), options: [] },
        {
          code: "third",
          type: "single_choice",
          label: label("Third"),
          options: [
            { value: "same", label: label("A") },
            { value: "same", label: label("B") },
            { value: "Not-A-Code", label: label("C") },
          ],
        },
      ],
    });

    expect(pathsAndCodes(problems)).toEqual([
      "fields.0.options missing",
      "fields.1.options too_small",
      "fields.2.options.2.value invalid_code",
      "fields.2.options.1.value duplicate_option",
    ]);
    expect(problems[1]?.message).toBe(
      'Field "second", options: a choice field needs at least one option. Add one.',
    );
    expect(problems[3]?.message).toBe(
      'Field "third": the option value "same" is used twice. Give each option its own value.',
    );
  });

  it("rejects properties that the type does not have", () => {
    const problems = definitionProblems({
      fields: [
        { code: "notice", type: "displayed_text", label: label("Notice"), text: label("Hi"), required: true },
        { code: "photo", type: "file", label: label("Photo"), defaultValue: [] },
        { code: "name", type: "short_text", label: label("Name"), options: [] },
      ],
    });

    expect(problems).toEqual([
      {
        path: "fields.0.required",
        code: "unknown_property",
        message: 'Field "notice": "required" is not a property of displayed_text fields. Remove it.',
      },
      {
        path: "fields.1.defaultValue",
        code: "unknown_property",
        message: 'Field "photo": "defaultValue" is not a property of file fields. Remove it.',
      },
      {
        path: "fields.2.options",
        code: "unknown_property",
        message: 'Field "name": "options" is not a property of short_text fields. Remove it.',
      },
    ]);
  });

  it("rejects number bounds in the wrong order", () => {
    const problems = definitionProblems({
      fields: [{ code: "floors", type: "number", label: label("Floors"), min: 10, max: 2 }],
    });

    expect(problems).toEqual([
      {
        path: "fields.0.min",
        code: "min_above_max",
        message: 'Field "floors": the minimum 10 is above the maximum 2. Swap or correct them.',
        value: 10,
      },
    ]);
  });

  it("rejects defaults of the wrong type or content", () => {
    const problems = definitionProblems({
      fields: [
        { code: "count", type: "number", label: label("Count"), defaultValue: "three" },
        { code: "floors", type: "number", label: label("Floors"), max: 5, integer: true, defaultValue: 2.5 },
        { ...access, defaultValue: "ladder" },
        { code: "day", type: "date", label: label("Day"), defaultValue: "2025-02-29" },
        { code: "at", type: "time", label: label("At"), defaultValue: "24:00" },
        { code: "stars", type: "rating", label: label("Stars"), defaultValue: 6 },
        { code: "start", type: "datetime", label: label("Start"), defaultValue: "2025-03-31T08:30" },
        { code: "pets", type: "yes_no", label: label("Pets"), defaultValue: "yes" },
      ],
    });

    expect(pathsAndCodes(problems)).toEqual([
      "fields.0.defaultValue invalid_type",
      "fields.1.defaultValue not_integer",
      "fields.2.defaultValue not_an_option",
      "fields.3.defaultValue invalid_date",
      "fields.4.defaultValue invalid_time",
      "fields.5.defaultValue too_big",
      "fields.6.defaultValue datetime_without_offset",
      "fields.7.defaultValue invalid_type",
    ]);
    expect(problems[0]?.message).toBe('Field "count": defaultValue must be a number, not "three".');
    expect(problems[2]?.message).toBe(
      'Field "access", default value: "ladder" is not one of the options. Choose one of "free", "code".',
    );
    expect(problems[3]?.message).toBe(
      'Field "day", default value: "2025-02-29" is not a day of the calendar. Check the month and day.',
    );
  });

  it("rejects conditions on unknown, later and answerless fields", () => {
    const problems = definitionProblems({
      fields: [
        { code: "notice", type: "displayed_text", label: label("Notice"), text: label("Hi") },
        {
          code: "door_code",
          type: "short_text",
          label: label("Door code"),
          visibleWhen: {
            any: [
              { field: "access", operator: "is_one_of", values: ["code"] },
              { all: [{ field: "missing_field", operator: "is_one_of", values: ["x"] }] },
              { field: "notice", operator: "is_one_of", values: ["x"] },
              { field: "door_code", operator: "is_not_one_of", values: ["x"] },
            ],
          },
        },
        access,
      ],
    });

    expect(problems).toEqual([
      {
        path: "fields.1.visibleWhen.any.0.field",
        code: "field_not_before",
        message:
          'Field "door_code": the display condition uses field "access", which comes after this field. ' +
          "A condition can only use fields placed above it, so move that field up or pick another one.",
        value: "access",
      },
      {
        path: "fields.1.visibleWhen.any.1.all.0.field",
        code: "unknown_field",
        message:
          'Field "door_code": the display condition uses field "missing_field", which is not in the form. ' +
          "Pick a field placed above this one.",
        value: "missing_field",
      },
      {
        path: "fields.1.visibleWhen.any.2.field",
        code: "field_without_answer",
        message:
          'Field "door_code": the display condition uses "notice", a displayed text that takes no answer. ' +
          "Pick a field that has an answer.",
        value: "notice",
      },
      {
        path: "fields.1.visibleWhen.any.3.field",
        code: "field_not_before",
        message:
          'Field "door_code": the display condition uses field "door_code", which is this field itself. ' +
          "A condition can only use fields placed above it, so move that field up or pick another one.",
        value: "door_code",
      },
    ]);
  });

  it("rejects condition values the field cannot have", () => {
    const problems = definitionProblems({
      fields: [
        access,
        { code: "stars", type: "rating", label: label("Stars") },
        { code: "pets", type: "yes_no", label: label("Pets") },
        {
          code: "comment",
          type: "long_text",
          label: label("Comment"),
          visibleWhen: {
            all: [
              { field: "access", operator: "is_one_of", values: ["code", "window"] },
              { field: "stars", operator: "is_one_of", values: [1, 9] },
              { field: "pets", operator: "is_one_of", values: ["yes"] },
            ],
          },
        },
      ],
    });

    expect(pathsAndCodes(problems)).toEqual([
      "fields.3.visibleWhen.all.0.values.1 invalid_condition_value",
      "fields.3.visibleWhen.all.1.values.1 invalid_condition_value",
      "fields.3.visibleWhen.all.2.values.0 invalid_condition_value",
    ]);
    expect(problems[0]?.message).toBe(
      'Field "comment", display condition on "access": "window" is not one of the options. Choose one of "free", "code".',
    );
  });

  it("rejects malformed conditions", () => {
    const problems = definitionProblems({
      fields: [
        access,
        {
          code: "first",
          type: "short_text",
          label: label("First"),
          visibleWhen: { all: [{ field: "access", operator: "equals", values: ["code"] }] },
        },
        { code: "second", type: "short_text", label: label("Second"), visibleWhen: { none: [] } },
        { code: "third", type: "short_text", label: label("Third"), visibleWhen: { any: [] } },
      ],
    });

    expect(problems).toEqual([
      {
        path: "fields.1.visibleWhen.all.0.operator",
        code: "invalid_value",
        message: 'Field "first": operator is "equals", but must be one of "is_one_of", "is_not_one_of".',
        value: "equals",
      },
      {
        path: "fields.2.visibleWhen",
        code: "invalid_condition",
        message:
          'Field "second": visibleWhen {"none":[]} is not a condition. Use { "all": [...] }, { "any": [...] } ' +
          'or { "field": ..., "operator": ..., "values": [...] }.',
        value: { none: [] },
      },
      {
        path: "fields.3.visibleWhen.any",
        code: "too_small",
        message:
          'Field "third", visibleWhen.any: a condition group needs at least one condition. Add one or remove the group.',
        value: [],
      },
    ]);
  });

  it("rejects conditions nested too deep", () => {
    const leaf = { field: "access", operator: "is_one_of", values: ["code"] };
    const deep = { all: [{ any: [{ all: [{ any: [{ all: [{ any: [leaf] }] }] }] }] }] };

    const problems = definitionProblems({
      fields: [access, { code: "deep", type: "short_text", label: label("Deep"), visibleWhen: deep }],
    });

    expect(pathsAndCodes(problems)).toEqual([
      "fields.1.visibleWhen.all.0.any.0.all.0.any.0.all.0 condition_too_deep",
    ]);
  });

  it("checks conditions of a field with other problems", () => {
    const problems = definitionProblems({
      fields: [
        {
          code: "door_code",
          type: "short_text",
          label: label(""),
          visibleWhen: { all: [{ field: "later", operator: "is_one_of", values: ["x"] }] },
        },
        { code: "later", type: "short_text", label: label("Later") },
      ],
    });

    expect(pathsAndCodes(problems)).toEqual([
      "fields.0.label empty_text",
      "fields.0.visibleWhen.all.0.field field_not_before",
    ]);
  });

  it("reports every problem of every field", () => {
    const problems = definitionProblems({
      fields: [
        { code: "1st", type: "short_text", label: label("First") },
        { code: "second", type: "number", label: label("Second"), min: "0" },
        "not a field",
        { ...boiler },
        { ...boiler },
      ],
    });

    expect(pathsAndCodes(problems)).toEqual([
      "fields.0.code invalid_code",
      "fields.1.min invalid_type",
      "fields.2 invalid_type",
      "fields.4.code duplicate_code",
    ]);
    expect(problems[2]?.message).toBe(
      'The field at position 3: the value must be an object, not "not a field".',
    );
  });
});

describe("formDefinitionSchema", () => {
  it("applies the rules across fields", () => {
    const result = formDefinitionSchema.safeParse({ fields: [boiler, boiler] });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      [
        "fields.1.code",
        'The code "boiler_model" is already used by the field at position 1. Give each field its own code.',
      ],
    ]);
  });

  it("outputs normalized defaults", () => {
    const result = formDefinitionSchema.parse({
      fields: [{ code: "at", type: "time", label: label("At"), defaultValue: "9:00" }],
    });

    expect(result).toEqual({
      fields: [{ code: "at", type: "time", label: label("At"), required: false, defaultValue: "09:00" }],
    });
  });

  it("formFieldSchema fills in defaults", () => {
    const field = formFieldSchema.parse({ code: "floors", type: "number", label: label("Floors") });

    expect(field).toEqual({
      code: "floors",
      type: "number",
      label: label("Floors"),
      required: false,
      integer: false,
    });
  });
});
