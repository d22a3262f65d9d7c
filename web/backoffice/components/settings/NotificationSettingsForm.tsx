import {
  Button,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isWallTime } from "../../../shared/zoned-time";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { applyApiErrorToForm } from "../../lib/form-errors";
import {
  MAX_FROM_NAME_LENGTH,
  MAX_REMINDER_HOURS,
  MAX_REMINDERS,
  type NotificationSettings,
  type ReminderRule,
  useNotificationSettings,
  useUpdateNotificationSettings,
} from "../../lib/messages";
import { QueryState } from "../QueryState";
import { TimeSelect } from "../team/TimeSelect";
import { SettingsFormFrame } from "./SettingsFormFrame";

const REMINDER_KINDS = ["day_before_at", "hours_before"] as const;
type ReminderKind = (typeof REMINDER_KINDS)[number];

/** One reminder rule while it is edited: both inputs are kept, so switching the kind loses nothing. */
interface ReminderDraft {
  /** Stable React key of the row. */
  id: string;
  kind: ReminderKind;
  /** Mantine's NumberInput returns a string while the input is empty. */
  hours: number | string;
  time: string;
}

interface Values {
  reminders: ReminderDraft[];
  fromName: string;
  smsEnabled: boolean;
}

const DEFAULT_HOURS = 24;
const DEFAULT_TIME = "18:00";

let nextDraftId = 0;
function draftId(): string {
  nextDraftId += 1;
  return `reminder-${nextDraftId}`;
}

function toDraft(rule: ReminderRule): ReminderDraft {
  return rule.kind === "hours_before"
    ? { id: draftId(), kind: rule.kind, hours: rule.hours, time: DEFAULT_TIME }
    : { id: draftId(), kind: rule.kind, hours: DEFAULT_HOURS, time: rule.time };
}

function toValues(settings: NotificationSettings): Values {
  return {
    reminders: settings.reminders.map(toDraft),
    fromName: settings.fromName,
    smsEnabled: settings.smsEnabled,
  };
}

function toSettings(values: Values): NotificationSettings {
  return {
    reminders: values.reminders.map((draft) =>
      draft.kind === "hours_before"
        ? { kind: "hours_before", hours: Number(draft.hours) }
        : { kind: "day_before_at", time: draft.time },
    ),
    fromName: values.fromName.trim(),
    smsEnabled: values.smsEnabled,
  };
}

function isReminderKind(value: string | null): value is ReminderKind {
  return (REMINDER_KINDS as readonly (string | null)[]).includes(value);
}

/**
 * Renders the unit's notification settings: reminder rules, the sender name of emails and the
 * SMS switch. They are read-only for everyone but admins, because only admins may save them.
 */
export function NotificationSettingsForm({ buId, readOnly }: { buId: string; readOnly: boolean }) {
  const query = useNotificationSettings(buId);
  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <SettingsFields key={buId} buId={buId} saved={query.data} readOnly={readOnly} />;
}

