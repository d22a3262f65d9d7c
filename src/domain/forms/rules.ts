import { type FormProblem, joinPath } from "./problems.js";
import { type Condition, type ConditionGroup, type FormField, isAnswerField } from "./schema.js";
import { normalizeConditionValue, normalizeValue } from "./values.js";

/** Maximum nesting of condition groups: `{ all: [{ any: [...] }] }` is 2 levels deep. */
export const MAX_CONDITION_DEPTH = 5;

/**
 * One field of a definition being checked. `field` is set only when the field has a valid shape.
 * The other properties are read from the raw value, so rules across fields still see every code.
 */
export interface FieldEntry {
  index: number;
  raw: unknown;
  code: string | undefined;
  type: string | undefined;
  field: FormField | undefined;
  /** The display condition when it has a valid shape, even if other properties of the field do not. */
  visibleWhen: ConditionGroup | undefined;
}

/** Names a field in messages by its code, or by its position when the code is unusable. */
export function fieldSubject(entry: Pick<FieldEntry, "index" | "code">): string {
  return entry.code === undefined ? `The field at position ${entry.index + 1}` : `Field "${entry.code}"`;
}

function rawProperty(raw: unknown, key: string): unknown {
  return typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}

/** Builds the entry of an already valid field. */
export function entryOfField(field: FormField, index: number): FieldEntry {
  return { index, raw: field, code: field.code, type: field.type, field, visibleWhen: field.visibleWhen };
}

/**
 * Returns the problems that involve several fields or the content of a value: duplicate codes
 * and option values, a minimum above the maximum, invalid default values and invalid display
 * conditions. Default values are only checked on fields whose shape is valid.
 */
