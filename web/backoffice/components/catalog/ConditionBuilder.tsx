import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../../../shared/i18n";
import {
  CONDITION_OPERATORS,
  type Condition,
  type ConditionGroup,
  type ConditionLeaf,
  type ConditionOperator,
  type ConditionValue,
  localized,
  MAX_RATING,
  MIN_RATING,
} from "../forms/form-model";
import { conditionValueLabel } from "./condition-text";
import type { FieldDraft } from "./field-draft";

type Match = "all" | "any";

interface ConditionBuilderProps {
  value: ConditionGroup | undefined;
  onChange: (value: ConditionGroup | undefined) => void;
  /** Fields above the edited one that take an answer: the only ones a condition may test. */
  earlierFields: readonly FieldDraft[];
  language: Language;
  /** Server message for the condition as a whole, shown under the "Show this field" input. */
  error: string | undefined;
}

function matchOf(group: ConditionGroup): Match {
  return "all" in group ? "all" : "any";
}

function itemsOf(group: ConditionGroup): Condition[] {
  return "all" in group ? group.all : group.any;
}

function makeGroup(match: Match, items: Condition[]): ConditionGroup {
  return match === "all" ? { all: items } : { any: items };
}

function isGroup(condition: Condition): condition is ConditionGroup {
  return "all" in condition || "any" in condition;
}

function isOperator(value: string): value is ConditionOperator {
  return (CONDITION_OPERATORS as readonly string[]).includes(value);
}

/**
 * Edits a display condition: "all" or "any" of a list of tests "field X is / is not one of
 * [values]", where an item may also be a group of tests. New groups can only be added at the top
 * level; deeper groups saved through the API are shown and edited all the same.
 */
export function ConditionBuilder({ value, onChange, earlierFields, language, error }: ConditionBuilderProps) {
  const { t } = useTranslation("catalog");
  const firstField = earlierFields[0];
  const newLeaf = (): ConditionLeaf => ({ field: firstField?.code ?? "", operator: "is_one_of", values: [] });

  const mode = value === undefined ? "always" : matchOf(value);
  const modeOptions = [
    { value: "always", label: t("condition.always") },
    { value: "all", label: t("condition.whenAll") },
    { value: "any", label: t("condition.whenAny") },
  ];

  const changeMode = (next: string) => {
    if (next === "always") {
      onChange(undefined);
    } else if (next === "all" || next === "any") {
      onChange(makeGroup(next, value === undefined ? [newLeaf()] : itemsOf(value)));
    }
  };

  const noEarlierFields = earlierFields.length === 0;

  return (
    <Stack gap="sm">
      <NativeSelect
        label={t("condition.mode")}
        description={noEarlierFields && value === undefined ? t("condition.noEarlierFields") : undefined}
        data={modeOptions}
        value={mode}
        onChange={(event) => changeMode(event.currentTarget.value)}
        disabled={noEarlierFields && value === undefined}
        error={error}
      />
      {value !== undefined && (
        <GroupItems
          group={value}
          onChange={(next) => onChange(next)}
          numberPrefix=""
          depth={1}
          earlierFields={earlierFields}
          language={language}
          newLeaf={newLeaf}
        />
      )}
    </Stack>
  );
}

interface GroupItemsProps {
  group: ConditionGroup;
  onChange: (group: ConditionGroup) => void;
  /** Number of the enclosing group followed by a dot, such as "2.", or "" at the top level. */
  numberPrefix: string;
  depth: number;
  earlierFields: readonly FieldDraft[];
  language: Language;
  newLeaf: () => ConditionLeaf;
}

