import { Alert, Button, Group, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { useUpdateWorker, type WorkerDetail } from "../../lib/team";
import { splitApiError } from "./api-errors";
import { WeeklyHoursEditor } from "./WeeklyHoursEditor";
import {
  fromDraft,
  type HoursErrors,
  inputIdForPath,
  isShownInEditor,
  toDraft,
  validateDraft,
  type WeeklyHoursDraft,
} from "./weekly-hours";

const ID_PREFIX = "weekly-hours";

/** Moves the focus to the input of the first error, as the other back-office forms do. */
export function focusFirstError(idPrefix: string, errors: HoursErrors): void {
  const [firstPath] = Object.keys(errors);
  if (firstPath !== undefined) {
    document.getElementById(inputIdForPath(idPrefix, firstPath))?.focus();
  }
}

/** Edits the regular weekly hours of a field worker and saves them with `PATCH /workers/:userId`. */
export function HoursForm({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation(["team", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const update = useUpdateWorker(businessUnit.id, worker.userId);
  const [draft, setDraft] = useState<WeeklyHoursDraft>(() => toDraft(worker.weeklyHours));
  const [errors, setErrors] = useState<HoursErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const found = validateDraft(draft, t);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(ID_PREFIX, found);
      return;
    }

    update.mutate(
      {
        weeklyHours: fromDraft(draft),
        // NOTE: the server picks the default colour of a worker without a saved profile from the
        // worker's position in the list, so it can change on the first save. Sending the colour
        // shown keeps it.
        ...(worker.configured ? {} : { colour: worker.colour }),
      },
      {
        onSuccess: (updated) => {
          setDraft(toDraft(updated.weeklyHours));
          notifications.show({ color: "green", message: t("hours.saved", { name: worker.name }) });
        },
        onError: (error) => {
          const { fieldErrors, formError } = splitApiError(error, "weeklyHours.", isShownInEditor);
          setErrors(fieldErrors);
          setFormError(formError);
          focusFirstError(ID_PREFIX, fieldErrors);
        },
      },
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md" maw={720}>
        {formError !== null && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <WeeklyHoursEditor value={draft} onChange={setDraft} errors={errors} idPrefix={ID_PREFIX} />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t("common:actions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
