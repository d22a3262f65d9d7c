import {
  Alert,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  List,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../shared/i18n";
import { type ActivityType, useUpdateActivityType } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type FormDefinition, type FormKind, localized } from "../forms/form-model";
import classes from "./catalog.module.css";
import { FieldEditorModal, type FieldEditorState } from "./FieldEditorModal";
import { FieldRow, type RowAction } from "./FieldRow";
import { FormPreview } from "./FormPreview";
import {
  type FieldDraft,
  isLockedSystemField,
  newFieldDraft,
  renameConditionField,
  toFieldDraft,
  toFormField,
} from "./field-draft";
import { type FormProblems, groupFormProblems, NO_PROBLEMS } from "./problems";

interface FormEditorProps {
  activityType: ActivityType;
  kind: FormKind;
  canEdit: boolean;
}

/** Target of the focus once the edit panel has closed: a button of a row, or "Add field". */
type FocusTarget = { uid: string; action: RowAction } | "addField";

function formKeyOf(kind: FormKind): "activityForm" | "closingForm" {
  return kind === "activity" ? "activityForm" : "closingForm";
}

/** Serializes fields as they would be sent, to tell whether the draft differs from the saved form. */
function fingerprint(drafts: readonly FieldDraft[]): string {
  return JSON.stringify(drafts.map(toFormField));
}

/**
 * Edits the activity or closing form of an activity type: the list of fields with their
 * actions, the edit panel and a live preview. "Save" sends the whole form, and each problem the
 * server reports is shown on the field it names.
 */
