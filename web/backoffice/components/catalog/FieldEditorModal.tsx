import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  List,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../shared/i18n";
import { FIELD_TYPES, type FieldType, localized, MAX_FILE_COUNT } from "../forms/form-model";
import { ConditionBuilder } from "./ConditionBuilder";
import { DefaultValueInput } from "./DefaultValueInput";
import { type FieldDraft, isChoiceType, suggestCode, TYPES_WITH_DEFAULT, withType } from "./field-draft";
import { FieldTypeIcon, LockIcon } from "./icons";
import { OptionsEditor } from "./OptionsEditor";
import { type FieldProblem, problemAt } from "./problems";

/** Paths inside a field that have their own input in this panel; other problems go in the alert. */
const PATHS_WITH_INPUT = [
  "code",
  "label",
  "helpText",
  "defaultValue",
  "options",
  "min",
  "max",
  "maxCount",
  "text",
  "visibleWhen",
] as const;

function isFieldType(value: string): value is FieldType {
  return (FIELD_TYPES as readonly string[]).includes(value);
}

export interface FieldEditorState {
  draft: FieldDraft;
  /** Position of the field in the form; for a new field, the position it will take. */
  index: number;
  isNew: boolean;
  locked: boolean;
}

interface FieldEditorModalProps {
  state: FieldEditorState | null;
  /** Fields above the edited one that take an answer, which its display condition may test. */
  earlierFields: readonly FieldDraft[];
  problems: readonly FieldProblem[];
  timeZone: string;
  /** Whether the panel offers "Visible to the customer on the portal", which activity forms have. */
  portalOption: boolean;
  onApply: (draft: FieldDraft) => void;
  onClose: () => void;
  /** Called once the panel has closed, to move the focus back to the field list. */
  onClosed: () => void;
}

/**
 * Renders the panel that edits one field. Changes stay in the panel until "Apply", which puts
 * them in the form being edited; the form is saved with its own "Save" button.
 */
