import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  List,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../../../shared/i18n";
import type { ActivityType } from "../../lib/catalog";
import type { FieldDraft } from "../catalog/field-draft";
import { type FormField, isAnswerField, localized } from "../forms/form-model";
import { ActionFormEditor } from "./ActionFormEditor";
import {
  type ActionDraft,
  isHomeEffect,
  MAX_ACTION_LABEL_LENGTH,
  PORTAL_ACTION_EFFECTS,
  type PortalActionEffect,
  takesScheduling,
  takesTargetType,
  withEffect,
} from "./action-model";
import { ConditionsEditor } from "./ConditionsEditor";
import type { AnswerField } from "./condition-summary";
import { useActionProblems } from "./problem-context";

/** Paths inside an action that an input of this panel shows; other problems go in its alert. */
const PATHS_WITH_INPUT = [
  "label",
  "effect",
  "targetTypeId",
  "copyFields",
  "scheduling",
  "form",
  "conditions",
];

function isEffect(value: string): value is PortalActionEffect {
  return (PORTAL_ACTION_EFFECTS as readonly string[]).includes(value);
}

/**
 * Returns the fields whose answers a linked activity can take over: those that take an answer in
 * both activity forms with the same type. The server also checks that a copied choice field's
 * options all exist in the target field.
 */
function commonFields(source: ActivityType, target: ActivityType): FormField[] {
  return source.activityForm.fields.filter(
    (field) =>
      isAnswerField(field) &&
      target.activityForm.fields.some(
        (candidate) =>
          candidate.code === field.code && isAnswerField(candidate) && candidate.type === field.type,
      ),
  );
}

export interface ActionEditorProps {
  draft: ActionDraft;
  onChange: (draft: ActionDraft) => void;
  /** The activity type that carries the actions, saved, for answer conditions and copied fields. */
  activityType: ActivityType;
  /** The unit's types that are not archived, which a create action may target. */
  targetTypes: readonly { id: string; name: string }[];
  /** Every type of the catalog with its forms, or undefined when the catalog could not be loaded. */
  catalogTypes: readonly ActivityType[] | undefined;
  answerFields: readonly AnswerField[];
  language: Language;
  timeZone: string;
  /** The action's name for accessible labels, such as "Ask to reschedule" or "Action 3". */
  name: string;
  onDone: () => void;
}

