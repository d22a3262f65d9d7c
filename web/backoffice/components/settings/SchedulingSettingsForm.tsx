import { Alert, NumberInput, type NumberInputProps, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { decimalSeparator } from "../../../shared/format";
import {
  type SchedulingSettings,
  useSchedulingSettings,
  useUpdateSchedulingSettings,
} from "../../lib/assistant";
import { applyApiErrorToForm } from "../../lib/form-errors";
import { QueryState } from "../QueryState";
import { SettingsFormFrame } from "./SettingsFormFrame";

/** Mantine's NumberInput returns a number, or a string while empty or incomplete. */
type NumberInputValue = number | string;

const FIELDS = [
  "stepMinutes",
  "roadFactor",
  "averageSpeedKmh",
  "overheadMinutes",
  "travelMinuteWeight",
  "delayDayWeight",
  "workloadWeight",
  "greenFrom",
] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, NumberInputValue>;

/** Range of each setting as the server checks it, and whether it takes whole numbers only. */
const LIMITS: Record<Field, { min: number; max: number; integer: boolean }> = {
  stepMinutes: { min: 5, max: 240, integer: true },
  roadFactor: { min: 1, max: 3, integer: false },
  averageSpeedKmh: { min: 5, max: 130, integer: false },
  overheadMinutes: { min: 0, max: 60, integer: true },
  travelMinuteWeight: { min: 0, max: 10, integer: false },
  delayDayWeight: { min: 0, max: 20, integer: false },
  workloadWeight: { min: 0, max: 100, integer: false },
  greenFrom: { min: 0, max: 100, integer: false },
};

function toValues(settings: SchedulingSettings): Values {
  return { stepMinutes: settings.stepMinutes, ...settings.travel, ...settings.score };
}

function toSettings(values: Values): SchedulingSettings {
  const number = (field: Field) => Number(values[field]);
  return {
    stepMinutes: number("stepMinutes"),
    travel: {
      roadFactor: number("roadFactor"),
      averageSpeedKmh: number("averageSpeedKmh"),
      overheadMinutes: number("overheadMinutes"),
    },
    score: {
      travelMinuteWeight: number("travelMinuteWeight"),
      delayDayWeight: number("delayDayWeight"),
      workloadWeight: number("workloadWeight"),
      greenFrom: number("greenFrom"),
    },
  };
}

/**
 * Renders the unit's scheduling assistant settings: candidate step, travel estimate and score
 * weights. They are read-only for everyone but admins, because only admins may save them.
 */
export function SchedulingSettingsForm({ buId, readOnly, headingOrder }: SchedulingSettingsFormProps) {
  const query = useSchedulingSettings(buId);
  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <SettingsFields
      key={buId}
      buId={buId}
      saved={query.data}
      readOnly={readOnly}
      headingOrder={headingOrder}
    />
  );
}

interface SchedulingSettingsFormProps {
  buId: string;
  readOnly: boolean;
  /** Level of the travel and score headings, one below the heading of the section around the form. */
  headingOrder: 2 | 3;
}

function SettingsFields({
  buId,
  saved,
  readOnly,
  headingOrder,
}: SchedulingSettingsFormProps & { saved: SchedulingSettings }) {
  const { t } = useTranslation("settings");
  const update = useUpdateSchedulingSettings(buId);
  const [formError, setFormError] = useState<string | null>(null);

  const validate = Object.fromEntries(
    FIELDS.map((field) => {
      const { min, max, integer } = LIMITS[field];
      const check = (value: NumberInputValue) => {
        if (typeof value !== "number" || value < min || value > max) {
          return t("scheduling.validation.range", { min, max });
        }
        return integer && !Number.isInteger(value) ? t("scheduling.validation.integer") : null;
      };
      return [field, check];
    }),
  ) as Record<Field, (value: NumberInputValue) => string | null>;

  const form = useForm<Values>({ initialValues: toValues(saved), validate });

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    update.mutate(toSettings(values), {
      onSuccess: (updated) => {
        form.setInitialValues(toValues(updated));
        form.setValues(toValues(updated));
        form.resetDirty(toValues(updated));
        notifications.show({ color: "green", message: t("saved") });
      },
      onError: (error) => setFormError(applyApiErrorToForm(form, error, { fields: FIELDS })),
    });
  });

  const separator = decimalSeparator();
  const input = (field: Field): NumberInputProps => {
    const { min, max, integer } = LIMITS[field];
    return {
      label: t(`scheduling.fields.${field}`),
      description: t(`scheduling.hints.${field}`),
      min,
      max,
      allowDecimal: !integer,
      decimalSeparator: separator,
      thousandSeparator: false,
      allowNegative: false,
      // Values out of range get an error message instead of being changed silently on blur.
      clampBehavior: "none",
      readOnly,
      ...form.getInputProps(field),
    };
  };

  const fields = (
    <>
      <Text size="sm">{t("scheduling.intro")}</Text>
      {readOnly && (
        <Alert color="gray" role="status">
          {t("scheduling.readOnly")}
        </Alert>
      )}
      <NumberInput {...input("stepMinutes")} />

      <Title order={headingOrder} size="h5" mt="sm">
        {t("scheduling.travelTitle")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("scheduling.travelIntro")}
      </Text>
      <NumberInput {...input("roadFactor")} />
      <NumberInput {...input("averageSpeedKmh")} />
      <NumberInput {...input("overheadMinutes")} />

      <Title order={headingOrder} size="h5" mt="sm">
        {t("scheduling.scoreTitle")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("scheduling.scoreIntro")}
      </Text>
      <NumberInput {...input("travelMinuteWeight")} />
      <NumberInput {...input("delayDayWeight")} />
      <NumberInput {...input("workloadWeight")} />
      <NumberInput {...input("greenFrom")} />
    </>
  );

  if (readOnly) {
    return (
      <Stack gap="md" maw={560}>
        {fields}
      </Stack>
    );
  }
  return (
    <SettingsFormFrame onSubmit={handleSubmit} formError={formError} isSaving={update.isPending}>
      {fields}
    </SettingsFormFrame>
  );
}
