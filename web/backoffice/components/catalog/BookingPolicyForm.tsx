import { Alert, Button, Group, NumberInput, type NumberInputProps, Stack, Switch, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, segment } from "../../../shared/api";
import { translateApiError } from "../../../shared/i18n";
import type { ActivityType } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { QueryState } from "../QueryState";

/** Booking rules of an activity type for customers who book through the portal. */
export interface BookingPolicy {
  minimumNoticeMinutes: number;
  horizonDays: number;
  arrivalWindowMinutes: number;
  choices: number;
  showWorker: boolean;
  rescheduleCutoffHours: number;
  cancelCutoffHours: number;
}

const NUMBER_FIELDS = [
  "minimumNoticeMinutes",
  "horizonDays",
  "arrivalWindowMinutes",
  "choices",
  "rescheduleCutoffHours",
  "cancelCutoffHours",
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** Range of each whole-number field as the server checks it. */
const LIMITS: Record<NumberField, { min: number; max: number }> = {
  minimumNoticeMinutes: { min: 0, max: 60 * 24 * 60 },
  horizonDays: { min: 1, max: 366 },
  arrivalWindowMinutes: { min: 15, max: 720 },
  choices: { min: 1, max: 50 },
  rescheduleCutoffHours: { min: 0, max: 720 },
  cancelCutoffHours: { min: 0, max: 720 },
};

/** Mantine's NumberInput returns a number, or a string while empty or incomplete. */
type Values = Record<NumberField, number | string> & { showWorker: boolean };

const policyPath = (buId: string, typeId: string) =>
  `/api/business-units/${segment(buId)}/activity-types/${segment(typeId)}/booking-policy`;
const policyQueryKey = (buId: string, typeId: string) => ["bookingPolicy", buId, typeId] as const;

/**
 * Edits the booking policy of a type: notice, horizon, arrival windows, number of choices,
 * whether the worker is named, and the customer's reschedule and cancel cut-offs.
 */
export function BookingPolicyForm({
  activityType,
  canEdit,
}: {
  activityType: ActivityType;
  canEdit: boolean;
}) {
  const businessUnit = useCurrentBusinessUnit();
  const query = useQuery({
    queryKey: policyQueryKey(businessUnit.id, activityType.id),
    queryFn: ({ signal }) => api.get<BookingPolicy>(policyPath(businessUnit.id, activityType.id), signal),
  });
  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <PolicyFields typeId={activityType.id} saved={query.data} canEdit={canEdit} />;
}

function PolicyFields({
  typeId,
  saved,
  canEdit,
}: {
  typeId: string;
  saved: BookingPolicy;
  canEdit: boolean;
}) {
  const { t } = useTranslation(["catalog", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (policy: BookingPolicy) =>
      api.put<BookingPolicy>(policyPath(businessUnit.id, typeId), policy),
    onSuccess: (updated) => queryClient.setQueryData(policyQueryKey(businessUnit.id, typeId), updated),
  });

  const validate = Object.fromEntries(
    NUMBER_FIELDS.map((field) => {
      const { min, max } = LIMITS[field];
      const check = (value: number | string) =>
        typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
          ? null
          : t("bookingPolicy.range", { min, max });
      return [field, check];
    }),
  ) as Record<NumberField, (value: number | string) => string | null>;
  const form = useForm<Values>({ initialValues: saved, validate });

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    const policy: BookingPolicy = {
      minimumNoticeMinutes: Number(values.minimumNoticeMinutes),
      horizonDays: Number(values.horizonDays),
      arrivalWindowMinutes: Number(values.arrivalWindowMinutes),
      choices: Number(values.choices),
      showWorker: values.showWorker,
      rescheduleCutoffHours: Number(values.rescheduleCutoffHours),
      cancelCutoffHours: Number(values.cancelCutoffHours),
    };
    save.mutate(policy, {
      onSuccess: (updated) => {
        form.setInitialValues(updated);
        form.setValues(updated);
        notifications.show({ color: "green", message: t("bookingPolicy.saved") });
      },
      onError: (error) => setFormError(translateApiError(error)),
    });
  });

  const input = (field: NumberField): NumberInputProps => ({
    label: t(`bookingPolicy.fields.${field}`),
    description: t(`bookingPolicy.hints.${field}`),
    min: LIMITS[field].min,
    max: LIMITS[field].max,
    allowDecimal: false,
    allowNegative: false,
    thousandSeparator: false,
    // Values out of range get an error message instead of being changed silently on blur.
    clampBehavior: "none",
    readOnly: !canEdit,
    ...form.getInputProps(field),
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md" maw={560}>
        <Text size="sm">{t("bookingPolicy.intro")}</Text>
        {formError !== null && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        {NUMBER_FIELDS.map((field) => (
          <NumberInput key={field} {...input(field)} />
        ))}
        <Switch
          label={t("bookingPolicy.fields.showWorker")}
          description={t("bookingPolicy.hints.showWorker")}
          disabled={!canEdit}
          {...form.getInputProps("showWorker", { type: "checkbox" })}
        />
        {canEdit && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("common:actions.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