export function FieldEditorModal({
  state,
  earlierFields,
  problems,
  timeZone,
  portalOption,
  onApply,
  onClose,
  onClosed,
}: FieldEditorModalProps) {
  const { t } = useTranslation("catalog");
  const isNarrow = useMediaQuery("(max-width: 36em)");
  const language = currentLanguage();
  const title = !state
    ? ""
    : state.isNew
      ? t("editor.addTitle")
      : t("editor.editTitle", { label: localized(state.draft.label, language) || state.draft.code });

  return (
    <Modal
      opened={state !== null}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      title={title}
      size="lg"
      fullScreen={isNarrow}
      // The list moves the focus itself, because the button that opened the panel may be gone.
      returnFocus={false}
    >
      {state && (
        <FieldEditorForm
          key={state.draft.uid}
          state={state}
          earlierFields={earlierFields}
          problems={problems}
          timeZone={timeZone}
          portalOption={portalOption}
          onApply={onApply}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}

interface FieldEditorFormProps {
  state: FieldEditorState;
  earlierFields: readonly FieldDraft[];
  problems: readonly FieldProblem[];
  timeZone: string;
  portalOption: boolean;
  onApply: (draft: FieldDraft) => void;
  onCancel: () => void;
}

function FieldEditorForm({
  state,
  earlierFields,
  problems,
  timeZone,
  portalOption,
  onApply,
  onCancel,
}: FieldEditorFormProps) {
  const { t } = useTranslation(["catalog", "common"]);
  const language = currentLanguage();
  const [draft, setDraft] = useState(state.draft);
  const { isNew, locked } = state;
  const update = (patch: Partial<FieldDraft>) => setDraft((previous) => ({ ...previous, ...patch }));

  const otherProblems = problems.filter(
    (problem) =>
      !PATHS_WITH_INPUT.some((path) => problem.path === path || problem.path.startsWith(`${path}.`)),
  );
  const takesAnswer = draft.type !== "displayed_text";

  const changeEnglishLabel = (en: string) => {
    // A new field's code follows its English label until the code is edited by hand.
    const follows = isNew && (draft.code === "" || draft.code === suggestCode(draft.label.en));
    update({ label: { ...draft.label, en }, ...(follows ? { code: suggestCode(en) } : {}) });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <Stack gap="md">
        {otherProblems.length > 0 && (
          <Alert color="red" variant="light" title={t("editor.problemsTitle")}>
            <List size="sm">
              {otherProblems.map((problem) => (
                <List.Item key={`${problem.path}-${problem.message}`}>{problem.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {locked && (
          <Alert color="gray" variant="light" icon={<LockIcon />} title={t("field.systemField")}>
            {t("editor.lockedHint")}
          </Alert>
        )}

        {isNew ? (
          <NativeSelect
            label={t("field.type")}
            data={FIELD_TYPES.map((type) => ({ value: type, label: t(`fieldTypes.${type}`) }))}
            value={draft.type}
            onChange={(event) => {
              const type = event.currentTarget.value;
              if (isFieldType(type)) {
                setDraft(withType(draft, type));
              }
            }}
            data-autofocus
          />
        ) : (
          <Group gap="xs">
            <FieldTypeIcon type={draft.type} />
            <Text size="sm">{t("editor.typeIs", { type: t(`fieldTypes.${draft.type}`) })}</Text>
          </Group>
        )}

        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t("field.labelEn")}
            value={draft.label.en}
            onChange={(event) => changeEnglishLabel(event.currentTarget.value)}
            error={problemAt(problems, "label")}
            data-autofocus={isNew ? undefined : true}
          />
          <TextInput
            label={t("field.labelFr")}
            value={draft.label.fr}
            onChange={(event) => update({ label: { ...draft.label, fr: event.currentTarget.value } })}
          />
        </SimpleGrid>

        <TextInput
          label={t("field.code")}
          description={locked ? t("editor.codeLocked") : t("editor.codeHint")}
          value={draft.code}
          onChange={(event) => update({ code: event.currentTarget.value })}
          readOnly={locked}
          error={problemAt(problems, "code")}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
        />

        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Textarea
            label={t("field.helpTextEn")}
            autosize
            minRows={1}
            value={draft.helpText.en}
            onChange={(event) => update({ helpText: { ...draft.helpText, en: event.currentTarget.value } })}
            error={problemAt(problems, "helpText")}
          />
          <Textarea
            label={t("field.helpTextFr")}
            autosize
            minRows={1}
            value={draft.helpText.fr}
            onChange={(event) => update({ helpText: { ...draft.helpText, fr: event.currentTarget.value } })}
          />
        </SimpleGrid>

        {!locked && (
          <>
            {takesAnswer && (
              <Switch
                label={t("field.required")}
                checked={draft.required}
                onChange={(event) => update({ required: event.currentTarget.checked })}
              />
            )}
            {takesAnswer && portalOption && (
              <Checkbox
                label={t("field.showOnPortal")}
                description={t("field.showOnPortalHint")}
                checked={draft.showOnPortal}
                onChange={(event) => update({ showOnPortal: event.currentTarget.checked })}
              />
            )}

            {draft.type === "displayed_text" && (
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                <Textarea
                  label={t("field.textEn")}
                  autosize
                  minRows={3}
                  value={draft.text.en}
                  onChange={(event) => update({ text: { ...draft.text, en: event.currentTarget.value } })}
                  error={problemAt(problems, "text")}
                />
                <Textarea
                  label={t("field.textFr")}
                  autosize
                  minRows={3}
                  value={draft.text.fr}
                  onChange={(event) => update({ text: { ...draft.text, fr: event.currentTarget.value } })}
                />
              </SimpleGrid>
            )}

            {draft.type === "number" && (
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, xs: 2 }}>
                  <NumberInput
                    label={t("field.min")}
                    value={draft.min ?? ""}
                    onChange={(next) => update({ min: typeof next === "number" ? next : undefined })}
                    error={problemAt(problems, "min")}
                    thousandSeparator={false}
                  />
                  <NumberInput
                    label={t("field.max")}
                    value={draft.max ?? ""}
                    onChange={(next) => update({ max: typeof next === "number" ? next : undefined })}
                    error={problemAt(problems, "max")}
                    thousandSeparator={false}
                  />
                </SimpleGrid>
                <Checkbox
                  label={t("field.integer")}
                  checked={draft.integer}
                  onChange={(event) => update({ integer: event.currentTarget.checked })}
                />
              </Stack>
            )}

            {draft.type === "file" && (
              <NumberInput
                label={t("field.maxCount")}
                description={t("field.maxCountHint", { max: MAX_FILE_COUNT })}
                value={draft.maxCount ?? ""}
                onChange={(next) => update({ maxCount: typeof next === "number" ? next : undefined })}
                min={1}
                max={MAX_FILE_COUNT}
                allowDecimal={false}
                error={problemAt(problems, "maxCount")}
              />
            )}

            {isChoiceType(draft.type) && (
              <OptionsEditor
                options={draft.options}
                onChange={(options) => update({ options })}
                suggestValues={isNew}
                problems={problems}
              />
            )}

            {TYPES_WITH_DEFAULT.includes(draft.type) && (
              <DefaultValueInput
                draft={draft}
                onChange={(defaultValue) => update({ defaultValue })}
                language={language}
                error={problemAt(problems, "defaultValue")}
                timeZone={timeZone}
              />
            )}

            <Divider />
            <Title order={3} size="h5">
              {t("condition.title")}
            </Title>
            <ConditionBuilder
              value={draft.visibleWhen}
              onChange={(visibleWhen) => update({ visibleWhen })}
              earlierFields={earlierFields}
              language={language}
              error={problemAt(problems, "visibleWhen")}
            />
          </>
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common:actions.cancel")}
          </Button>
          <Button type="submit">{isNew ? t("editor.addSubmit") : t("editor.apply")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
