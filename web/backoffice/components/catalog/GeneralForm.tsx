import { Alert, Button, Divider, Group, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../../shared/i18n";
import { type ActivityType, type ActivityTypeInput, useUpdateActivityType } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { FollowUpSetting } from "./FollowUpSetting";
import { applyCatalogErrorToForm } from "./problems";
import { TYPE_FIELDS, TypeFields, type TypeValues, typeValidation, typeValuesOf } from "./TypeFields";

interface GeneralFormProps {
  activityType: ActivityType;
  canEdit: boolean;
}

/** Edits the name, colour, operating mode and duration of a type, and archives or restores it. */
export function GeneralForm({ activityType, canEdit }: GeneralFormProps) {
  const { t } = useTranslation(["catalog", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const update = useUpdateActivityType(businessUnit.id, activityType.id);
  const archive = useUpdateActivityType(businessUnit.id, activityType.id);
  const [formError, setFormError] = useState<string | null>(null);
  const [archiveError, setArchiveError] = useState<string | null>(null);

  const form = useForm<TypeValues>({
    initialValues: typeValuesOf(activityType),
    validate: typeValidation(t),
  });

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    const saved = typeValuesOf(activityType);
    const patch: ActivityTypeInput = {};
    if (values.name.trim() !== saved.name) patch.name = values.name.trim();
    if (values.colour.toLowerCase() !== saved.colour.toLowerCase()) patch.colour = values.colour;
    if (values.operatingMode !== saved.operatingMode) patch.operatingMode = values.operatingMode;
    if (
      values.defaultDurationMinutes !== saved.defaultDurationMinutes &&
      typeof values.defaultDurationMinutes === "number"
    ) {
      patch.defaultDurationMinutes = values.defaultDurationMinutes;
    }
    if (Object.keys(patch).length === 0) {
      notifications.show({ color: "gray", message: t("general.noChanges") });
      return;
    }
    update.mutate(patch, {
      onSuccess: (updated) => {
        const next = typeValuesOf(updated);
        form.setInitialValues(next);
        form.setValues(next);
        notifications.show({ color: "green", message: t("general.saved") });
      },
      onError: (error) => setFormError(applyCatalogErrorToForm(form, error, TYPE_FIELDS)),
    });
  });

  const toggleArchived = () => {
    setArchiveError(null);
    const archived = !activityType.archived;
    archive.mutate(
      { archived },
      {
        onSuccess: () =>
          notifications.show({
            color: "green",
            message: archived ? t("general.archivedDone") : t("general.restoredDone"),
          }),
        onError: (error) => setArchiveError(translateApiError(error)),
      },
    );
  };

  return (
    <Stack gap="xl" maw={560}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {formError !== null && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <TypeFields form={form} readOnly={!canEdit} />
          {canEdit && (
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t("common:actions.save")}
              </Button>
            </Group>
          )}
        </Stack>
      </form>

      <Divider />
      <FollowUpSetting activityType={activityType} buId={businessUnit.id} canEdit={canEdit} />

      <Divider />
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("general.archiveTitle")}
        </Title>
        <Text size="sm">{activityType.archived ? t("general.isArchived") : t("general.archiveHint")}</Text>
        {archiveError !== null && (
          <Alert color="red" variant="light" role="alert">
            {archiveError}
          </Alert>
        )}
        {canEdit && (
          <Group>
            <Button
              variant={activityType.archived ? "light" : "outline"}
              color={activityType.archived ? undefined : "red"}
              onClick={toggleArchived}
              loading={archive.isPending}
            >
              {activityType.archived ? t("general.restore") : t("general.archive")}
            </Button>
          </Group>
        )}
      </Stack>
    </Stack>
  );
}
