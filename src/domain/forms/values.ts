import { describeList, describeValue } from "./problems.js";
import type { AnswerField, ChoiceField } from "./schema.js";
import { normalizeDate, normalizeDatetime, normalizeTime } from "./temporal-values.js";

export const MAX_SHORT_TEXT_LENGTH = 500;
export const MAX_LONG_TEXT_LENGTH = 10_000;
export const MIN_RATING = 1;
export const MAX_RATING = 5;

/** A normalized answer: text, number, boolean, or a list of option values or file ids. */
export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

/** The outcome of normalizing one value. An empty answer is valid, with `value` undefined. */
export type NormalizedValue =
  | { ok: true; value: AnswerValue | undefined }
  | { ok: false; code: string; message: string };

const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// File ids are the UUIDs of stored files. Only the format is checked here, so the service must
// check that each file exists in the organization before storing the answers.
const FILE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function valid(value: AnswerValue | undefined): NormalizedValue {
  return { ok: true, value };
}

function invalid(code: string, message: string): NormalizedValue {
  return { ok: false, code, message };
}

/** Returns whether a raw answer counts as not given: absent, null, blank text or an empty list. */
export function isEmptyAnswer(raw: unknown): boolean {
  if (raw === undefined || raw === null) {
    return true;
  }
  if (typeof raw === "string") {
    return raw.trim() === "";
  }
  return Array.isArray(raw) && raw.length === 0;
}

/**
 * Checks a raw answer against its field and returns it normalized: text trimmed, numbers
 * parsed from decimal strings, times zero-padded, datetimes converted to UTC, choices and files
 * deduplicated. `subject` starts each message, e.g. `Field "boiler_model"`.
 */
export function normalizeValue(field: AnswerField, raw: unknown, subject: string): NormalizedValue {
  if (isEmptyAnswer(raw)) {
    return valid(undefined);
  }
  const described = describeValue(raw);

  switch (field.type) {
    case "short_text":
      return normalizeText(raw, MAX_SHORT_TEXT_LENGTH, subject, described);
    case "long_text":
      return normalizeText(raw, MAX_LONG_TEXT_LENGTH, subject, described);
    case "number":
      return normalizeNumber(raw, field, subject, described);
    case "rating":
      return normalizeNumber(raw, { min: MIN_RATING, max: MAX_RATING, integer: true }, subject, described);
    case "date":
      return normalizeDate(raw, subject, described);
    case "time":
      return normalizeTime(raw, subject, described);
    case "datetime":
      return normalizeDatetime(raw, subject, described);
    case "yes_no":
      if (typeof raw !== "boolean") {
        return invalid(
          "invalid_type",
          `${subject}: ${described} is not a yes/no answer. Send true or false.`,
        );
      }
      return valid(raw);
    case "single_choice":
      return normalizeOption(raw, field, subject);
    case "multiple_choice":
      return normalizeOptionList(raw, field, subject, described);
    case "signature":
      return normalizeFileId(raw, subject);
    case "file":
      return normalizeFileIdList(raw, field.maxCount, subject, described);
  }
}

/**
 * Normalizes one value of a display condition on `field`. For list answers (multiple choice and
 * file) a condition value is one element of the list: an option value or a file id.
 */
export function normalizeConditionValue(field: AnswerField, raw: unknown, subject: string): NormalizedValue {
  let result: NormalizedValue;
  if (field.type === "multiple_choice") {
    result = normalizeOption(raw, field, subject);
  } else if (field.type === "file") {
    result = normalizeFileId(raw, subject);
  } else {
    result = normalizeValue(field, raw, subject);
  }
  if (result.ok && result.value === undefined) {
    return invalid("empty_value", `${subject}: a condition cannot compare with an empty value. Remove it.`);
  }
  return result;
}

function normalizeText(raw: unknown, maxLength: number, subject: string, described: string): NormalizedValue {
  if (typeof raw !== "string") {
    return invalid("invalid_type", `${subject}: ${described} is not text. Send the answer as a string.`);
  }
  const text = raw.trim().replace(/\r\n?/g, "\n");
  // Counted in Unicode code points, as PostgreSQL counts characters.
  const length = Array.from(text).length;
  if (length > maxLength) {
    return invalid(
      "too_long",
      `${subject}: the text ${described} has ${length} characters, more than the maximum of ${maxLength}. Shorten it.`,
    );
  }
  return valid(text);
}

