import { describe, expect, it } from "vitest";
import {
  type AnswerValue,
  defaultAnswers,
  type FormFieldInput,
  type FormProblem,
  validateAnswers,
} from "../../../src/domain/forms/index.js";
import { buildForm, label } from "./helpers.js";

const FILE_A = "0f8fad5b-d9cb-469f-a165-70867728950e";
const FILE_B = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

/** Returns the normalized answer of a one-field form, failing with the problems otherwise. */
function normalizeOne(field: FormFieldInput, value: unknown): AnswerValue | undefined {
  const result = validateAnswers(buildForm([field]), { [field.code]: value });
  if (!result.ok) {
    throw new Error(`Expected a valid answer: ${JSON.stringify(result.problems)}`);
  }
  return result.answers[field.code];
}

/** Returns the single problem of an invalid answer to a one-field form. */
function problemOf(field: FormFieldInput, value: unknown): FormProblem {
  const result = validateAnswers(buildForm([field]), { [field.code]: value });
  if (result.ok) {
    throw new Error(`Expected ${JSON.stringify(value)} to be rejected.`);
  }
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!;
}

const shortText: FormFieldInput = { code: "name", type: "short_text", label: label("Name") };
const longText: FormFieldInput = { code: "notes", type: "long_text", label: label("Notes") };
const number: FormFieldInput = { code: "floors", type: "number", label: label("Floors"), min: 0, max: 60 };
const integer: FormFieldInput = { ...number, code: "rooms", integer: true };
const date: FormFieldInput = { code: "installed_on", type: "date", label: label("Installed on") };
const time: FormFieldInput = { code: "arrival", type: "time", label: label("Arrival") };
const datetime: FormFieldInput = { code: "seen_at", type: "datetime", label: label("Seen at") };
const yesNo: FormFieldInput = { code: "pets", type: "yes_no", label: label("Pets") };
const rating: FormFieldInput = { code: "stars", type: "rating", label: label("Stars") };
const signature: FormFieldInput = { code: "signed", type: "signature", label: label("Signature") };
const file: FormFieldInput = { code: "photos", type: "file", label: label("Photos"), maxCount: 2 };
const single: FormFieldInput = {
  code: "access",
  type: "single_choice",
  label: label("Access"),
  options: [
    { value: "free", label: label("Free") },
    { value: "code", label: label("Door code") },
  ],
};
const multiple: FormFieldInput = {
  code: "rooms_seen",
  type: "multiple_choice",
  label: label("Rooms"),
  options: [
    { value: "kitchen", label: label("Kitchen") },
    { value: "bathroom", label: label("Bathroom") },
    { value: "cellar", label: label("Cellar") },
  ],
};

describe("validateAnswers: normalization", () => {
  const cases: [string, FormFieldInput, unknown, AnswerValue][] = [
    ["short text trimmed", shortText, "  Ada Lovelace \n", "Ada Lovelace"],
    ["long text line endings", longText, " line 1\r\nline 2\rline 3 ", "line 1\nline 2\nline 3"],
    ["short text at 500 characters", shortText, "é".repeat(500), "é".repeat(500)],
    ["number", number, 12.5, 12.5],
    ["number from a decimal string", number, " 12.50 ", 12.5],
    ["number at the minimum", number, 0, 0],
    ["negative zero", { ...number, min: -1 }, -0, 0],
    ["integer", integer, 4, 4],
    ["date", date, "2024-02-29", "2024-02-29"],
    ["time padded", time, "7:05", "07:05"],
    ["time at 23:59", time, "23:59", "23:59"],
    ["datetime with offset to UTC", datetime, "2025-03-30T03:30:00+02:00", "2025-03-30T01:30:00Z"],
    ["datetime in UTC", datetime, "2025-03-30T01:30Z", "2025-03-30T01:30:00Z"],
    ["datetime with milliseconds", datetime, "2025-03-30T01:30:00.250-05:00", "2025-03-30T06:30:00.250Z"],
    ["yes", yesNo, true, true],
    ["no", yesNo, false, false],
    ["rating", rating, 5, 5],
    ["rating from a string", rating, "3", 3],
    ["single choice trimmed", single, " code ", "code"],
    ["multiple choice in option order", multiple, ["cellar", "kitchen", "cellar"], ["kitchen", "cellar"]],
    ["signature lower-cased", signature, FILE_A.toUpperCase(), FILE_A],
    ["files deduplicated", file, [FILE_B, FILE_A, FILE_B], [FILE_B, FILE_A]],
  ];

  for (const [name, field, value, expected] of cases) {
    it(`normalizes ${name}`, () => {
      expect(normalizeOne(field, value)).toEqual(expected);
    });
  }

  it("drops empty answers", () => {
    const form = buildForm([shortText, number, multiple, file, yesNo]);

    const result = validateAnswers(form, {
      name: "   ",
      floors: null,
      rooms_seen: [],
      photos: [],
      pets: undefined,
    });

    expect(result).toEqual({ ok: true, answers: {} });
  });
});

