import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
} from "@mantine/core";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../../../shared/i18n";
import { localized } from "../forms/form-model";
import {
  DRAFT_CONDITION_KINDS,
  type DraftCondition,
  type DraftConditionKind,
  type DraftGroup,
  HOME_CONDITION_KIND,
  isDraftGroup,
  MAX_CONDITION_DEPTH,
  MAX_DAYS,
  MAX_GROUP_ITEMS,
  MAX_HOURS,
  MAX_TIMES,
  MIN_DAYS,
  MIN_HOURS,
  MIN_TIMES,
  newCondition,
  STATE_CONDITION_VALUES,
  type StateConditionValue,
} from "./action-model";
import { type AnswerField, answerChoices } from "./condition-summary";
import { useActionProblems } from "./problem-context";

interface ConditionsEditorProps {
  value: DraftGroup | null;
  onChange: (value: DraftGroup | null) => void;
  /** Whether the action is offered on the home page, where only "used at most N times" applies. */
  home: boolean;
  /** Choice and yes/no fields of the type's activity form, which answer conditions test. */
  answerFields: readonly AnswerField[];
  language: Language;
  /** Prefix of the ids of the inputs, unique to the action. */
  idPrefix: string;
}

/** Inputs shared by every level of the builder. */
interface BuilderContext {
  home: boolean;
  answerFields: readonly AnswerField[];
  language: Language;
  newItem: () => DraftCondition;
}

const LEAF_PROPERTIES = ["operator", "states", "hours", "days", "value", "field", "values", "times"] as const;

function isKind(value: string): value is DraftConditionKind {
  return (DRAFT_CONDITION_KINDS as readonly string[]).includes(value);
}

function isStateValue(value: string): value is StateConditionValue {
  return (STATE_CONDITION_VALUES as readonly string[]).includes(value);
}

/** Reads a whole number from Mantine's NumberInput, which gives a string while the input is empty or partial. */
function wholeNumber(value: number | string): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Edits when an action is available: always, or when a group of conditions is met. Groups
 * combine their items with AND or OR and nest up to three levels. Each condition and group is a
 * fieldset with a numbered legend, and a problem the server reported shows on the input its path
 * names.
 */
export function ConditionsEditor({
  value,
  onChange,
  home,
  answerFields,
  language,
  idPrefix,
}: ConditionsEditorProps) {
  const { t } = useTranslation("portalActions");
  const problems = useActionProblems();
  const alwaysRadio = useRef<HTMLInputElement>(null);
  const context: BuilderContext = {
    home,
    answerFields,
    language,
    newItem: () => newCondition(home ? HOME_CONDITION_KIND : "state", answerFields[0]?.code),
  };

  return (
    <Stack gap="sm">
      <Radio.Group
        label={t("conditions.mode")}
        value={value === null ? "always" : "when"}
        onChange={(mode) => {
          problems.clear("conditions");
          onChange(mode === "always" ? null : { combinator: "and", items: [context.newItem()] });
        }}
        error={value === null ? problems.under("conditions") : undefined}
      >
        <Group gap="lg" mt="xs">
          <Radio ref={alwaysRadio} value="always" label={t("conditions.always")} />
          <Radio value="when" label={t("conditions.when")} />
        </Group>
      </Radio.Group>

      {home && (
        <Alert color="blue" variant="light" p="sm" role="note">
          <Text size="sm">{t("conditions.homeNote")}</Text>
        </Alert>
      )}

      {value !== null && (
        <GroupEditor
          group={value}
          path="conditions"
          number=""
          depth={1}
          context={context}
          idPrefix={idPrefix}
          onChange={onChange}
          onRemove={() => {
            onChange(null);
            requestAnimationFrame(() => alwaysRadio.current?.focus());
          }}
        />
      )}
    </Stack>
  );
}

interface GroupEditorProps {
  group: DraftGroup;
  /** Path of the group inside the action, such as `conditions.items.1`. */
  path: string;
  /** Number of the group, such as "2" or "2.1", or "" for the top group. */
  number: string;
  depth: number;
  context: BuilderContext;
  idPrefix: string;
  onChange: (group: DraftGroup) => void;
  /** Removes the group: a nested group leaves its parent, the top group makes the action always available. */
  onRemove: () => void;
}

