import type { TFunction } from "i18next";
import type { Language } from "../../../shared/i18n";
import { type Condition, type ConditionValue, localized } from "../forms/form-model";
import type { FieldDraft } from "./field-draft";

/** Returns the label of a condition value: an option label, "Yes"/"No", or the value itself. */
export function conditionValueLabel(
  value: ConditionValue,
  field: FieldDraft | undefined,
  language: Language,
  t: TFunction<["catalog", "forms"]>,
): string {
  if (field?.type === "yes_no" && typeof value === "boolean") {
    return value ? t("forms:yes") : t("forms:no");
  }
  const option = field?.options.find((candidate) => candidate.value === value);
  return option ? localized(option.label, language) || option.value : String(value);
}

/**
 * Describes a display condition in words, such as "Boiler type is one of Oil", naming fields by
 * their label in `language`. Nested groups are put in brackets.
 */
export function describeCondition(
  condition: Condition,
  fields: readonly FieldDraft[],
  language: Language,
  t: TFunction<["catalog", "forms"]>,
  nested = false,
): string {
  if ("all" in condition || "any" in condition) {
    const [items, joiner] =
      "all" in condition
        ? [condition.all, t("catalog:condition.summaryAnd")]
        : [condition.any, t("catalog:condition.summaryOr")];
    const text = items.map((item) => describeCondition(item, fields, language, t, true)).join(` ${joiner} `);
    return nested && items.length > 1 ? `(${text})` : text;
  }

  const field = fields.find((candidate) => candidate.code === condition.field);
  const fieldName = field ? localized(field.label, language) || field.code : condition.field;
  const values = condition.values.map((value) => conditionValueLabel(value, field, language, t)).join(", ");
  return t(`catalog:condition.summary.${condition.operator}`, { field: fieldName, values });
}
