import { Badge, Button, Code, Group, List, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../shared/i18n";
import { localized } from "../forms/form-model";
import { describeCondition } from "./condition-text";
import type { FieldDraft } from "./field-draft";
import { FieldTypeIcon, LockIcon } from "./icons";
import type { FieldProblem } from "./problems";

export type RowAction = "edit" | "moveUp" | "moveDown" | "delete";

interface FieldRowProps {
  draft: FieldDraft;
  /** All fields of the form, to name the fields that the display condition tests. */
  fields: readonly FieldDraft[];
  locked: boolean;
  canEdit: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  problems: readonly FieldProblem[];
  onRequiredChange: (required: boolean) => void;
  onAction: (action: RowAction) => void;
  /** Registers the row's buttons, so the editor can move the focus back to them. */
  buttonRef: (action: RowAction, element: HTMLButtonElement | null) => void;
}

/** Renders one field of the form editor's list: type, label, code, labels, condition and actions. */
export function FieldRow({
  draft,
  fields,
  locked,
  canEdit,
  canMoveUp,
  canMoveDown,
  problems,
  onRequiredChange,
  onAction,
  buttonRef,
}: FieldRowProps) {
  const { t } = useTranslation(["catalog", "forms"]);
  const language = currentLanguage();
  const label = localized(draft.label, language) || draft.code || t("field.untitled");
  const headingId = `field-heading-${draft.uid}`;
  const problemsId = `field-problems-${draft.uid}`;
  const hasProblems = problems.length > 0;

  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      aria-labelledby={headingId}
      style={hasProblems ? { borderColor: "var(--mantine-color-red-6)" } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="nowrap" c="dimmed">
            <FieldTypeIcon type={draft.type} />
            <Text size="sm">{t(`fieldTypes.${draft.type}`)}</Text>
          </Group>
          <Group gap="xs">
            {locked && (
              <Badge color="gray" variant="light" leftSection={<LockIcon size={12} />}>
                {t("field.systemField")}
              </Badge>
            )}
            {draft.showOnPortal && (
              <Badge color="teal" variant="light" tt="none">
                {t("field.shownOnPortal")}
              </Badge>
            )}
            {draft.type !== "displayed_text" && (
              <Switch
                label={t("field.required")}
                aria-label={t("field.requiredOf", { label })}
                checked={draft.required}
                onChange={(event) => onRequiredChange(event.currentTarget.checked)}
                disabled={!canEdit || locked}
                size="sm"
              />
            )}
          </Group>
        </Group>

        <Title order={3} size="h5" id={headingId}>
          {label}
        </Title>
        <Text size="sm">
          {t("list.property", { name: t("field.code") })} <Code>{draft.code || "—"}</Code>
        </Text>
        <Text size="sm">
          {t("list.property", { name: t("field.labelEn") })} {draft.label.en || "—"}
        </Text>
        <Text size="sm">
          {t("list.property", { name: t("field.labelFr") })} {draft.label.fr || "—"}
        </Text>
        {draft.visibleWhen !== undefined && (
          <Text size="sm" c="dimmed">
            {t("condition.shownWhen", {
              condition: describeCondition(draft.visibleWhen, fields, language, t),
            })}
          </Text>
        )}

        {hasProblems && (
          <List id={problemsId} size="sm" c="red" spacing={2}>
            {problems.map((problem) => (
              <List.Item key={`${problem.path}-${problem.message}`}>{problem.message}</List.Item>
            ))}
          </List>
        )}

        {canEdit && (
          <Group gap="xs" mt={4}>
            <Button
              size="xs"
              variant="light"
              onClick={() => onAction("edit")}
              ref={(element) => buttonRef("edit", element)}
              aria-label={t("list.editOf", { label })}
              aria-describedby={hasProblems ? problemsId : undefined}
            >
              {t("list.edit")}
            </Button>
            {!locked && (
              <>
                <Button
                  size="xs"
                  variant="default"
                  disabled={!canMoveUp}
                  onClick={() => onAction("moveUp")}
                  ref={(element) => buttonRef("moveUp", element)}
                  aria-label={t("list.moveUpOf", { label })}
                >
                  {t("moveUp")}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  disabled={!canMoveDown}
                  onClick={() => onAction("moveDown")}
                  ref={(element) => buttonRef("moveDown", element)}
                  aria-label={t("list.moveDownOf", { label })}
                >
                  {t("moveDown")}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => onAction("delete")}
                  ref={(element) => buttonRef("delete", element)}
                  aria-label={t("list.deleteOf", { label })}
                >
                  {t("list.delete")}
                </Button>
              </>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
