import { Alert, Button, List, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../shared/i18n";
import { FieldEditorModal, type FieldEditorState } from "../catalog/FieldEditorModal";
import { FieldRow, type RowAction } from "../catalog/FieldRow";
import { type FieldDraft, newFieldDraft, renameConditionField } from "../catalog/field-draft";
import type { FieldProblem } from "../catalog/problems";
import { localized } from "../forms/form-model";
import { useActionProblems } from "./problem-context";

interface ActionFormEditorProps {
  fields: FieldDraft[];
  onChange: (fields: FieldDraft[]) => void;
  timeZone: string;
  /** Unique to the action, for the list's accessible name. */
  actionName: string;
}

/** Target of the focus once the field panel has closed: a button of a row, or "Add field". */
type FocusTarget = { uid: string; action: RowAction } | "addField";

/**
 * Edits the optional form of a portal action with the catalog's field rows and field panel: the
 * customer fills it in when running the action. Unlike an activity type's forms, it is saved
 * with the list of actions, so problems arrive under `form.fields.<index>`.
 */
export function ActionFormEditor({ fields, onChange, timeZone, actionName }: ActionFormEditorProps) {
  const { t } = useTranslation(["portalActions", "catalog"]);
  const language = currentLanguage();
  const problems = useActionProblems();
  const [editor, setEditor] = useState<FieldEditorState | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const rowButtons = useRef(new Map<string, Partial<Record<RowAction, HTMLButtonElement | null>>>());
  const addFieldButton = useRef<HTMLButtonElement>(null);
  const focusAfterClose = useRef<FocusTarget>("addField");
  const focusAfterRender = useRef<FocusTarget | null>(null);

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

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change of the list.
  useEffect(() => {
    if (focusAfterRender.current !== null) {
      focusTarget(focusAfterRender.current);
      focusAfterRender.current = null;
    }
  }, [fields]);

  /** Problems of each field by its uid, with paths inside the field. */
  const byField: Record<string, FieldProblem[]> = {};
  const formProblems: string[] = [];
  for (const problem of problems.problems) {
    if (problem.path !== "form" && !problem.path.startsWith("form.")) {
      continue;
    }
    const match = /^form\.fields\.(\d+)(?:\.(.*))?$/.exec(problem.path);
    const draft = match ? fields[Number(match[1])] : undefined;
    if (!match || !draft) {
      formProblems.push(problem.message);
      continue;
    }
    const list = byField[draft.uid] ?? [];
    list.push({ path: match[2] ?? "", message: problem.message });
    byField[draft.uid] = list;
  }

  const labelOf = (draft: FieldDraft) =>
    localized(draft.label, language) || draft.code || t("catalog:field.untitled");

  const move = (index: number, offset: number) => {
    const target = index + offset;
    const draft = fields[index];
    if (!draft || target < 0 || target >= fields.length) {
      return;
    }
    const next = [...fields];
    next.splice(index, 1);
    next.splice(target, 0, draft);
    focusAfterRender.current = { uid: draft.uid, action: offset < 0 ? "moveUp" : "moveDown" };
    // Problem paths name fields by position, so they no longer fit once a field moves.
    problems.clear("form");
    onChange(next);
    setAnnouncement(
      t("catalog:list.moved", { label: labelOf(draft), position: target + 1, total: next.length }),
    );
  };

  const remove = (index: number) => {
    const draft = fields[index];
    if (!draft) {
      return;
    }
    const next = fields.filter((_, position) => position !== index);
    const neighbour = next[index] ?? next[index - 1];
    focusAfterRender.current = neighbour ? { uid: neighbour.uid, action: "edit" } : "addField";
    problems.clear("form");
    onChange(next);
    setAnnouncement(t("editor.fieldDeleted", { label: labelOf(draft) }));
  };

  const handleRowAction = (index: number, action: RowAction) => {
    const draft = fields[index];
    if (!draft) {
      return;
    }
    if (action === "edit") {
      focusAfterClose.current = { uid: draft.uid, action: "edit" };
      setEditor({ draft, index, isNew: false, locked: false });
    } else if (action === "moveUp" || action === "moveDown") {
      move(index, action === "moveUp" ? -1 : 1);
    } else {
      remove(index);
    }
  };

  const apply = (applied: FieldDraft) => {
    if (!editor) {
      return;
    }
    let next: FieldDraft[];
    if (editor.isNew) {
      next = [...fields, applied];
    } else {
      const previousCode = editor.draft.code.trim();
      const newCode = applied.code.trim();
      next = fields.map((draft, index) => {
        if (index === editor.index) {
          return applied;
        }
        // Display conditions that test the renamed field follow it to its new code.
        if (previousCode !== "" && previousCode !== newCode && draft.visibleWhen !== undefined) {
          return { ...draft, visibleWhen: renameConditionField(draft.visibleWhen, previousCode, newCode) };
        }
        return draft;
      });
      problems.clear(`form.fields.${editor.index}`);
    }
    onChange(next);
    focusAfterClose.current = { uid: applied.uid, action: "edit" };
    setAnnouncement(editor.isNew ? t("editor.fieldAdded", { label: labelOf(applied) }) : "");
    setEditor(null);
  };

  const earlierFields = editor
    ? fields
        .slice(0, editor.index)
        .filter((draft) => draft.type !== "displayed_text" && draft.code.trim() !== "")
    : [];

  return (
    <Stack gap="sm">
      {formProblems.length > 0 && (
        // The list-level alert announces the failed save, so this one is not announced again.
        <Alert color="red" variant="light" role="note" title={t("editor.formProblems")}>
          <List size="sm">
            {formProblems.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {fields.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("editor.formEmpty")}
        </Text>
      ) : (
        <Stack
          component="ol"
          gap="sm"
          className="plain-list"
          aria-label={`${t("editor.formFields")} – ${actionName}`}
        >
          {fields.map((draft, index) => (
            <FieldRow
              key={draft.uid}
              draft={draft}
              fields={fields}
              locked={false}
              canEdit
              canMoveUp={index > 0}
              canMoveDown={index < fields.length - 1}
              problems={byField[draft.uid] ?? []}
              onRequiredChange={(required) =>
                onChange(
                  fields.map((candidate) =>
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
          ))}
        </Stack>
      )}
      <div>
        <Button
          ref={addFieldButton}
          variant="light"
          size="xs"
          onClick={() => {
            focusAfterClose.current = "addField";
            setEditor({
              draft: newFieldDraft("short_text"),
              index: fields.length,
              isNew: true,
              locked: false,
            });
          }}
        >
          {t("editor.addField")}
        </Button>
      </div>
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>

      <FieldEditorModal
        state={editor}
        earlierFields={earlierFields}
        problems={editor ? (byField[editor.draft.uid] ?? []) : []}
        timeZone={timeZone}
        portalOption={false}
        onApply={apply}
        onClose={() => setEditor(null)}
        onClosed={() => focusTarget(focusAfterClose.current)}
      />
    </Stack>
  );
}