export function FormEditor({ activityType, kind, canEdit }: FormEditorProps) {
  const { t } = useTranslation("catalog");
  const businessUnit = useCurrentBusinessUnit();
  const formKey = formKeyOf(kind);
  const update = useUpdateActivityType(businessUnit.id, activityType.id);
  const language = currentLanguage();

  const [drafts, setDrafts] = useState<FieldDraft[]>(() => activityType[formKey].fields.map(toFieldDraft));
  const [savedFingerprint, setSavedFingerprint] = useState(() => fingerprint(drafts));
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);
  const [editor, setEditor] = useState<FieldEditorState | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const rowButtons = useRef(new Map<string, Partial<Record<RowAction, HTMLButtonElement | null>>>());
  const addFieldButton = useRef<HTMLButtonElement>(null);
  const problemsAlert = useRef<HTMLDivElement>(null);
  const focusAfterClose = useRef<FocusTarget>("addField");
  const focusAfterRender = useRef<FocusTarget | null>(null);

  const dirty = fingerprint(drafts) !== savedFingerprint;
  const isClosingForm = kind === "closing";
  const lockedCount = drafts.filter((draft, index) =>
    isLockedSystemField(draft, index, isClosingForm),
  ).length;

  const focusTarget = (target: FocusTarget) => {
    if (target === "addField") {
      addFieldButton.current?.focus();
      return;
    }
    const buttons = rowButtons.current.get(target.uid);
    const preferred = buttons?.[target.action];
    // A move button is disabled at the top or bottom, so the other one takes the focus.
    const fallback = target.action === "moveUp" ? buttons?.moveDown : buttons?.moveUp;
    const element = preferred && !preferred.disabled ? preferred : (fallback ?? buttons?.edit);
    (element ?? addFieldButton.current)?.focus();
  };

  // The browser requests a confirmation before a reload or a close would lose unsaved changes.
  useEffect(() => {
    if (!dirty) {
      return;
    }
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  // Moving or deleting a row re-renders the list, so the focus is placed once the DOM is updated.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change of the list.
  useEffect(() => {
    if (focusAfterRender.current !== null) {
      focusTarget(focusAfterRender.current);
      focusAfterRender.current = null;
    }
  }, [drafts]);

  const labelOf = (draft: FieldDraft) =>
    localized(draft.label, language) || draft.code || t("field.untitled");

  const moveField = (index: number, offset: number) => {
    const target = index + offset;
    const draft = drafts[index];
    if (!draft || target < lockedCount || target >= drafts.length) {
      return;
    }
    const next = [...drafts];
    next.splice(index, 1);
    next.splice(target, 0, draft);
    focusAfterRender.current = { uid: draft.uid, action: offset < 0 ? "moveUp" : "moveDown" };
    setDrafts(next);
    setAnnouncement(t("list.moved", { label: labelOf(draft), position: target + 1, total: next.length }));
  };

  const deleteField = (index: number) => {
    const draft = drafts[index];
    if (!draft) {
      return;
    }
    const next = drafts.filter((_, position) => position !== index);
    const neighbour = next[index] ?? next[index - 1];
    focusAfterRender.current = neighbour ? { uid: neighbour.uid, action: "edit" } : "addField";
    setDrafts(next);
    setAnnouncement(t("list.deleted", { label: labelOf(draft) }));
  };

  const handleRowAction = (index: number, action: RowAction) => {
    const draft = drafts[index];
    if (!draft) {
      return;
    }
    switch (action) {
      case "edit":
        focusAfterClose.current = { uid: draft.uid, action: "edit" };
        setEditor({ draft, index, isNew: false, locked: isLockedSystemField(draft, index, isClosingForm) });
        break;
      case "moveUp":
        moveField(index, -1);
        break;
      case "moveDown":
        moveField(index, 1);
        break;
      case "delete":
        deleteField(index);
        break;
    }
  };

  const openNewField = () => {
    focusAfterClose.current = "addField";
    setEditor({ draft: newFieldDraft("short_text"), index: drafts.length, isNew: true, locked: false });
  };

  const applyField = (applied: FieldDraft) => {
    if (!editor) {
      return;
    }
    let next: FieldDraft[];
    if (editor.isNew) {
      next = [...drafts, applied];
    } else {
      const previousCode = editor.draft.code.trim();
      const newCode = applied.code.trim();
      next = drafts.map((draft, index) => {
        if (index === editor.index) {
          return applied;
        }
        // Conditions that test the renamed field follow it to its new code.
        if (previousCode !== "" && previousCode !== newCode && draft.visibleWhen !== undefined) {
          return { ...draft, visibleWhen: renameConditionField(draft.visibleWhen, previousCode, newCode) };
        }
        return draft;
      });
    }
    setDrafts(next);
    // The field's earlier problems may be fixed now; the next save reports what remains.
    const { [applied.uid]: _fixed, ...remaining } = problems.byField;
    setProblems({ ...problems, byField: remaining });
    focusAfterClose.current = { uid: applied.uid, action: "edit" };
    setAnnouncement(editor.isNew ? t("list.added", { label: labelOf(applied) }) : "");
    setEditor(null);
  };

  const save = () => {
    const sent = drafts;
    const form: FormDefinition = { fields: sent.map(toFormField) };
    setProblems(NO_PROBLEMS);
    update.mutate(
      { [formKey]: form },
      {
        onSuccess: (saved) => {
          const savedDrafts = saved[formKey].fields.map(toFieldDraft);
          setDrafts(savedDrafts);
          setSavedFingerprint(fingerprint(savedDrafts));
          notifications.show({ color: "green", message: t(`editor.saved.${kind}`) });
        },
        onError: (error) => {
          setProblems(groupFormProblems(error, formKey, sent));
          requestAnimationFrame(() => problemsAlert.current?.focus());
        },
      },
    );
  };

  const discard = () => {
    const savedDrafts = activityType[formKey].fields.map(toFieldDraft);
    setDrafts(savedDrafts);
    setSavedFingerprint(fingerprint(savedDrafts));
    setProblems(NO_PROBLEMS);
    setAnnouncement(t("editor.discarded"));
  };

  const fieldProblemCount = Object.values(problems.byField).reduce((sum, list) => sum + list.length, 0);
  const hasProblems = fieldProblemCount > 0 || problems.general.length > 0;
  const earlierFields = editor
    ? drafts
        .slice(0, editor.index)
        .filter((draft) => draft.type !== "displayed_text" && draft.code.trim() !== "")
    : [];

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="md">
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h3">
              {t(`editor.fieldsTitle.${kind}`)}
            </Title>
            {dirty && (
              <Badge color="orange" variant="light">
                {t("editor.unsaved")}
              </Badge>
            )}
          </Group>

          {hasProblems && (
            <Alert
              ref={problemsAlert}
              tabIndex={-1}
              color="red"
              role="alert"
              title={t("editor.notSavedTitle")}
            >
              <Stack gap={4}>
                {fieldProblemCount > 0 && <Text size="sm">{t("editor.notSavedFields")}</Text>}
                {problems.general.length > 0 && (
                  <List size="sm">
                    {problems.general.map((message) => (
                      <List.Item key={message}>{message}</List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            </Alert>
          )}

          {drafts.length === 0 ? (
            <Text c="dimmed">{t("editor.empty")}</Text>
          ) : (
            <Stack
              component="ol"
              gap="sm"
              className="plain-list"
              aria-label={t(`editor.fieldsTitle.${kind}`)}
            >
              {drafts.map((draft, index) => {
                const locked = isLockedSystemField(draft, index, isClosingForm);
                return (
                  <FieldRow
                    key={draft.uid}
                    draft={draft}
                    fields={drafts}
                    locked={locked}
                    canEdit={canEdit}
                    canMoveUp={index > lockedCount}
                    canMoveDown={index < drafts.length - 1}
                    problems={problems.byField[draft.uid] ?? []}
                    onRequiredChange={(required) =>
                      setDrafts(
                        drafts.map((candidate) =>
                          candidate.uid === draft.uid ? { ...candidate, required } : candidate,
                        ),
                      )
                    }
                    onAction={(action) => handleRowAction(index, action)}
                    buttonRef={(action, element) => {
                      const buttons = rowButtons.current.get(draft.uid) ?? {};
                      buttons[action] = element;
                      rowButtons.current.set(draft.uid, buttons);
                    }}
                  />
                );
              })}
            </Stack>
          )}

          {canEdit && (
            <Group gap="sm">
              <Button ref={addFieldButton} variant="light" onClick={openNewField}>
                {t("editor.addField")}
              </Button>
              <Button onClick={save} loading={update.isPending}>
                {t(`editor.save.${kind}`)}
              </Button>
              {dirty && (
                <Button variant="subtle" color="gray" onClick={discard}>
                  {t("editor.discard")}
                </Button>
              )}
            </Group>
          )}
          <VisuallyHidden role="status">{announcement}</VisuallyHidden>
        </Stack>
      </Grid.Col>

      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Box className={classes.previewColumn}>
          <FormPreview
            form={{ fields: drafts.map(toFormField) }}
            kind={kind}
            activityTypeId={activityType.id}
            dirty={dirty}
          />
        </Box>
      </Grid.Col>

      <FieldEditorModal
        state={editor}
        earlierFields={earlierFields}
        problems={editor ? (problems.byField[editor.draft.uid] ?? []) : []}
        timeZone={businessUnit.timeZone}
        portalOption={kind === "activity"}
        onApply={applyField}
        onClose={() => setEditor(null)}
        onClosed={() => focusTarget(focusAfterClose.current)}
      />
    </Grid>
  );
}