export function checkFormRules(entries: readonly FieldEntry[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const firstByCode = new Map<string, FieldEntry>();

  for (const entry of entries) {
    if (entry.code === undefined) {
      continue;
    }
    const first = firstByCode.get(entry.code);
    if (first === undefined) {
      firstByCode.set(entry.code, entry);
    } else {
      problems.push({
        path: `fields.${entry.index}.code`,
        code: "duplicate_code",
        message:
          `The code "${entry.code}" is already used by the field at position ${first.index + 1}. ` +
          "Give each field its own code.",
        value: entry.code,
      });
    }
  }

  for (const entry of entries) {
    problems.push(...checkOptionValues(entry), ...checkNumberBounds(entry), ...checkDefaultValue(entry));
    if (entry.visibleWhen !== undefined) {
      const path = ["fields", entry.index, "visibleWhen"];
      problems.push(...checkCondition(entry.visibleWhen, path, 1, entry, firstByCode));
    }
  }

  return problems;
}

function checkOptionValues(entry: FieldEntry): FormProblem[] {
  const options = rawProperty(entry.raw, "options");
  if (!Array.isArray(options)) {
    return [];
  }
  const problems: FormProblem[] = [];
  const seen = new Set<unknown>();
  options.forEach((option, position) => {
    const value = rawProperty(option, "value");
    if (typeof value !== "string") {
      return;
    }
    if (seen.has(value)) {
      problems.push({
        path: `fields.${entry.index}.options.${position}.value`,
        code: "duplicate_option",
        message: `${fieldSubject(entry)}: the option value "${value}" is used twice. Give each option its own value.`,
        value,
      });
    }
    seen.add(value);
  });
  return problems;
}

function checkNumberBounds(entry: FieldEntry): FormProblem[] {
  const min = rawProperty(entry.raw, "min");
  const max = rawProperty(entry.raw, "max");
  if (typeof min !== "number" || typeof max !== "number" || min <= max) {
    return [];
  }
  return [
    {
      path: `fields.${entry.index}.min`,
      code: "min_above_max",
      message: `${fieldSubject(entry)}: the minimum ${min} is above the maximum ${max}. Swap or correct them.`,
      value: min,
    },
  ];
}

function checkDefaultValue(entry: FieldEntry): FormProblem[] {
  const field = entry.field;
  if (
    field === undefined ||
    !isAnswerField(field) ||
    !("defaultValue" in field) ||
    field.defaultValue === undefined
  ) {
    return [];
  }
  const result = normalizeValue(field, field.defaultValue, `${fieldSubject(entry)}, default value`);
  if (result.ok) {
    return [];
  }
  return [
    {
      path: `fields.${entry.index}.defaultValue`,
      code: result.code,
      message: result.message,
      value: field.defaultValue,
    },
  ];
}

function checkCondition(
  condition: Condition,
  path: (string | number)[],
  depth: number,
  owner: FieldEntry,
  firstByCode: ReadonlyMap<string, FieldEntry>,
): FormProblem[] {
  const subject = fieldSubject(owner);

  if ("all" in condition || "any" in condition) {
    if (depth > MAX_CONDITION_DEPTH) {
      return [
        {
          path: joinPath(path),
          code: "condition_too_deep",
          message: `${subject}: the display condition nests groups more than ${MAX_CONDITION_DEPTH} levels deep. Simplify it.`,
        },
      ];
    }
    const [key, items] = "all" in condition ? ["all", condition.all] : ["any", condition.any];
    return items.flatMap((item, position) =>
      checkCondition(item, [...path, key, position], depth + 1, owner, firstByCode),
    );
  }

  const fieldPath = joinPath([...path, "field"]);
  const target = firstByCode.get(condition.field);
  if (target === undefined) {
    const message =
      `${subject}: the display condition uses field "${condition.field}", which is not in the form. ` +
      "Pick a field placed above this one.";
    return [{ path: fieldPath, code: "unknown_field", message, value: condition.field }];
  }
  if (target.index >= owner.index) {
    const where = target.index === owner.index ? "is this field itself" : "comes after this field";
    const message =
      `${subject}: the display condition uses field "${condition.field}", which ${where}. ` +
      "A condition can only use fields placed above it, so move that field up or pick another one.";
    return [{ path: fieldPath, code: "field_not_before", message, value: condition.field }];
  }
  if (target.type === "displayed_text") {
    const message =
      `${subject}: the display condition uses "${condition.field}", a displayed text that takes no answer. ` +
      "Pick a field that has an answer.";
    return [{ path: fieldPath, code: "field_without_answer", message, value: condition.field }];
  }

  const targetField = target.field;
  if (targetField === undefined || !isAnswerField(targetField)) {
    return [];
  }
  const problems: FormProblem[] = [];
  condition.values.forEach((value, position) => {
    const valueSubject = `${subject}, display condition on "${condition.field}"`;
    const result = normalizeConditionValue(targetField, value, valueSubject);
    if (!result.ok) {
      const valuePath = joinPath([...path, "values", position]);
      problems.push({ path: valuePath, code: "invalid_condition_value", message: result.message, value });
    }
  });
  return problems;
}

/**
 * Returns the fields with their default values normalized like answers (e.g. a datetime in UTC)
 * and empty defaults removed. The fields must have passed `checkFormRules`.
 */
export function normalizeDefaultValues(fields: readonly FormField[]): FormField[] {
  return fields.map((field) => {
    if (!isAnswerField(field) || !("defaultValue" in field) || field.defaultValue === undefined) {
      return field;
    }
    const result = normalizeValue(field, field.defaultValue, `Field "${field.code}"`);
    if (!result.ok) {
      return field;
    }
    const { defaultValue: _empty, ...rest } = field;
    if (result.value === undefined) {
      return rest as FormField;
    }
    return { ...rest, defaultValue: result.value } as FormField;
  });
}

/** Reads what rules need from a raw field whose shape may be invalid. */
export function rawEntry(
  raw: unknown,
  index: number,
  field: FormField | undefined,
  visibleWhen: ConditionGroup | undefined,
): FieldEntry {
  const code = rawProperty(raw, "code");
  const type = rawProperty(raw, "type");
  return {
    index,
    raw,
    code: typeof code === "string" ? code : undefined,
    type: typeof type === "string" ? type : undefined,
    field,
    visibleWhen,
  };
}
