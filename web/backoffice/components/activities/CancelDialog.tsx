import { Alert, Button, Group, Modal, Select, Stack, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../../shared/i18n";
import { CANCEL_REASONS, type CancelReason, useCancelActivity } from "../../lib/activities";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";

/** Server limit on the details of a cancellation, in characters. */
const MAX_DETAILS_LENGTH = 2000;

interface CancelDialogProps {
  activity: { id: string; reference: string } | null;
  onClose: () => void;
}

/** Cancels an open activity with a reason and optional details. */
export function CancelDialog({ activity, onClose }: CancelDialogProps) {
  const { t } = useTranslation("activities");
  return (
    <Modal
      opened={activity !== null}
      onClose={onClose}
      title={activity ? t("cancel.title", { reference: activity.reference }) : ""}
    >
      {activity && <CancelForm key={activity.id} activity={activity} onClose={onClose} />}
    </Modal>
  );
}

function isCancelReason(value: string | null): value is CancelReason {
  return value !== null && (CANCEL_REASONS as readonly string[]).includes(value);
}

function CancelForm({
  activity,
  onClose,
}: {
  activity: { id: string; reference: string };
  onClose: () => void;
}) {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  const cancel = useCancelActivity(businessUnit.id);
  const [reason, setReason] = useState<CancelReason | null>(null);
  const [details, setDetails] = useState("");
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!reason) {
          return;
        }
        setError(null);
        cancel.mutate(
          { id: activity.id, reason, details: details.trim() === "" ? null : details.trim() },
          {
            onSuccess: () => {
              notifications.show({
                color: "green",
                message: t("cancel.done", { reference: activity.reference }),
              });
              onClose();
            },
            onError: (failure) => setError(translateApiError(failure)),
          },
        );
      }}
    >
      <Stack gap="md">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Select
          label={t("cancel.reason")}
          data={CANCEL_REASONS.map((value) => ({ value, label: t(`cancelReasons.${value}`) }))}
          value={reason}
          onChange={(value) => setReason(isCancelReason(value) ? value : null)}
          allowDeselect={false}
          required
          error={touched && !reason ? t("cancel.reasonRequired") : null}
          data-autofocus
        />
        <Textarea
          label={t("cancel.details")}
          description={t("cancel.detailsHint")}
          value={details}
          onChange={(event) => setDetails(event.currentTarget.value)}
          maxLength={MAX_DETAILS_LENGTH}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("cancel.keep")}
          </Button>
          <Button type="submit" color="red" loading={cancel.isPending}>
            {t("cancel.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
