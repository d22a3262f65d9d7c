import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { DateTime } from "luxon";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage, translateApiError } from "../../../shared/i18n";
import { type Activity, useActivity, useCloseActivity } from "../../lib/activities";
import { type ActivityType, useActivityType } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { answerErrorsByPath } from "../forms/answer-errors";
import { FormRenderer } from "../forms/FormRenderer";
import { staffFileStorage } from "../forms/file-storage";
import { defaultAnswers } from "../forms/form-model";
import { QueryState } from "../QueryState";

interface ReportDialogProps {
  /** Id and reference of the activity to close, or null while the dialog is closed. */
  activity: { id: string; reference: string } | null;
  onClose: () => void;
}

/**
 * Lets the field worker (or a planner) fill in the closing form and close the activity. The
 * actual start and end start from the recorded start (or the scheduled one) and the current time.
 */
export function ReportDialog({ activity, onClose }: ReportDialogProps) {
  const { t } = useTranslation("activities");
  const narrow = useMediaQuery("(max-width: 36em)");
  return (
    <Modal
      opened={activity !== null}
      onClose={onClose}
      title={activity ? t("report.title", { reference: activity.reference }) : ""}
      size="lg"
      fullScreen={narrow}
    >
      {activity && <ReportLoader key={activity.id} activityId={activity.id} onClose={onClose} />}
    </Modal>
  );
}

function ReportLoader({ activityId, onClose }: { activityId: string; onClose: () => void }) {
  const businessUnit = useCurrentBusinessUnit();
  const activity = useActivity(businessUnit.id, activityId);
  const type = useActivityType(businessUnit.id, activity.data?.activityTypeId ?? "");
  if (!activity.data) {
    return <QueryState error={activity.error} onRetry={() => void activity.refetch()} />;
  }
  if (!type.data) {
    return <QueryState error={type.error} onRetry={() => void type.refetch()} />;
  }
  return <ReportForm activity={activity.data} type={type.data} onClose={onClose} />;
}

/**
 * Returns the closing form's first answers: its defaults, and the actual times of the visit. The
 * start is when the visit was started, else its scheduled start. The end is now, unless now is
 * not after the start (a visit started this very minute), in which case it is start + duration.
 */
function initialAnswers(activity: Activity, type: ActivityType): Record<string, unknown> {
  const answers: Record<string, unknown> = { ...defaultAnswers(type.closingForm) };
  const start = activity.startedAt ?? activity.startAt;
  if (!start) {
    return answers;
  }
  const startTime = DateTime.fromISO(start).startOf("minute");
  const now = DateTime.now().startOf("minute");
  const end = now > startTime ? now : startTime.plus({ minutes: activity.durationMinutes });
  answers.actual_start = startTime.toUTC().toISO({ suppressMilliseconds: true });
  answers.actual_end = end.toUTC().toISO({ suppressMilliseconds: true });
  return answers;
}

function ReportForm({
  activity,
  type,
  onClose,
}: {
  activity: Activity;
  type: ActivityType;
  onClose: () => void;
}) {
  const { t } = useTranslation(["activities", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const close = useCloseActivity(businessUnit.id);
  const [answers, setAnswers] = useState(() => initialAnswers(activity, type));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setFormError(null);
        close.mutate(
          { id: activity.id, answers },
          {
            onSuccess: () => {
              notifications.show({
                color: "green",
                message: t("report.done", { reference: activity.reference }),
              });
              onClose();
            },
            onError: (error) => {
              setErrors(answerErrorsByPath(error, type.closingForm));
              setFormError(translateApiError(error));
            },
          },
        );
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          {t("report.intro", {
            type: activity.activityTypeName,
            customer: activity.customer?.displayName ?? t("noCustomer"),
          })}
        </Text>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <FormRenderer
          form={type.closingForm}
          answers={answers}
          onChange={setAnswers}
          language={currentLanguage()}
          errors={errors}
          files={staffFileStorage(businessUnit.id)}
          timeZone={businessUnit.timeZone}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:actions.cancel")}
          </Button>
          <Button type="submit" loading={close.isPending}>
            {t("report.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