describe("validateAnswers: rejected values", () => {
  const cases: [string, FormFieldInput, unknown, string, string][] = [
    [
      "short text too long",
      shortText,
      "a".repeat(501),
      "too_long",
      `Field "name": the text "${"a".repeat(58)}… has 501 characters, more than the maximum of 500. Shorten it.`,
    ],
    ["long text too long", longText, "b".repeat(10_001), "too_long", ""],
    [
      "text as a number",
      shortText,
      42,
      "invalid_type",
      'Field "name": 42 is not text. Send the answer as a string.',
    ],
    [
      "number as words",
      number,
      "twelve",
      "invalid_type",
      'Field "floors": "twelve" is not a number. Enter a number from 0 to 60.',
    ],
    ["number with a comma", number, "12,5", "invalid_type", ""],
    [
      "number below the minimum",
      number,
      -1,
      "too_small",
      'Field "floors": -1 is below the minimum. Enter a number from 0 to 60.',
    ],
    [
      "number above the maximum",
      number,
      61,
      "too_big",
      'Field "floors": 61 is above the maximum. Enter a number from 0 to 60.',
    ],
    [
      "fraction for an integer",
      integer,
      2.5,
      "not_integer",
      'Field "rooms": 2.5 is not a whole number. Enter a whole number from 0 to 60.',
    ],
    [
      "date in another format",
      date,
      "31/03/2025",
      "invalid_date",
      'Field "installed_on": "31/03/2025" is not a date. Use the form YYYY-MM-DD, e.g. "2025-03-31".',
    ],
    [
      "date not on the calendar",
      date,
      "2025-02-29",
      "invalid_date",
      'Field "installed_on": "2025-02-29" is not a day of the calendar. Check the month and day.',
    ],
    ["month 13", date, "2025-13-01", "invalid_date", ""],
    [
      "time 24:00",
      time,
      "24:00",
      "invalid_time",
      'Field "arrival": "24:00" is not a time of day. Use the form HH:MM from 00:00 to 23:59, e.g. "08:30".',
    ],
    ["time with minute 60", time, "10:60", "invalid_time", ""],
    ["time with seconds", time, "10:15:00", "invalid_time", ""],
    [
      "datetime without offset",
      datetime,
      "2025-03-31T08:30:00",
      "datetime_without_offset",
      'Field "seen_at": "2025-03-31T08:30:00" has no time zone offset, so the instant is ambiguous. ' +
        'Add "Z" for UTC or an offset such as "+02:00", e.g. "2025-03-31T08:30:00+02:00".',
    ],
    [
      "datetime date only",
      datetime,
      "2025-03-31",
      "invalid_datetime",
      'Field "seen_at": "2025-03-31" is not a date and time. Use ISO 8601 with an offset, e.g. "2025-03-31T08:30:00+02:00".',
    ],
    [
      "datetime on February 30",
      datetime,
      "2025-02-30T08:00:00Z",
      "invalid_datetime",
      'Field "seen_at": "2025-02-30T08:00:00Z" is not a real date and time. Check the day and hour.',
    ],
    ["datetime at hour 25", datetime, "2025-03-01T25:00:00Z", "invalid_datetime", ""],
    ["datetime with offset +25:00", datetime, "2025-03-01T10:00:00+25:00", "invalid_datetime", ""],
    ["datetime with a lowercase t", datetime, "2025-03-01t10:00:00Z", "invalid_datetime", ""],
    [
      "yes as text",
      yesNo,
      "yes",
      "invalid_type",
      'Field "pets": "yes" is not a yes/no answer. Send true or false.',
    ],
    [
      "rating 0",
      rating,
      0,
      "too_small",
      'Field "stars": 0 is below the minimum. Enter a whole number from 1 to 5.',
    ],
    ["rating 6", rating, 6, "too_big", ""],
    ["rating 4.5", rating, 4.5, "not_integer", ""],
    [
      "unknown option",
      single,
      "window",
      "not_an_option",
      'Field "access": "window" is not one of the options. Choose one of "free", "code".',
    ],
    ["single choice as a list", single, ["free"], "not_an_option", ""],
    [
      "multiple choice as text",
      multiple,
      "kitchen",
      "invalid_type",
      'Field "rooms_seen": "kitchen" is not a list. Send the chosen option values as an array.',
    ],
    [
      "unknown option in a list",
      multiple,
      ["kitchen", "attic"],
      "not_an_option",
      'Field "rooms_seen": "attic" is not one of the options. Choose one of "kitchen", "bathroom", "cellar".',
    ],
    [
      "signature not a file id",
      signature,
      "data:image/png;base64,xyz",
      "invalid_file_id",
      'Field "signed": "data:image/png;base64,xyz" is not a file id. Upload the file first and send the UUID it received.',
    ],
    [
      "too many files",
      file,
      [FILE_A, FILE_B, "1b4e28ba-2fa1-11d2-883f-0016d3cca427"],
      "too_many_files",
      'Field "photos": 3 files were sent but at most 2 are allowed. Remove 1.',
    ],
    ["file list with a bad id", file, [FILE_A, 7], "invalid_file_id", ""],
  ];

  for (const [name, field, value, code, message] of cases) {
    it(`rejects ${name}`, () => {
      const problem = problemOf(field, value);

      expect(problem.path).toBe(`answers.${field.code}`);
      expect(problem.code).toBe(code);
      expect(problem.value).toEqual(value);
      if (message !== "") {
        expect(problem.message).toBe(message);
      }
    });
  }
});

