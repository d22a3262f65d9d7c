import { Alert, Button, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { translateApiError } from "../../../shared/i18n";
import { type Activity, useActivityAction } from "../../lib/activities";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useSignedInSession } from "../../lib/session";
import { useIsPlanner } from "../team/PlannerOnly";
import { CancelDialog } from "./CancelDialog";
import { ReportDialog } from "./ReportDialog";
import { ScheduleDialog } from "./ScheduleDialog";

type Dialog = "schedule" | "report" | "cancel" | null;

/**
 * Buttons for what the current user may do with the activity in its state. Planners schedule,
 * unschedule, cancel and reopen. Planners and the assigned worker start and close.
 */
export function ActivityActions({ activity }: { activity: Activity }) {
  const { t } = useTranslation(["activities", "assistant"]);
  const businessUnit = useCurrentBusinessUnit();
  const navigate = useNavigate();
  const session = useSignedInSession();
  const isPlanner = useIsPlanner();
  const isAssignee = activity.assignee?.id === session.user.id;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const unschedule = useActivityAction(businessUnit.id, "unschedule");
  const start = useActivityAction(businessUnit.id, "start");
  const reopen = useActivityAction(businessUnit.id, "reopen");

  const { state } = activity;
  const pending = state === "unscheduled" || state === "scheduled" || state === "to_close";
  const placed = state === "scheduled" || state === "to_close";
  const open = pending || state === "in_progress";
  const mayWork = isPlanner || isAssignee;

  const run = (mutation: typeof start, doneKey: "unscheduled" | "started" | "reopened") => {
    setError(null);
    mutation.mutate(activity.id, {
      onSuccess: () =>
        notifications.show({
          color: "green",
          message: t(`actions.done.${doneKey}`, { reference: activity.reference }),
        }),
      onError: (failure) => setError(translateApiError(failure)),
    });
  };

  return (
    <>
      <Group gap="sm">
        {isPlanner && pending && (
          <Button
            onClick={() =>
              navigate(
                `/bu/${encodeURIComponent(businessUnit.id)}/activities/${encodeURIComponent(activity.id)}/assistant`,
              )
            }
          >
            {t("assistant:open")}
          </Button>
        )}
        {isPlanner && pending && (
          <Button variant="light" onClick={() => setDialog("schedule")}>
            {placed ? t("actions.reschedule") : t("actions.schedule")}
          </Button>
        )}
        {mayWork && placed && (
          <Button variant="light" loading={start.isPending} onClick={() => run(start, "started")}>
            {t("actions.start")}
          </Button>
        )}
        {mayWork && (placed || state === "in_progress") && (
          <Button variant="light" onClick={() => setDialog("report")}>
            {t("actions.close")}
          </Button>
        )}
        {isPlanner && placed && (
          <Button
            variant="default"
            loading={unschedule.isPending}
            onClick={() => run(unschedule, "unscheduled")}
          >
            {t("actions.unschedule")}
          </Button>
        )}
        {isPlanner && open && (
          <Button variant="default" color="red" onClick={() => setDialog("cancel")}>
            {t("actions.cancel")}
          </Button>
        )}
        {isPlanner && !open && (
          <Button variant="light" loading={reopen.isPending} onClick={() => run(reopen, "reopened")}>
            {t("actions.reopen")}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <ScheduleDialog
        target={
          dialog === "schedule"
            ? {
                id: activity.id,
                reference: activity.reference,
                activityTypeName: activity.activityTypeName,
                customerName: activity.customer?.displayName ?? null,
                durationMinutes: activity.durationMinutes,
                assigneeId: activity.assignee?.id ?? null,
                startAt: activity.startAt,
              }
            : null
        }
        onClose={() => setDialog(null)}
      />
      <ReportDialog activity={dialog === "report" ? activity : null} onClose={() => setDialog(null)} />
      <CancelDialog activity={dialog === "cancel" ? activity : null} onClose={() => setDialog(null)} />
    </>
  );
}