function SettingsFields({
  buId,
  saved,
  readOnly,
}: {
  buId: string;
  saved: NotificationSettings;
  readOnly: boolean;
}) {
  const { t } = useTranslation("messages");
  const businessUnit = useCurrentBusinessUnit();
  const update = useUpdateNotificationSettings(buId);
  const [formError, setFormError] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const form = useForm<Values>({
    name: "notification-settings",
    initialValues: toValues(saved),
    validate: {
      reminders: {
        hours: (value, values, path) => {
          const index = Number(path.split(".")[1]);
          if (values.reminders[index]?.kind !== "hours_before") {
            return null;
          }
          return typeof value === "number" &&
            Number.isInteger(value) &&
            value >= 1 &&
            value <= MAX_REMINDER_HOURS
            ? null
            : t("settings.validation.hours", { max: MAX_REMINDER_HOURS });
        },
        time: (value, values, path) => {
          const index = Number(path.split(".")[1]);
          if (values.reminders[index]?.kind !== "day_before_at") {
            return null;
          }
          return isWallTime(value) ? null : t("settings.validation.time");
        },
      },
      fromName: (value) =>
        value.trim().length > MAX_FROM_NAME_LENGTH
          ? t("settings.validation.fromName", { max: MAX_FROM_NAME_LENGTH })
          : null,
    },
  });

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    update.mutate(toSettings(values), {
      onSuccess: (updated) => {
        const savedValues = toValues(updated);
        form.setInitialValues(savedValues);
        form.setValues(savedValues);
        form.resetDirty(savedValues);
        notifications.show({ color: "green", message: t("settings.saved") });
      },
      onError: (error) =>
        setFormError(applyApiErrorToForm(form, error, { fields: ["reminders", "fromName", "smsEnabled"] })),
    });
  });

  const reminders = form.getValues().reminders;
  const focusLater = (find: () => HTMLElement | null) => {
    requestAnimationFrame(() => find()?.focus());
  };

  const addReminder = () => {
    form.insertListItem("reminders", {
      id: draftId(),
      kind: "hours_before",
      hours: DEFAULT_HOURS,
      time: DEFAULT_TIME,
    } satisfies ReminderDraft);
    focusLater(() => form.getInputNode(`reminders.${reminders.length}.kind`));
  };

  const removeReminder = (index: number) => {
    form.removeListItem("reminders", index);
    // The focus goes to the row now at this place, else to the last row, else to the "Add" button.
    const remaining = reminders.length - 1;
    focusLater(() =>
      remaining > 0
        ? form.getInputNode(`reminders.${Math.min(index, remaining - 1)}.kind`)
        : addButton.current,
    );
  };

  const fields = (
    <>
      <Text size="sm">{t("settings.intro")}</Text>
      <Fieldset legend={t("settings.remindersLegend")}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("settings.remindersHint", { max: MAX_REMINDERS })}
          </Text>
          {reminders.length === 0 && <Text size="sm">{t("settings.noReminders")}</Text>}
          {reminders.map((reminder, index) => {
            const number = index + 1;
            return (
              <Paper key={reminder.id} withBorder p="sm">
                <Group align="flex-end" gap="sm" wrap="wrap">
                  <Select
                    label={t("settings.reminderKind", { number })}
                    data={REMINDER_KINDS.map((kind) => ({ value: kind, label: t(`settings.kinds.${kind}`) }))}
                    allowDeselect={false}
                    readOnly={readOnly}
                    w={{ base: "100%", xs: 300 }}
                    {...form.getInputProps(`reminders.${index}.kind`)}
                    onChange={(value) => {
                      if (isReminderKind(value)) {
                        form.setFieldValue(`reminders.${index}.kind`, value);
                      }
                    }}
                  />
                  {reminder.kind === "hours_before" ? (
                    <NumberInput
                      label={t("settings.hours")}
                      description={t("settings.hoursHint", { max: MAX_REMINDER_HOURS })}
                      min={1}
                      max={MAX_REMINDER_HOURS}
                      allowDecimal={false}
                      allowNegative={false}
                      clampBehavior="none"
                      readOnly={readOnly}
                      w={{ base: "100%", xs: 180 }}
                      {...form.getInputProps(`reminders.${index}.hours`)}
                    />
                  ) : (
                    <TimeSelect
                      label={t("settings.time")}
                      description={t("settings.timeHint", { zone: businessUnit.timeZone })}
                      readOnly={readOnly}
                      w={{ base: "100%", xs: 180 }}
                      {...form.getInputProps(`reminders.${index}.time`)}
                      value={reminder.time}
                      onChange={(value) => form.setFieldValue(`reminders.${index}.time`, value)}
                    />
                  )}
                  {!readOnly && (
                    <Button variant="subtle" color="red" onClick={() => removeReminder(index)}>
                      {t("settings.removeReminder", { number })}
                    </Button>
                  )}
                </Group>
              </Paper>
            );
          })}
          {!readOnly && (
            <Group gap="sm">
              <Button
                variant="light"
                ref={addButton}
                disabled={reminders.length >= MAX_REMINDERS}
                onClick={addReminder}
              >
                {t("settings.addReminder")}
              </Button>
              {reminders.length >= MAX_REMINDERS && (
                <Text size="sm" c="dimmed">
                  {t("settings.maxReminders", { max: MAX_REMINDERS })}
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </Fieldset>
      <TextInput
        label={t("settings.fromName")}
        description={t("settings.fromNameHint", { name: businessUnit.name })}
        maxLength={MAX_FROM_NAME_LENGTH}
        readOnly={readOnly}
        {...form.getInputProps("fromName")}
      />
      <Switch
        label={t("settings.smsEnabled")}
        description={t("settings.smsEnabledHint")}
        disabled={readOnly}
        {...form.getInputProps("smsEnabled", { type: "checkbox" })}
      />
    </>
  );

  if (readOnly) {
    return (
      <Stack gap="md" maw={640}>
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