/** Renders the items of one group, with buttons to add a test (and, at the top, a nested group). */
function GroupItems({
  group,
  onChange,
  numberPrefix,
  depth,
  earlierFields,
  language,
  newLeaf,
}: GroupItemsProps) {
  const { t } = useTranslation("catalog");
  const match = matchOf(group);
  const items = itemsOf(group);

  const setItems = (next: Condition[]) => onChange(makeGroup(match, next));
  const replaceItem = (position: number, item: Condition) =>
    setItems(items.map((candidate, index) => (index === position ? item : candidate)));
  const removeItem = (position: number) => setItems(items.filter((_, index) => index !== position));

  return (
    <Stack gap="sm">
      {items.map((item, position) => {
        const number = `${numberPrefix}${position + 1}`;
        if (isGroup(item)) {
          return (
            <Fieldset key={number} legend={t("condition.groupLegend", { number })} p="sm">
              <Stack gap="sm">
                <NativeSelect
                  label={t("condition.groupMatch")}
                  aria-label={t("condition.groupMatchOf", { number })}
                  data={[
                    { value: "all", label: t("condition.matchAll") },
                    { value: "any", label: t("condition.matchAny") },
                  ]}
                  value={matchOf(item)}
                  onChange={(event) => {
                    const next = event.currentTarget.value === "any" ? "any" : "all";
                    replaceItem(position, makeGroup(next, itemsOf(item)));
                  }}
                />
                <GroupItems
                  group={item}
                  onChange={(next) => replaceItem(position, next)}
                  numberPrefix={`${number}.`}
                  depth={depth + 1}
                  earlierFields={earlierFields}
                  language={language}
                  newLeaf={newLeaf}
                />
                <Group>
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    onClick={() => removeItem(position)}
                    aria-label={t("condition.removeGroupOf", { number })}
                  >
                    {t("condition.removeGroup")}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        }
        return (
          <LeafEditor
            key={number}
            leaf={item}
            number={number}
            onChange={(next) => replaceItem(position, next)}
            onRemove={items.length > 1 ? () => removeItem(position) : undefined}
            earlierFields={earlierFields}
            language={language}
          />
        );
      })}

      <Group gap="xs">
        <Button
          variant="light"
          size="xs"
          onClick={() => setItems([...items, newLeaf()])}
          aria-label={
            numberPrefix === "" ? undefined : t("condition.addToGroup", { number: numberPrefix.slice(0, -1) })
          }
        >
          {t("condition.add")}
        </Button>
        {depth === 1 && (
          <Button
            variant="light"
            size="xs"
            onClick={() => setItems([...items, makeGroup(match === "all" ? "any" : "all", [newLeaf()])])}
          >
            {t("condition.addGroup")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

interface LeafEditorProps {
  leaf: ConditionLeaf;
  number: string;
  onChange: (leaf: ConditionLeaf) => void;
  /** Undefined for the last test of a group, which a group cannot lose. */
  onRemove: (() => void) | undefined;
  earlierFields: readonly FieldDraft[];
  language: Language;
}

function LeafEditor({ leaf, number, onChange, onRemove, earlierFields, language }: LeafEditorProps) {
  const { t } = useTranslation(["catalog", "forms"]);
  const target = earlierFields.find((field) => field.code === leaf.field);
  const fieldOptions = earlierFields.map((field) => ({
    value: field.code,
    label: `${localized(field.label, language) || field.code} (${field.code})`,
  }));
  // A test on a field that is no longer above this one stays visible until it is changed.
  if (target === undefined) {
    fieldOptions.unshift({ value: leaf.field, label: t("condition.unknownField", { code: leaf.field }) });
  }

  return (
    <Fieldset legend={t("condition.leafLegend", { number })} p="sm">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect
            label={t("condition.field")}
            aria-label={t("condition.fieldOf", { number })}
            data={fieldOptions}
            value={leaf.field}
            onChange={(event) => onChange({ ...leaf, field: event.currentTarget.value, values: [] })}
          />
          <NativeSelect
            label={t("condition.operator")}
            aria-label={t("condition.operatorOf", { number })}
            data={CONDITION_OPERATORS.map((operator) => ({
              value: operator,
              label: t(`condition.operators.${operator}`),
            }))}
            value={leaf.operator}
            onChange={(event) => {
              const operator = event.currentTarget.value;
              if (isOperator(operator)) {
                onChange({ ...leaf, operator });
              }
            }}
          />
        </SimpleGrid>
        <ValuesPicker
          key={leaf.field}
          target={target}
          values={leaf.values}
          onChange={(values) => onChange({ ...leaf, values })}
          number={number}
          language={language}
        />
        {onRemove && (
          <Group>
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={onRemove}
              aria-label={t("condition.removeOf", { number })}
            >
              {t("condition.remove")}
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}

interface ValuesPickerProps {
  target: FieldDraft | undefined;
  values: ConditionValue[];
  onChange: (values: ConditionValue[]) => void;
  number: string;
  language: Language;
}

/**
 * Picks the values a test compares with: checkboxes for the options of a choice field, for
 * yes/no and for ratings, and a comma-separated list for any other field.
 */
function ValuesPicker({ target, values, onChange, number, language }: ValuesPickerProps) {
  const { t } = useTranslation(["catalog", "forms"]);
  const label = t("condition.values");
  const ariaLabel = t("condition.valuesOf", { number });

  let choices: { value: ConditionValue; label: string }[] | undefined;
  if (target?.type === "single_choice" || target?.type === "multiple_choice") {
    choices = target.options
      .filter((option) => option.value.trim() !== "")
      .map((option) => ({
        value: option.value,
        label: conditionValueLabel(option.value, target, language, t),
      }));
  } else if (target?.type === "yes_no") {
    choices = [
      { value: true, label: t("forms:yes") },
      { value: false, label: t("forms:no") },
    ];
  } else if (target?.type === "rating") {
    choices = [];
    for (let level = MIN_RATING; level <= MAX_RATING; level += 1) {
      choices.push({ value: level, label: String(level) });
    }
  }

  if (choices !== undefined) {
    const known = choices;
    return (
      <Checkbox.Group
        label={label}
        value={values.map(String)}
        onChange={(selected) =>
          onChange(
            known.filter((choice) => selected.includes(String(choice.value))).map((choice) => choice.value),
          )
        }
      >
        {known.length === 0 ? (
          <Text size="sm" c="dimmed" mt="xs">
            {t("condition.noOptions")}
          </Text>
        ) : (
          <Group gap="md" mt="xs">
            {known.map((choice) => (
              <Checkbox key={String(choice.value)} value={String(choice.value)} label={choice.label} />
            ))}
          </Group>
        )}
      </Checkbox.Group>
    );
  }

  return (
    <ValuesTextInput
      label={label}
      ariaLabel={ariaLabel}
      values={values}
      onChange={onChange}
      numeric={target?.type === "number"}
    />
  );
}

interface ValuesTextInputProps {
  label: string;
  ariaLabel: string;
  values: ConditionValue[];
  onChange: (values: ConditionValue[]) => void;
  numeric: boolean;
}

/** Renders a comma-separated list of values. The text is kept as typed, so a trailing comma stays. */
function ValuesTextInput({ label, ariaLabel, values, onChange, numeric }: ValuesTextInputProps) {
  const { t } = useTranslation("catalog");
  const [text, setText] = useState(() => values.map(String).join(", "));

  const parse = (raw: string): ConditionValue[] =>
    raw
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "")
      .map((part) => (numeric && Number.isFinite(Number(part)) ? Number(part) : part));

  return (
    <TextInput
      label={label}
      aria-label={ariaLabel}
      description={t("condition.valuesHint")}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        onChange(parse(event.currentTarget.value));
      }}
    />
  );
}
