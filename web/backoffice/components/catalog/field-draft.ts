import {
  type ChoiceOption,
  CLOSING_SYSTEM_FIELD_CODES,
  type Condition,
  type ConditionGroup,
  type FieldType,
  type FormField,
  isClosingSystemFieldCode,
  type LocalizedText,
} from "../forms/form-model";

/**
 * One field of a form being edited. Every property of every field type is present, so the
 * editor can switch inputs by type without narrowing a union. `toFormField` keeps only the
 * properties of the field's type, because the API rejects unknown properties.
 */
export interface FieldDraft {
  /** Client-only key that follows the field when it moves, for React keys and error messages. */
  uid: string;
  type: FieldType;
  code: string;
  label: LocalizedText;
  helpText: LocalizedText;
  required: boolean;
  /** The default answer as the field's input produces it; undefined for none. */
  defaultValue: unknown;
  options: ChoiceOption[];
  min: number | undefined;
  max: number | undefined;
  integer: boolean;
  maxCount: number | undefined;
  text: LocalizedText;
  visibleWhen: ConditionGroup | undefined;
  /** Whether the answer is shown to the customer on the portal. Only activity forms offer it. */
  showOnPortal: boolean;
}

/** Field types that accept a default value. Signatures and files take none. */
export const TYPES_WITH_DEFAULT: readonly FieldType[] = [
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
];

export function isChoiceType(type: FieldType): type is "single_choice" | "multiple_choice" {
  return type === "single_choice" || type === "multiple_choice";
}

let nextUid = 0;
export function newUid(): string {
  nextUid += 1;
  return `field-${nextUid}`;
}

const emptyText = (): LocalizedText => ({ en: "", fr: "" });

export function newFieldDraft(type: FieldType): FieldDraft {
  return {
    uid: newUid(),
    type,
    code: "",
    label: emptyText(),
    helpText: emptyText(),
    required: false,
    defaultValue: undefined,
    options: isChoiceType(type) ? [{ value: "", label: emptyText() }] : [],
    min: undefined,
    max: undefined,
    integer: false,
    maxCount: undefined,
    text: emptyText(),
    visibleWhen: undefined,
    showOnPortal: false,
  };
}

/** Changes the type of a field that is being added, keeping what all types share. */
export function withType(draft: FieldDraft, type: FieldType): FieldDraft {
  const fresh = newFieldDraft(type);
  return {
    ...fresh,
    uid: draft.uid,
    code: draft.code,
    label: draft.label,
    helpText: draft.helpText,
    required: type === "displayed_text" ? false : draft.required,
    visibleWhen: draft.visibleWhen,
    showOnPortal: type === "displayed_text" ? false : draft.showOnPortal,
    options: isChoiceType(type) && draft.options.length > 0 ? draft.options : fresh.options,
  };
}

export function toFieldDraft(field: FormField): FieldDraft {
  const draft = newFieldDraft(field.type);
  draft.code = field.code;
  draft.label = { ...field.label };
  draft.helpText = field.helpText ? { ...field.helpText } : emptyText();
  draft.visibleWhen = field.visibleWhen;
  if (field.type === "displayed_text") {
    draft.text = { ...field.text };
    return draft;
  }
  draft.required = field.required;
  draft.showOnPortal = field.showOnPortal === true;
  if ("defaultValue" in field) {
    draft.defaultValue = field.defaultValue;
  }
  if (field.type === "number") {
    draft.min = field.min;
    draft.max = field.max;
    draft.integer = field.integer;
  }
  if (field.type === "single_choice" || field.type === "multiple_choice") {
    draft.options = field.options.map((option) => ({ value: option.value, label: { ...option.label } }));
  }
  if (field.type === "file") {
    draft.maxCount = field.maxCount;
  }
  return draft;
}

function isBlank(text: LocalizedText): boolean {
  return text.en.trim() === "" && text.fr.trim() === "";
}

function isEmptyDefault(value: unknown): boolean {
  return value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/**
 * Builds the field as the API expects it. Values are sent as entered, so the server reports
 * every problem (an empty code, a missing option) next to the field.
 */
export function toFormField(draft: FieldDraft): FormField {
  const field: Record<string, unknown> = { code: draft.code.trim(), type: draft.type, label: draft.label };
  if (!isBlank(draft.helpText)) {
    field.helpText = draft.helpText;
  }
  if (draft.visibleWhen !== undefined) {
    field.visibleWhen = draft.visibleWhen;
  }
  if (draft.type === "displayed_text") {
    field.text = draft.text;
    return field as FormField;
  }

  field.required = draft.required;
  // Sent only when on, because the server reads a missing value as off.
  if (draft.showOnPortal) {
    field.showOnPortal = true;
  }
  if (TYPES_WITH_DEFAULT.includes(draft.type) && !isEmptyDefault(draft.defaultValue)) {
    field.defaultValue = draft.defaultValue;
  }
  if (draft.type === "number") {
    if (draft.min !== undefined) field.min = draft.min;
    if (draft.max !== undefined) field.max = draft.max;
    field.integer = draft.integer;
  }
  if (isChoiceType(draft.type)) {
    field.options = draft.options.map((option) => ({ value: option.value.trim(), label: option.label }));
  }
  if (draft.type === "file" && draft.maxCount !== undefined) {
    field.maxCount = draft.maxCount;
  }
  return field as FormField;
}

/** Returns whether the field at `index` is one of the locked system fields that open a closing form. */
export function isLockedSystemField(draft: FieldDraft, index: number, isClosingForm: boolean): boolean {
  return isClosingForm && index < CLOSING_SYSTEM_FIELD_CODES.length && isClosingSystemFieldCode(draft.code);
}

/**
 * Suggests a field code from an English label, such as "Tank capacity (litres)" →
 * "tank_capacity_litres": accents removed, lowercase, words joined by underscores, at most 40
 * characters and starting with a letter.
 */
export function suggestCode(label: string): string {
  const words = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  const code = words.join("_").replace(/^[^a-z]+/, "");
  return code.slice(0, 40).replace(/_+$/, "");
}

/** Replaces the field code `from` by `to` in every test of a condition group. */
export function renameConditionField(group: ConditionGroup, from: string, to: string): ConditionGroup {
  const rename = (condition: Condition): Condition => {
    if ("all" in condition || "any" in condition) {
      return renameConditionField(condition, from, to);
    }
    return condition.field === from ? { ...condition, field: to } : condition;
  };
  return "all" in group ? { all: group.all.map(rename) } : { any: group.any.map(rename) };
}
