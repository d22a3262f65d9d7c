import type { FormDefinition } from "./definition.js";
import type { FormProblem } from "./problems.js";
import type { FormField } from "./schema.js";

/**
 * Codes of the fields that every closing form starts with, in this order. They contain the actual
 * times of the visit and whether it succeeded.
 */
export const CLOSING_SYSTEM_FIELD_CODES = ["actual_start", "actual_end", "result"] as const;
export type ClosingSystemFieldCode = (typeof CLOSING_SYSTEM_FIELD_CODES)[number];

/** Values of the `result` field of a closing form. */
export const CLOSING_RESULTS = ["ok", "ko"] as const;
export type ClosingResult = (typeof CLOSING_RESULTS)[number];

export function isClosingSystemFieldCode(code: string): code is ClosingSystemFieldCode {
  return (CLOSING_SYSTEM_FIELD_CODES as readonly string[]).includes(code);
}

/** Returns fresh copies of the closing form's system fields. */
export function closingSystemFields(): FormField[] {
  return [
    {
      code: "actual_start",
      type: "datetime",
      label: { en: "Actual start", fr: "Début réel" },
      required: true,
    },
    {
      code: "actual_end",
      type: "datetime",
      label: { en: "Actual end", fr: "Fin réelle" },
      required: true,
    },
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
}

/**
 * Returns the closing system fields followed by `fields`. A field of `fields` that already uses a
 * system code is removed, but its label and help text are kept on the system field, so applying
 * this to the fields of a closing form returns them unchanged.
 */
export function withClosingSystemFields(fields: readonly FormField[]): FormField[] {
  const systemFields = closingSystemFields().map((systemField) => {
    const existing = fields.find((field) => field.code === systemField.code);
    if (existing === undefined) {
      return systemField;
    }
    const customized = { ...systemField, label: existing.label };
    if (existing.helpText !== undefined) {
      customized.helpText = existing.helpText;
    }
    return customized;
  });
  const customFields = fields.filter((field) => !isClosingSystemFieldCode(field.code));
  return [...systemFields, ...customFields];
}

/** Returns the closing form of a new activity type: the system fields only. */
export function defaultClosingForm(): FormDefinition {
  return { fields: closingSystemFields() };
}

/** Returns the activity form of a new activity type, which has no fields. */
export function defaultActivityForm(): FormDefinition {
  return { fields: [] };
}

/** Compares JSON-like values, ignoring the order of object keys and properties set to undefined. */
function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const aKeys = Object.keys(aRecord).filter((key) => aRecord[key] !== undefined);
  const bKeys = Object.keys(bRecord).filter((key) => bRecord[key] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((key) => isDeepEqual(aRecord[key], bRecord[key]));
}

/** Properties of a system field that a closing form may change: only what is shown to people. */
const EDITABLE_PROPERTIES = new Set(["label", "helpText"]);

/**
 * Returns the problems with the system fields of a closing form, given its fields as sent (each
 * a plain object or anything else). Each system field must be at its position and equal to its
 * definition in everything but the label and help text.
 */
export function checkClosingSystemFields(rawFields: readonly unknown[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const codeAt = (index: number): unknown => (rawFields[index] as { code?: unknown } | undefined)?.code;

  closingSystemFields().forEach((expected, position) => {
    if (codeAt(position) !== expected.code) {
      const foundAt = rawFields.findIndex((_, index) => codeAt(index) === expected.code);
      if (foundAt === -1) {
        problems.push({
          path: "fields",
          code: "system_field_missing",
          message:
            `The closing form has no field "${expected.code}", which every closing form needs at ` +
            `position ${position + 1}. Add it back, because system fields cannot be removed.`,
        });
      } else {
        problems.push({
          path: `fields.${foundAt}`,
          code: "system_field_moved",
          message:
            `The system field "${expected.code}" is at position ${foundAt + 1} but must be at position ` +
            `${position + 1}, before the other fields. Move it back.`,
        });
      }
      return;
    }

    const actual = rawFields[position] as Record<string, unknown>;
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)].filter((key) => key !== "code"));
    for (const key of keys) {
      if (EDITABLE_PROPERTIES.has(key)) {
        continue;
      }
      const expectedValue = (expected as Record<string, unknown>)[key];
      if (!isDeepEqual(actual[key], expectedValue)) {
        problems.push({
          path: `fields.${position}.${key}`,
          code: "system_field_changed",
          message:
            `The system field "${expected.code}" must keep ${key} ${JSON.stringify(expectedValue) ?? "unset"}, ` +
            `not ${JSON.stringify(actual[key]) ?? "unset"}. Only its label and help text can change.`,
          value: actual[key],
        });
      }
    }
  });

  return problems;
}