describe("validateAnswers: form rules", () => {
  const form = buildForm([
    { ...shortText, required: true },
    { ...single, required: true },
    {
      code: "door_code",
      type: "short_text",
      label: label("Door code"),
      required: true,
      visibleWhen: { all: [{ field: "access", operator: "is_one_of", values: ["code"] }] },
    },
    { code: "notice", type: "displayed_text", label: label("Notice"), text: label("Ring twice.") },
    { ...multiple, required: true },
  ]);

  it("reports missing required answers", () => {
    const result = validateAnswers(form, { name: " " });

    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: "answers.name",
          code: "required",
          message: 'Field "name" is required but has no answer. Enter a value.',
          value: " ",
        },
        {
          path: "answers.access",
          code: "required",
          message: 'Field "access" is required but has no answer. Choose an answer.',
          value: undefined,
        },
        {
          path: "answers.rooms_seen",
          code: "required",
          message: 'Field "rooms_seen" is required but has no answer. Choose at least one option.',
          value: undefined,
        },
      ],
    });
  });

  it("requires a field only while visible", () => {
    const answers = { name: "Ada", access: "free", rooms_seen: ["kitchen"] };

    expect(validateAnswers(form, answers).ok).toBe(true);
    expect(validateAnswers(form, { ...answers, access: "code" })).toEqual({
      ok: false,
      problems: [
        {
          path: "answers.door_code",
          code: "required",
          message: 'Field "door_code" is required but has no answer. Enter a value.',
          value: undefined,
        },
      ],
    });
  });

  it("drops answers to hidden fields", () => {
    const result = validateAnswers(form, {
      name: "Ada",
      access: "free",
      door_code: "1234",
      rooms_seen: ["kitchen"],
    });

    expect(result).toEqual({ ok: true, answers: { name: "Ada", access: "free", rooms_seen: ["kitchen"] } });
  });

  it("drops invalid answers to hidden fields", () => {
    const result = validateAnswers(form, {
      name: "Ada",
      access: "free",
      door_code: 1234,
      rooms_seen: ["kitchen"],
    });

    expect(result.ok).toBe(true);
  });

  it("skips required checks when partial", () => {
    const result = validateAnswers(form, { access: "code" }, { partial: true });

    expect(result).toEqual({ ok: true, answers: { access: "code" } });
  });

  it("checks types when partial", () => {
    const result = validateAnswers(form, { access: "window" }, { partial: true });

    expect(result.ok).toBe(false);
  });

  it("rejects unknown codes", () => {
    const result = validateAnswers(form, {
      name: "Ada",
      access: "free",
      rooms_seen: ["kitchen"],
      colour: "red",
    });

    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: "answers.colour",
          code: "unknown_field",
          message: '"colour" is not a field of this form, so its answer "red" cannot be stored. Remove it.',
          value: "red",
        },
      ],
    });
  });

  it("rejects answers to displayed text", () => {
    const result = validateAnswers(form, {
      name: "Ada",
      access: "free",
      rooms_seen: ["kitchen"],
      notice: "ok",
    });

    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: "answers.notice",
          code: "no_answer_expected",
          message: 'Field "notice" is a displayed text and takes no answer, but received "ok". Remove it.',
          value: "ok",
        },
      ],
    });
  });

  it("rejects answers that are not an object", () => {
    const result = validateAnswers(form, ["Ada"] as unknown as Record<string, unknown>);

    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: "answers",
          code: "invalid_type",
          message:
            'The answers must be an object of values by field code, such as { "boiler_model": "X200" }.',
          value: ["Ada"],
        },
      ],
    });
  });

  it("ignores inherited property names", () => {
    const result = validateAnswers(buildForm([{ ...shortText, code: "constructor", required: true }]), {});

    expect(result.ok).toBe(false);
  });
});

describe("defaultAnswers", () => {
  it("collects default values", () => {
    const form = buildForm([
      { ...shortText, defaultValue: " Ada " },
      { ...yesNo, defaultValue: false },
      { ...multiple, defaultValue: ["cellar", "kitchen"] },
      number,
    ]);

    expect(defaultAnswers(form)).toEqual({ name: "Ada", pets: false, rooms_seen: ["kitchen", "cellar"] });
  });
});