/** Edits one portal action: labels, effect, target type, copied fields, form, scheduling step and conditions. */
export function ActionEditor({
  draft,
  onChange,
  activityType,
  targetTypes,
  catalogTypes,
  answerFields,
  language,
  timeZone,
  name,
  onDone,
}: ActionEditorProps) {
  const { t } = useTranslation("portalActions");
  const problems = useActionProblems();
  // The fields of a form turned off come back if it is turned on again before saving.
  const hiddenFormFields = useRef<FieldDraft[]>([]);
  const idPrefix = `action-${draft.uid}`;

  const update = (patch: Partial<ActionDraft>, path: string) => {
    problems.clear(path);
    onChange({ ...draft, ...patch });
  };

  const otherProblems = problems.problems.filter(
    (problem) =>
      !PATHS_WITH_INPUT.some((path) => problem.path === path || problem.path.startsWith(`${path}.`)),
  );

  const typeOptions = [
    { value: "", label: t("editor.chooseType") },
    ...targetTypes.map((type) => ({ value: type.id, label: type.name })),
  ];
  if (draft.targetTypeId !== null && !targetTypes.some((type) => type.id === draft.targetTypeId)) {
    typeOptions.push({ value: draft.targetTypeId, label: t("list.unknownType") });
  }

  return (
    <Stack gap="md">
      {otherProblems.length > 0 && (
        // The list-level alert announces the failed save, so this one is not announced again.
        <Alert color="red" variant="light" role="note" title={t("editor.problemsTitle")}>
          <List size="sm">
            {otherProblems.map((problem) => (
              <List.Item key={`${problem.path}-${problem.message}`}>{problem.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("editor.labelEn")}
          description={t("editor.labelHint", { max: MAX_ACTION_LABEL_LENGTH })}
          value={draft.label.en}
          maxLength={MAX_ACTION_LABEL_LENGTH}
          error={problems.under("label.en") ?? problems.at("label")}
          onChange={(event) =>
            update({ label: { ...draft.label, en: event.currentTarget.value } }, "label.en")
          }
          data-autofocus
        />
        <TextInput
          label={t("editor.labelFr")}
          description={t("editor.labelHint", { max: MAX_ACTION_LABEL_LENGTH })}
          value={draft.label.fr}
          maxLength={MAX_ACTION_LABEL_LENGTH}
          error={problems.under("label.fr")}
          onChange={(event) =>
            update({ label: { ...draft.label, fr: event.currentTarget.value } }, "label.fr")
          }
        />
      </SimpleGrid>

      <Radio.Group
        label={t("editor.effect")}
        value={draft.effect}
        error={problems.at("effect")}
        onChange={(value) => {
          if (isEffect(value)) {
            problems.clear("effect");
            onChange(withEffect(draft, value));
          }
        }}
      >
        <Stack gap="sm" mt="xs">
          {PORTAL_ACTION_EFFECTS.map((effect) => (
            <Radio
              key={effect}
              value={effect}
              label={t(`editor.effects.${effect}`)}
              description={t(`editor.effectHints.${effect}`)}
            />
          ))}
        </Stack>
      </Radio.Group>

      {takesTargetType(draft.effect) && (
        <NativeSelect
          label={t("editor.targetType")}
          data={typeOptions}
          value={draft.targetTypeId ?? ""}
          error={problems.at("targetTypeId")}
          onChange={(event) => {
            const targetTypeId = event.currentTarget.value || null;
            problems.clear("copyFields");
            // Copied fields depend on the target's form, so they are chosen again for a new target.
            update({ targetTypeId, copyFields: [] }, "targetTypeId");
          }}
        />
      )}

      {draft.effect === "create_linked_activity" && (
        <CopyFieldsInput
          draft={draft}
          activityType={activityType}
          catalogTypes={catalogTypes}
          language={language}
          onChange={(copyFields) => update({ copyFields }, "copyFields")}
        />
      )}

      {takesScheduling(draft.effect) && (
        <Switch
          label={t("editor.scheduling")}
          description={t("editor.schedulingHint")}
          checked={draft.scheduling}
          error={problems.at("scheduling")}
          onChange={(event) => update({ scheduling: event.currentTarget.checked }, "scheduling")}
        />
      )}

      <Divider />
      <Title order={4} size="h5">
        {t("editor.form")}
      </Title>
      <Switch
        label={t("editor.formSwitch")}
        description={t("editor.formHint")}
        checked={draft.formFields !== null}
        onChange={(event) => {
          if (event.currentTarget.checked) {
            update({ formFields: hiddenFormFields.current }, "form");
          } else {
            hiddenFormFields.current = draft.formFields ?? [];
            update({ formFields: null }, "form");
          }
        }}
      />
      {draft.formFields !== null && (
        <ActionFormEditor
          fields={draft.formFields}
          onChange={(formFields) => onChange({ ...draft, formFields })}
          timeZone={timeZone}
          actionName={name}
        />
      )}

      <Divider />
      <Title order={4} size="h5">
        {t("conditions.title")}
      </Title>
      <ConditionsEditor
        value={draft.conditions}
        onChange={(conditions) => onChange({ ...draft, conditions })}
        home={isHomeEffect(draft.effect)}
        answerFields={answerFields}
        language={language}
        idPrefix={idPrefix}
      />

      <Group>
        <Button variant="default" onClick={onDone}>
          {t("editor.done")}
        </Button>
      </Group>
    </Stack>
  );
}

interface CopyFieldsInputProps {
  draft: ActionDraft;
  activityType: ActivityType;
  catalogTypes: readonly ActivityType[] | undefined;
  language: Language;
  onChange: (copyFields: string[]) => void;
}

/**
 * Picks the answers a linked activity copies. With the catalog loaded, it offers the fields both
 * activity forms have; without it, codes are typed and the server checks them on save.
 */
function CopyFieldsInput({ draft, activityType, catalogTypes, language, onChange }: CopyFieldsInputProps) {
  const { t } = useTranslation("portalActions");
  const problems = useActionProblems();
  const error = problems.under("copyFields");

  if (catalogTypes === undefined) {
    return (
      <TagsInput
        label={t("editor.copyFieldsFree")}
        description={t("editor.copyFieldsFreeHint")}
        value={draft.copyFields}
        onChange={onChange}
        error={error}
        acceptValueOnBlur
      />
    );
  }

  const target = catalogTypes.find((type) => type.id === draft.targetTypeId);
  if (target === undefined) {
    return (
      <Text size="sm" c="dimmed">
        {t("editor.copyFieldsChooseType")}
      </Text>
    );
  }

  // The current type's latest form, so fields added since the page opened are offered.
  const source = catalogTypes.find((type) => type.id === activityType.id) ?? activityType;
  const candidates = commonFields(source, target).map((field) => ({
    value: field.code,
    label: `${localized(field.label, language) || field.code} (${field.code})`,
  }));
  // Codes saved earlier that no longer fit stay visible, so they can be unticked.
  for (const code of draft.copyFields) {
    if (!candidates.some((candidate) => candidate.value === code)) {
      candidates.push({ value: code, label: t("editor.notInBoth", { field: code }) });
    }
  }

  return (
    <Checkbox.Group
      label={t("editor.copyFields")}
      description={t("editor.copyFieldsHint")}
      value={draft.copyFields}
      onChange={onChange}
      error={error}
    >
      {candidates.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t("editor.noCommonFields")}
        </Text>
      ) : (
        <Stack gap="xs" mt="xs">
          {candidates.map((candidate) => (
            <Checkbox key={candidate.value} value={candidate.value} label={candidate.label} />
          ))}
        </Stack>
      )}
    </Checkbox.Group>
  );
}
