import { Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../../shared/i18n";
import { type ActivityType, useActivityTypes, useUpdateActivityType } from "../../lib/catalog";

const NONE = "none";

/** Chooses the type of the linked activity created when an activity of this type is closed. */
export function FollowUpSetting({
  activityType,
  buId,
  canEdit,
}: {
  activityType: ActivityType;
  buId: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation("catalog");
  const types = useActivityTypes(buId);
  const update = useUpdateActivityType(buId, activityType.id);
  const [error, setError] = useState<string | null>(null);
  const options = [
    { value: NONE, label: t("followUp.none") },
    ...(types.data ?? [])
      .filter((type) => type.id !== activityType.id && !type.archived)
      .map((type) => ({ value: type.id, label: type.name })),
  ];

  const change = (value: string | null) => {
    setError(null);
    const followUpTypeId = !value || value === NONE ? null : value;
    update.mutate(
      { followUpTypeId },
      {
        onSuccess: () => notifications.show({ color: "green", message: t("followUp.saved") }),
        onError: (failure) => setError(translateApiError(failure)),
      },
    );
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t("followUp.title")}
      </Title>
      <Text size="sm">{t("followUp.hint")}</Text>
      <Select
        label={t("followUp.label")}
        data={options}
        value={activityType.followUpTypeId ?? NONE}
        onChange={change}
        disabled={!canEdit || update.isPending}
        error={error}
        allowDeselect={false}
      />
    </Stack>
  );
}
