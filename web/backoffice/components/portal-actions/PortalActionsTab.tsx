import { Alert, Anchor, Badge, Button, Group, List, Stack, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { currentLanguage } from "../../../shared/i18n";
import { type ActivityType, useActivityTypes } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type PortalActionsResponse, usePortalActions, useSavePortalActions } from "../../lib/portal-actions";
import { localized } from "../forms/form-model";
import { QueryState } from "../QueryState";
import { ActionCard, type CardButton } from "./ActionCard";
import { ActionEditor } from "./ActionEditor";
import { type ActionDraft, MAX_ACTIONS, newActionDraft, toActionDraft, toActionInput } from "./action-model";
import { type ActionProblems, groupActionProblems, NO_ACTION_PROBLEMS } from "./action-problems";
import { isAnswerConditionField } from "./condition-summary";
import { ActionProblemContext } from "./problem-context";
import { RemoveActionModal } from "./RemoveActionModal";

/** Target of the focus after a change of the list: a button of a card, or "Add action". */
type FocusTarget = { uid: string; button: CardButton } | "add";

/** Serializes actions as they would be sent, to tell whether the list differs from the saved one. */
function fingerprint(drafts: readonly ActionDraft[]): string {
  return JSON.stringify(drafts.map(toActionInput));
}

/**
 * Edits an activity type's portal actions: an ordered list that admins extend, reorder and remove
 * from, each action edited in a panel inside its card. "Save" sends the whole list, and each
 * problem the server reports is shown on the input of the action it names.
 */
export function PortalActionsTab({
  activityType,
  canEdit,
}: {
  activityType: ActivityType;
  canEdit: boolean;
}) {
  const businessUnit = useCurrentBusinessUnit();
  const query = usePortalActions(businessUnit.id, activityType.id);
  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <ActionList activityType={activityType} saved={query.data} canEdit={canEdit} />;
}

interface ActionListProps {
  activityType: ActivityType;
  saved: PortalActionsResponse;
  canEdit: boolean;
}