interface NumberRules {
  min?: number | undefined;
  max?: number | undefined;
  integer: boolean;
}

function describeRange(rules: NumberRules): string {
  const kind = rules.integer ? "a whole number" : "a number";
  if (rules.min !== undefined && rules.max !== undefined) {
    return `${kind} from ${rules.min} to ${rules.max}`;
  }
  if (rules.min !== undefined) {
    return `${kind} of at least ${rules.min}`;
  }
  if (rules.max !== undefined) {
    return `${kind} of at most ${rules.max}`;
  }
  return kind;
}

/** Accepts a finite number or a decimal string with a dot, such as `"12.5"` from an HTML input. */
function normalizeNumber(
  raw: unknown,
  rules: NumberRules,
  subject: string,
  described: string,
): NormalizedValue {
  let value: number;
  if (typeof raw === "number") {
    value = raw;
  } else if (typeof raw === "string" && DECIMAL_PATTERN.test(raw.trim())) {
    value = Number(raw.trim());
  } else {
    return invalid(
      "invalid_type",
      `${subject}: ${described} is not a number. Enter ${describeRange(rules)}.`,
    );
  }
  if (!Number.isFinite(value)) {
    return invalid(
      "invalid_type",
      `${subject}: ${described} is not a finite number. Enter ${describeRange(rules)}.`,
    );
  }
  if (rules.integer && !Number.isInteger(value)) {
    return invalid(
      "not_integer",
      `${subject}: ${described} is not a whole number. Enter ${describeRange(rules)}.`,
    );
  }
  if (rules.min !== undefined && value < rules.min) {
    return invalid(
      "too_small",
      `${subject}: ${described} is below the minimum. Enter ${describeRange(rules)}.`,
    );
  }
  if (rules.max !== undefined && value > rules.max) {
    return invalid(
      "too_big",
      `${subject}: ${described} is above the maximum. Enter ${describeRange(rules)}.`,
    );
  }
  // Turns -0 into 0 so that stored answers compare equal.
  return valid(value === 0 ? 0 : value);
}

function optionValues(field: ChoiceField): string[] {
  return field.options.map((option) => option.value);
}

function normalizeOption(raw: unknown, field: ChoiceField, subject: string): NormalizedValue {
  const allowed = optionValues(field);
  const value = typeof raw === "string" ? raw.trim() : undefined;
  if (value === undefined || !allowed.includes(value)) {
    return invalid(
      "not_an_option",
      `${subject}: ${describeValue(raw)} is not one of the options. Choose one of ${describeList(allowed)}.`,
    );
  }
  return valid(value);
}

/** Returns the chosen option values without duplicates, in the order of the options. */
function normalizeOptionList(
  raw: unknown,
  field: ChoiceField,
  subject: string,
  described: string,
): NormalizedValue {
  if (!Array.isArray(raw)) {
    return invalid(
      "invalid_type",
      `${subject}: ${described} is not a list. Send the chosen option values as an array.`,
    );
  }
  const chosen = new Set<string>();
  for (const item of raw) {
    const result = normalizeOption(item, field, subject);
    if (!result.ok) {
      return result;
    }
    chosen.add(result.value as string);
  }
  return valid(optionValues(field).filter((value) => chosen.has(value)));
}

function normalizeFileId(raw: unknown, subject: string): NormalizedValue {
  const id = typeof raw === "string" ? raw.trim().toLowerCase() : undefined;
  if (id === undefined || !FILE_ID_PATTERN.test(id)) {
    return invalid(
      "invalid_file_id",
      `${subject}: ${describeValue(raw)} is not a file id. Upload the file first and send the UUID it received.`,
    );
  }
  return valid(id);
}

/** Returns the file ids without duplicates, in the order given. */
function normalizeFileIdList(
  raw: unknown,
  maxCount: number | undefined,
  subject: string,
  described: string,
): NormalizedValue {
  if (!Array.isArray(raw)) {
    return invalid("invalid_type", `${subject}: ${described} is not a list. Send the file ids as an array.`);
  }
  const ids = new Set<string>();
  for (const item of raw) {
    const result = normalizeFileId(item, subject);
    if (!result.ok) {
      return result;
    }
    ids.add(result.value as string);
  }
  if (maxCount !== undefined && ids.size > maxCount) {
    return invalid(
      "too_many_files",
      `${subject}: ${ids.size} files were sent but at most ${maxCount} are allowed. Remove ${ids.size - maxCount}.`,
    );
  }
  return valid([...ids]);
}
