import { Badge, Box, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../../../shared/i18n";
import { localized } from "../forms/form-model";
import type { ActionDraft } from "./action-model";
import { type AnswerField, describeConditions } from "./condition-summary";

/** Buttons of a card that the list moves the focus back to. */
export type CardButton = "edit" | "moveUp" | "moveDown" | "remove";

interface ActionCardProps {
  draft: ActionDraft;
  /** 1-based position in the list. */
  number: number;
  targetTypes: readonly { id: string; name: string }[];
  answerFields: readonly AnswerField[];
  language: Language;
  canEdit: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  expanded: boolean;
  problemCount: number;
  onToggle: () => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
  buttonRef: (button: CardButton, element: HTMLButtonElement | null) => void;
  /** The editor panel, rendered below the summary while the card is expanded. */
  children: ReactNode;
}

/**
 * Renders one action of the list: its label, effect, target type, form, scheduling step and a
 * summary of its conditions, with the buttons that edit, move and remove it.
 */
export function ActionCard({
  draft,
  number,
  targetTypes,
  answerFields,
  language,
  canEdit,
  canMoveUp,
  canMoveDown,
  expanded,
  problemCount,
  onToggle,
  onMove,
  onRemove,
  buttonRef,
  children,
}: ActionCardProps) {
  const { t } = useTranslation("portalActions");
  const label = localized(draft.label, language) || t("list.numbered", { number });
  const headingId = `portal-action-heading-${draft.uid}`;
  const panelId = `portal-action-panel-${draft.uid}`;
  const problemsId = `portal-action-problems-${draft.uid}`;
  const targetName =
    draft.targetTypeId === null
      ? null
      : (targetTypes.find((type) => type.id === draft.targetTypeId)?.name ?? t("list.unknownType"));
  const property = (name: string, value: string) => (
    <Text size="sm">
      {t("list.property", { name })} {value}
    </Text>
  );

  return (
    <Paper
      component="li"
      withBorder
      p="md"
      radius="md"
      aria-labelledby={headingId}
      style={problemCount > 0 ? { borderColor: "var(--mantine-color-red-6)" } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h4" id={headingId}>
            {label}
          </Title>
          {draft.scheduling && (
            <Badge color="teal.9" variant="outline" tt="none">
              {t("list.scheduling")}
            </Badge>
          )}
        </Group>
        {property(t("list.effect"), t(`editor.effects.${draft.effect}`))}
        {targetName !== null && property(t("list.target"), targetName)}
        {draft.copyFields.length > 0 && property(t("list.copies"), draft.copyFields.join(", "))}
        {draft.formFields !== null &&
          property(t("list.form"), t("list.formFields", { count: draft.formFields.length }))}
        <Text size="sm" c="dimmed" data-testid="portal-action-conditions">
          {describeConditions(draft.conditions, answerFields, language)}
        </Text>
        {problemCount > 0 && (
          <Text id={problemsId} size="sm" c="red.8" fw={500}>
            {t("list.problemCount", { count: problemCount })}
          </Text>
        )}

        {canEdit && (
          <Group gap="xs" mt={4}>
            <Button
              size="xs"
              variant={expanded ? "filled" : "light"}
              onClick={onToggle}
              ref={(element) => buttonRef("edit", element)}
              aria-expanded={expanded}
              aria-controls={panelId}
              aria-label={expanded ? t("list.closeOf", { label }) : t("list.editOf", { label })}
              aria-describedby={problemCount > 0 ? problemsId : undefined}
            >
              {expanded ? t("list.close") : t("list.edit")}
            </Button>
            <Button
              size="xs"
              variant="default"
              disabled={!canMoveUp}
              onClick={() => onMove(-1)}
              ref={(element) => buttonRef("moveUp", element)}
              aria-label={t("list.moveUpOf", { label })}
            >
              {t("list.moveUp")}
            </Button>
            <Button
              size="xs"
              variant="default"
              disabled={!canMoveDown}
              onClick={() => onMove(1)}
              ref={(element) => buttonRef("moveDown", element)}
              aria-label={t("list.moveDownOf", { label })}
            >
              {t("list.moveDown")}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={onRemove}
              ref={(element) => buttonRef("remove", element)}
              aria-label={t("list.removeOf", { label })}
            >
              {t("list.remove")}
            </Button>
          </Group>
        )}

        {expanded && (
          <Box
            id={panelId}
            component="section"
            aria-label={t("editor.regionLabel", { label })}
            mt="sm"
            pt="md"
            style={{ borderTop: "1px solid var(--mantine-color-gray-4)" }}
          >
            {children}
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