function ActionList({ activityType, saved, canEdit }: ActionListProps) {
  const { t } = useTranslation(["portalActions", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const language = currentLanguage();
  const save = useSavePortalActions(businessUnit.id, activityType.id);
  // The forms of the other types tell which answers a linked activity can copy.
  const catalog = useActivityTypes(businessUnit.id);

  const [drafts, setDrafts] = useState<ActionDraft[]>(() => saved.actions.map(toActionDraft));
  const [savedFingerprint, setSavedFingerprint] = useState(() => fingerprint(drafts));
  const [targetTypes, setTargetTypes] = useState(saved.types);
  const [problems, setProblems] = useState<ActionProblems>(NO_ACTION_PROBLEMS);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<ActionDraft | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const cardButtons = useRef(new Map<string, Partial<Record<CardButton, HTMLButtonElement | null>>>());
  const addButton = useRef<HTMLButtonElement>(null);
  const problemsAlert = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef<FocusTarget | null>(null);
  const focusAfterDialog = useRef<FocusTarget>("add");

  const dirty = fingerprint(drafts) !== savedFingerprint;
  const answerFields = useMemo(
    () => activityType.activityForm.fields.filter(isAnswerConditionField),
    [activityType.activityForm.fields],
  );

  const labelOf = (draft: ActionDraft) =>
    localized(draft.label, language) || t("list.numbered", { number: drafts.indexOf(draft) + 1 });

  const focusTarget = (target: FocusTarget) => {
    if (target === "add") {
      addButton.current?.focus();
      return;
    }
    const buttons = cardButtons.current.get(target.uid);
    const preferred = buttons?.[target.button];
    // A move button is disabled at the top or bottom, so the other one takes the focus.
    const fallback = target.button === "moveUp" ? buttons?.moveDown : buttons?.moveUp;
    const element = preferred && !preferred.disabled ? preferred : (fallback ?? buttons?.edit);
    (element ?? addButton.current)?.focus();
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

  // Moving, adding or removing a card re-renders the list, so the focus is placed once the DOM is updated.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change of the list.
  useEffect(() => {
    if (focusAfterRender.current !== null) {
      focusTarget(focusAfterRender.current);
      focusAfterRender.current = null;
    }
  }, [drafts, expanded]);

  const setExpandedFor = (uid: string, open: boolean) => {
    const next = new Set(expanded);
    if (open) {
      next.add(uid);
    } else {
      next.delete(uid);
    }
    setExpanded(next);
  };

  const replaceDraft = (next: ActionDraft) =>
    setDrafts((current) => current.map((draft) => (draft.uid === next.uid ? next : draft)));

  const clearProblems = (uid: string, path: string) =>
    setProblems((current) => {
      const list = current.byAction[uid];
      if (!list) {
        return current;
      }
      const remaining = list.filter(
        (problem) => !(problem.path === path || problem.path.startsWith(`${path}.`)),
      );
      return remaining.length === list.length
        ? current
        : { ...current, byAction: { ...current.byAction, [uid]: remaining } };
    });

  const addAction = () => {
    const draft = newActionDraft();
    setDrafts([...drafts, draft]);
    setExpandedFor(draft.uid, true);
    setAnnouncement(t("list.added", { position: drafts.length + 1 }));
    // The new card's first input takes the focus once its panel is rendered.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`#portal-action-panel-${draft.uid} [data-autofocus]`)?.focus(),
    );
  };

  const moveAction = (index: number, offset: -1 | 1) => {
    const target = index + offset;
    const draft = drafts[index];
    if (!draft || target < 0 || target >= drafts.length) {
      return;
    }
    const next = [...drafts];
    next.splice(index, 1);
    next.splice(target, 0, draft);
    focusAfterRender.current = { uid: draft.uid, button: offset < 0 ? "moveUp" : "moveDown" };
    setDrafts(next);
    setAnnouncement(t("list.moved", { label: labelOf(draft), position: target + 1, total: next.length }));
  };

  const confirmRemoval = () => {
    const draft = removing;
    if (!draft) {
      return;
    }
    const index = drafts.indexOf(draft);
    const next = drafts.filter((candidate) => candidate.uid !== draft.uid);
    const neighbour = next[index] ?? next[index - 1];
    focusAfterDialog.current = neighbour ? { uid: neighbour.uid, button: "edit" } : "add";
    setDrafts(next);
    const { [draft.uid]: _removed, ...remaining } = problems.byAction;
    setProblems({ ...problems, byAction: remaining });
    setAnnouncement(t("list.removed", { label: labelOf(draft) }));
    setRemoving(null);
  };

  const submit = () => {
    const sent = drafts;
    setProblems(NO_ACTION_PROBLEMS);
    save.mutate(sent.map(toActionInput), {
      onSuccess: (response) => {
        const savedDrafts = response.actions.map(toActionDraft);
        setDrafts(savedDrafts);
        setSavedFingerprint(fingerprint(savedDrafts));
        setTargetTypes(response.types);
        setExpanded(new Set());
        notifications.show({ color: "green", message: t("tab.saved") });
      },
      onError: (error) => {
        const grouped = groupActionProblems(error, sent);
        setProblems(grouped);
        // Each action with a problem opens, so its inputs show where the problems are.
        setExpanded(new Set([...expanded, ...Object.keys(grouped.byAction)]));
        requestAnimationFrame(() => problemsAlert.current?.focus());
      },
    });
  };

  const discard = () => {
    const savedDrafts = saved.actions.map(toActionDraft);
    setDrafts(savedDrafts);
    setSavedFingerprint(fingerprint(savedDrafts));
    setProblems(NO_ACTION_PROBLEMS);
    setExpanded(new Set());
    setAnnouncement(t("tab.discarded"));
  };

  const actionsWithProblems = drafts
    .map((draft, index) => ({ draft, index, count: problems.byAction[draft.uid]?.length ?? 0 }))
    .filter((entry) => entry.count > 0);
  const hasProblems = actionsWithProblems.length > 0 || problems.general.length > 0;

  return (
    <Stack gap="md">
      <Text size="sm">{t("tab.intro")}</Text>
      <Alert color="blue" variant="light" role="note">
        <Stack gap={4}>
          <Text size="sm">{t("tab.cutOffs")}</Text>
          <Anchor component={Link} to="?tab=bookingPolicy" size="sm">
            {t("tab.cutOffsLink")}
          </Anchor>
        </Stack>
      </Alert>
      {!canEdit && <Text size="sm">{t("tab.readOnly")}</Text>}

      {dirty && (
        <Group>
          <Badge color="gray.8" variant="outline">
            {t("tab.unsaved")}
          </Badge>
        </Group>
      )}

      {hasProblems && (
        <Alert ref={problemsAlert} tabIndex={-1} color="red" role="alert" title={t("tab.notSavedTitle")}>
          <Stack gap={4}>
            {actionsWithProblems.length > 0 && <Text size="sm">{t("tab.notSavedActions")}</Text>}
            <List size="sm">
              {actionsWithProblems.map(({ draft, count }) => (
                <List.Item key={draft.uid}>
                  {t("tab.actionProblems", { action: labelOf(draft), count })}
                </List.Item>
              ))}
              {problems.general.map((message) => (
                <List.Item key={message}>{message}</List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      )}

      {drafts.length === 0 ? (
        <Text c="dimmed">{t("tab.empty")}</Text>
      ) : (
        <Stack component="ol" gap="md" className="plain-list" aria-label={t("tab.listLabel")}>
          {drafts.map((draft, index) => {
            const name = labelOf(draft);
            const actionProblems = problems.byAction[draft.uid] ?? [];
            return (
              <ActionCard
                key={draft.uid}
                draft={draft}
                number={index + 1}
                targetTypes={targetTypes}
                answerFields={answerFields}
                language={language}
                canEdit={canEdit}
                canMoveUp={index > 0}
                canMoveDown={index < drafts.length - 1}
                expanded={canEdit && expanded.has(draft.uid)}
                problemCount={actionProblems.length}
                onToggle={() => {
                  const open = !expanded.has(draft.uid);
                  setExpandedFor(draft.uid, open);
                }}
                onMove={(offset) => moveAction(index, offset)}
                onRemove={() => {
                  focusAfterDialog.current = { uid: draft.uid, button: "remove" };
                  setRemoving(draft);
                }}
                buttonRef={(button, element) => {
                  const buttons = cardButtons.current.get(draft.uid) ?? {};
                  buttons[button] = element;
                  cardButtons.current.set(draft.uid, buttons);
                }}
              >
                <ActionProblemContext
                  value={{ problems: actionProblems, clear: (path) => clearProblems(draft.uid, path) }}
                >
                  <ActionEditor
                    draft={draft}
                    onChange={replaceDraft}
                    activityType={activityType}
                    targetTypes={targetTypes}
                    catalogTypes={catalog.data}
                    answerFields={answerFields}
                    language={language}
                    timeZone={businessUnit.timeZone}
                    name={name}
                    onDone={() => {
                      focusAfterRender.current = { uid: draft.uid, button: "edit" };
                      setExpandedFor(draft.uid, false);
                    }}
                  />
                </ActionProblemContext>
              </ActionCard>
            );
          })}
        </Stack>
      )}

      {canEdit && (
        <Stack gap={4}>
          <Group gap="sm">
            <Button
              ref={addButton}
              variant="light"
              onClick={addAction}
              disabled={drafts.length >= MAX_ACTIONS}
              aria-describedby={drafts.length >= MAX_ACTIONS ? "portal-actions-max" : undefined}
            >
              {t("tab.add")}
            </Button>
            <Button onClick={submit} loading={save.isPending}>
              {t("tab.save")}
            </Button>
            {dirty && (
              <Button variant="subtle" color="gray" onClick={discard}>
                {t("tab.discard")}
              </Button>
            )}
          </Group>
          {drafts.length >= MAX_ACTIONS && (
            <Text id="portal-actions-max" size="sm" c="dimmed">
              {t("tab.maxReached", { max: MAX_ACTIONS })}
            </Text>
          )}
        </Stack>
      )}
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>

      <RemoveActionModal
        label={removing ? labelOf(removing) : null}
        onConfirm={confirmRemoval}
        onClose={() => setRemoving(null)}
        onClosed={() => focusTarget(focusAfterDialog.current)}
      />
    </Stack>
  );
}
