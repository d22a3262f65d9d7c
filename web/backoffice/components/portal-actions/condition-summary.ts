import i18next from "i18next";
import type { Language } from "../../../shared/i18n";
import { type FormField, localized } from "../forms/form-model";
import { type DraftCondition, type DraftGroup, isDraftGroup } from "./action-model";

/** The fields of an activity form that an `answer` condition may test: choices and yes/no. */
export type AnswerField = Extract<FormField, { type: "single_choice" | "multiple_choice" | "yes_no" }>;

export function isAnswerConditionField(field: FormField): field is AnswerField {
  return field.type === "single_choice" || field.type === "multiple_choice" || field.type === "yes_no";
}

/** Returns the values an `answer` condition on `field` compares with, with their labels. */
export function answerChoices(field: AnswerField, language: Language): { value: string; label: string }[] {
  if (field.type === "yes_no") {
    return [
      { value: "yes", label: i18next.t("portalActions:conditions.yes") },
      { value: "no", label: i18next.t("portalActions:conditions.no") },
    ];
  }
  return field.options.map((option) => ({
    value: option.value,
    label: localized(option.label, language) || option.value,
  }));
}

function describeItem(item: DraftCondition, fields: readonly AnswerField[], language: Language): string {
  const t = i18next.t;
  const incomplete = () =>
    t("portalActions:summary.incomplete", { kind: t(`portalActions:conditions.kinds.${item.kind}`) });

  switch (item.kind) {
    case "state": {
      if (item.states.length === 0) {
        return incomplete();
      }
      const states = item.states.map((state) => t(`portalActions:summary.stateNames.${state}`)).join(", ");
      return t(`portalActions:summary.state_${item.operator}`, { count: item.states.length, states });
    }
    case "starts_in":
      return item.hours === null
        ? incomplete()
        : t(`portalActions:summary.starts_in_${item.operator}`, { hours: item.hours });
    case "closed_within":
      return item.days === null
        ? incomplete()
        : t("portalActions:summary.closed_within", { count: item.days });
    case "confirmed_by_customer":
      return t(item.value ? "portalActions:summary.confirmed_yes" : "portalActions:summary.confirmed_no");
    case "answer": {
      if (item.values.length === 0) {
        return incomplete();
      }
      const field = fields.find((candidate) => candidate.code === item.field);
      const choices = field ? answerChoices(field, language) : [];
      const values = item.values
        .map((value) => choices.find((choice) => choice.value === value)?.label ?? value)
        .join(", ");
      const name = field ? localized(field.label, language) || field.code : item.field;
      return t(`portalActions:summary.answer_${item.operator}`, {
        count: item.values.length,
        field: name,
        values,
      });
    }
    case "used_at_most":
      return item.times === null
        ? incomplete()
        : t("portalActions:summary.used_at_most", { count: item.times });
  }
}

function describeGroup(
  group: DraftGroup,
  fields: readonly AnswerField[],
  language: Language,
  nested: boolean,
): string {
  const joiner = ` ${i18next.t(group.combinator === "and" ? "portalActions:summary.and" : "portalActions:summary.or")} `;
  const text = group.items
    .map((item) =>
      isDraftGroup(item) ? describeGroup(item, fields, language, true) : describeItem(item, fields, language),
    )
    .join(joiner);
  return nested && group.items.length > 1 ? `(${text})` : text;
}

/**
 * Describes an action's conditions in one line, such as "Only when: state is scheduled AND
 * starts in more than 24 h". Nested groups go in brackets, and answer conditions name the field
 * and its options by their labels in `language`.
 */
export function describeConditions(
  conditions: DraftGroup | null,
  fields: readonly AnswerField[],
  language: Language,
): string {
  if (conditions === null || conditions.items.length === 0) {
    return i18next.t("portalActions:summary.always");
  }
  return i18next.t("portalActions:summary.onlyWhen", {
    conditions: describeGroup(conditions, fields, language, false),
  });
}