function GroupEditor({
  group,
  path,
  number,
  depth,
  context,
  idPrefix,
  onChange,
  onRemove,
}: GroupEditorProps) {
  const { t } = useTranslation("portalActions");
  const problems = useActionProblems();
  const addButton = useRef<HTMLButtonElement>(null);
  const name = number === "" ? t("conditions.topGroup") : t("conditions.group", { number });
  const groupError = [problems.at(path), problems.at(`${path}.combinator`), problems.at(`${path}.items`)]
    .filter((message) => message !== undefined)
    .join(" ");
  const errorId = `${idPrefix}-${path}-error`;
  const full = group.items.length >= MAX_GROUP_ITEMS;

  const setItems = (items: (DraftCondition | DraftGroup)[]) => {
    problems.clear(`${path}.items`);
    if (items.length === 0) {
      onRemove();
      return;
    }
    onChange({ ...group, items });
  };
  const replaceItem = (position: number, item: DraftCondition | DraftGroup) =>
    onChange({
      ...group,
      items: group.items.map((candidate, index) => (index === position ? item : candidate)),
    });
  const removeItem = (position: number) => {
    setItems(group.items.filter((_, index) => index !== position));
    // The removed item's button is gone, so the group's "Add condition" takes the focus.
    requestAnimationFrame(() => addButton.current?.focus());
  };

  return (
    <Fieldset
      legend={name}
      p="sm"
      aria-describedby={groupError === "" ? undefined : errorId}
      style={groupError === "" ? undefined : { borderColor: "var(--mantine-color-red-6)" }}
    >
      <Stack gap="sm">
        {groupError !== "" && (
          <Text id={errorId} size="sm" c="red.8">
            {groupError}
          </Text>
        )}
        <NativeSelect
          label={t("conditions.combinator")}
          aria-label={t("conditions.combinatorOf", { group: name })}
          data={[
            { value: "and", label: t("conditions.and") },
            { value: "or", label: t("conditions.or") },
          ]}
          value={group.combinator}
          onChange={(event) => {
            problems.clear(`${path}.combinator`);
            onChange({ ...group, combinator: event.currentTarget.value === "or" ? "or" : "and" });
          }}
        />

        {group.items.map((item, position) => {
          const itemNumber = number === "" ? String(position + 1) : `${number}.${position + 1}`;
          const itemPath = `${path}.items.${position}`;
          return isDraftGroup(item) ? (
            <GroupEditor
              // Items have no identity of their own; the position keeps the inputs in place.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              key={position}
              group={item}
              path={itemPath}
              number={itemNumber}
              depth={depth + 1}
              context={context}
              idPrefix={idPrefix}
              onChange={(next) => replaceItem(position, next)}
              onRemove={() => removeItem(position)}
            />
          ) : (
            <ConditionEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own.
              key={position}
              condition={item}
              path={itemPath}
              number={itemNumber}
              context={context}
              onChange={(next) => replaceItem(position, next)}
              onRemove={() => removeItem(position)}
            />
          );
        })}

        <Group gap="xs">
          <Button
            ref={addButton}
            variant="light"
            size="xs"
            disabled={full}
            onClick={() => setItems([...group.items, context.newItem()])}
            aria-label={t("conditions.addTo", { group: name })}
          >
            {t("conditions.add")}
          </Button>
          {depth < MAX_CONDITION_DEPTH && (
            <Button
              variant="light"
              size="xs"
              disabled={full}
              onClick={() =>
                setItems([
                  ...group.items,
                  { combinator: group.combinator === "and" ? "or" : "and", items: [context.newItem()] },
                ])
              }
              aria-label={t("conditions.addGroupTo", { group: name })}
            >
              {t("conditions.addGroup")}
            </Button>
          )}
          {number !== "" && (
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={onRemove}
              aria-label={t("conditions.removeGroupOf", { number })}
            >
              {t("conditions.removeGroup")}
            </Button>
          )}
        </Group>
        {depth === MAX_CONDITION_DEPTH && (
          <Text size="xs" c="dimmed">
            {t("conditions.depthNote", { max: MAX_CONDITION_DEPTH })}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}

interface ConditionEditorProps {
  condition: DraftCondition;
  path: string;
  number: string;
  context: BuilderContext;
  onChange: (condition: DraftCondition) => void;
  onRemove: () => void;
}

function ConditionEditor({ condition, path, number, context, onChange, onRemove }: ConditionEditorProps) {
  const { t } = useTranslation("portalActions");
  const problems = useActionProblems();
  const { home, answerFields } = context;

  const kindLabel = (kind: DraftConditionKind) => t(`conditions.kinds.${kind}`);
  const offered = DRAFT_CONDITION_KINDS.filter((kind) => {
    if (home) {
      return kind === HOME_CONDITION_KIND;
    }
    return kind !== "answer" || answerFields.length > 0;
  });
  // A condition saved before the effect or the form changed keeps its kind until it is changed.
  const kindOptions = offered.map((kind) => ({ value: kind, label: kindLabel(kind) }));
  if (!offered.includes(condition.kind)) {
    kindOptions.unshift({
      value: condition.kind,
      label: home
        ? t("conditions.notForHome", { kind: kindLabel(condition.kind) })
        : kindLabel(condition.kind),
    });
  }

  // Problems of the condition as a whole, and of properties without an input, go under "Test".
  const claimed = LEAF_PROPERTIES.map((property) => `${path}.${property}`);
  const kindError = problems.problems
    .filter(
      (problem) =>
        (problem.path === path || problem.path.startsWith(`${path}.`)) &&
        !claimed.some((prefix) => problem.path === prefix || problem.path.startsWith(`${prefix}.`)),
    )
    .map((problem) => problem.message)
    .join(" ");

  const change = (property: string, next: DraftCondition) => {
    problems.clear(`${path}.${property}`);
    onChange(next);
  };

  return (
    <Fieldset legend={t("conditions.condition", { number })} p="sm">
      <Stack gap="sm">
        <NativeSelect
          label={t("conditions.kind")}
          aria-label={t("conditions.kindOf", { number })}
          data={kindOptions}
          value={condition.kind}
          error={kindError === "" ? undefined : kindError}
          onChange={(event) => {
            const kind = event.currentTarget.value;
            if (isKind(kind)) {
              problems.clear(path);
              onChange(newCondition(kind, answerFields[0]?.code));
            }
          }}
        />
        <ConditionInputs
          condition={condition}
          path={path}
          number={number}
          context={context}
          change={change}
        />
        <Group>
          <Button
            variant="subtle"
            color="red"
            size="xs"
            onClick={onRemove}
            aria-label={t("conditions.removeOf", { number })}
          >
            {t("conditions.remove")}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

interface ConditionInputsProps {
  condition: DraftCondition;
  path: string;
  number: string;
  context: BuilderContext;
  /** Applies a change of `property`, dropping the problems reported on it. */
  change: (property: string, next: DraftCondition) => void;
}

/** Renders the inputs of one kind of condition. */
function ConditionInputs({ condition, path, number, context, change }: ConditionInputsProps) {
  const { t } = useTranslation("portalActions");
  const problems = useActionProblems();
  const numberProps = {
    allowDecimal: false,
    allowNegative: false,
    clampBehavior: "none" as const,
    thousandSeparator: false as const,
    w: 200,
  };

  switch (condition.kind) {
    case "state":
      return (
        <>
          <NativeSelect
            label={t("conditions.operator")}
            aria-label={t("conditions.operatorOf", { number })}
            data={[
              { value: "is", label: t("conditions.listOperators.is") },
              { value: "is_not", label: t("conditions.listOperators.is_not") },
            ]}
            value={condition.operator}
            error={problems.at(`${path}.operator`)}
            onChange={(event) =>
              change("operator", {
                ...condition,
                operator: event.currentTarget.value === "is_not" ? "is_not" : "is",
              })
            }
          />
          <Checkbox.Group
            label={t("conditions.states")}
            value={condition.states}
            error={problems.under(`${path}.states`)}
            onChange={(values) => change("states", { ...condition, states: values.filter(isStateValue) })}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
              {STATE_CONDITION_VALUES.map((state) => (
                <Checkbox key={state} value={state} label={t(`conditions.stateValues.${state}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </>
      );

    case "starts_in":
      return (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect
            label={t("conditions.operator")}
            aria-label={t("conditions.operatorOf", { number })}
            data={[
              { value: "more_than", label: t("conditions.startsOperators.more_than") },
              { value: "less_than", label: t("conditions.startsOperators.less_than") },
            ]}
            value={condition.operator}
            error={problems.at(`${path}.operator`)}
            onChange={(event) =>
              change("operator", {
                ...condition,
                operator: event.currentTarget.value === "less_than" ? "less_than" : "more_than",
              })
            }
          />
          <NumberInput
            {...numberProps}
            label={t("conditions.hours")}
            aria-label={t("conditions.hoursOf", { number })}
            description={t("conditions.hoursHint", { min: MIN_HOURS, max: MAX_HOURS })}
            min={MIN_HOURS}
            max={MAX_HOURS}
            value={condition.hours ?? ""}
            error={problems.at(`${path}.hours`)}
            onChange={(next) => change("hours", { ...condition, hours: wholeNumber(next) })}
          />
        </SimpleGrid>
      );

    case "closed_within":
      return (
        <NumberInput
          {...numberProps}
          label={t("conditions.days")}
          aria-label={t("conditions.daysOf", { number })}
          description={t("conditions.daysHint", { min: MIN_DAYS, max: MAX_DAYS })}
          min={MIN_DAYS}
          max={MAX_DAYS}
          value={condition.days ?? ""}
          error={problems.at(`${path}.days`)}
          onChange={(next) => change("days", { ...condition, days: wholeNumber(next) })}
        />
      );

    case "confirmed_by_customer":
      return (
        <Radio.Group
          label={t("conditions.confirmed")}
          aria-label={t("conditions.confirmedOf", { number })}
          value={condition.value ? "yes" : "no"}
          error={problems.at(`${path}.value`)}
          onChange={(next) => change("value", { ...condition, value: next === "yes" })}
        >
          <Group gap="lg" mt="xs">
            <Radio value="yes" label={t("conditions.yes")} />
            <Radio value="no" label={t("conditions.no")} />
          </Group>
        </Radio.Group>
      );

    case "answer":
      return (
        <AnswerInputs condition={condition} path={path} number={number} context={context} change={change} />
      );

    case "used_at_most":
      return (
        <NumberInput
          {...numberProps}
          label={t("conditions.times")}
          aria-label={t("conditions.timesOf", { number })}
          description={t("conditions.timesHint", { min: MIN_TIMES, max: MAX_TIMES })}
          min={MIN_TIMES}
          max={MAX_TIMES}
          value={condition.times ?? ""}
          error={problems.at(`${path}.times`)}
          onChange={(next) => change("times", { ...condition, times: wholeNumber(next) })}
        />
      );
  }
}

type AnswerCondition = Extract<DraftCondition, { kind: "answer" }>;

function AnswerInputs({
  condition,
  path,
  number,
  context,
  change,
}: Omit<ConditionInputsProps, "condition"> & { condition: AnswerCondition }) {
  const { t } = useTranslation("portalActions");
  const problems = useActionProblems();
  const { answerFields, language } = context;
  const field = answerFields.find((candidate) => candidate.code === condition.field);

  const fieldOptions = answerFields.map((candidate) => ({
    value: candidate.code,
    label: `${localized(candidate.label, language) || candidate.code} (${candidate.code})`,
  }));
  if (field === undefined) {
    fieldOptions.unshift(
      condition.field === ""
        ? { value: "", label: t("conditions.chooseField") }
        : { value: condition.field, label: t("conditions.unknownField", { code: condition.field }) },
    );
  }
  const choices = field ? answerChoices(field, language) : [];

  return (
    <>
      {answerFields.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("conditions.noAnswerFields")}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <NativeSelect
          label={t("conditions.field")}
          aria-label={t("conditions.fieldOf", { number })}
          data={fieldOptions}
          value={condition.field}
          error={problems.at(`${path}.field`)}
          onChange={(event) =>
            change("field", { ...condition, field: event.currentTarget.value, values: [] })
          }
        />
        <NativeSelect
          label={t("conditions.operator")}
          aria-label={t("conditions.operatorOf", { number })}
          data={[
            { value: "is", label: t("conditions.listOperators.is") },
            { value: "is_not", label: t("conditions.listOperators.is_not") },
          ]}
          value={condition.operator}
          error={problems.at(`${path}.operator`)}
          onChange={(event) =>
            change("operator", {
              ...condition,
              operator: event.currentTarget.value === "is_not" ? "is_not" : "is",
            })
          }
        />
      </SimpleGrid>
      <Checkbox.Group
        label={t("conditions.values")}
        value={condition.values}
        error={problems.under(`${path}.values`)}
        onChange={(values) => change("values", { ...condition, values })}
      >
        {choices.length === 0 ? (
          <Text size="sm" c="dimmed" mt="xs">
            {t("conditions.noOptions")}
          </Text>
        ) : (
          <Group gap="md" mt="xs">
            {choices.map((choice) => (
              <Checkbox key={choice.value} value={choice.value} label={choice.label} />
            ))}
          </Group>
        )}
      </Checkbox.Group>
    </>
  );
}
