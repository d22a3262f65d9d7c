import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formattingLocale } from "../../../shared/format";
import {
  addDays,
  type LocalDate,
  startOfDayInstant,
  wallTimeToInstant,
  zoneDisplayName,
} from "../../../shared/zoned-time";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import {
  type NewUnavailability,
  UNAVAILABILITY_REASONS,
  type UnavailabilityReason,
  useAddUnavailability,
  type WorkerDetail,
} from "../../lib/team";
import { splitApiError } from "./api-errors";
import { formatLocalDate, numericDateFormat, parseTypedDate } from "./format";
import { useCalendarAriaLabels } from "./TeamDatesProvider";
import { TimeSelect } from "./TimeSelect";

const MAX_NOTE_LENGTH = 500;

interface UnavailabilityValues {
  reason: UnavailabilityReason;
  /** Whole local days from `firstDay` to `lastDay`, instead of dates with times. */
  wholeDays: boolean;
  firstDay: LocalDate | null;
  lastDay: LocalDate | null;
  startDate: LocalDate | null;
  startTime: string;
  endDate: LocalDate | null;
  endTime: string;
  note: string;
}

const INITIAL_VALUES: UnavailabilityValues = {
  reason: "leave",
  wholeDays: true,
  firstDay: null,
  lastDay: null,
  startDate: null,
  startTime: "",
  endDate: null,
  endTime: "",
  note: "",
};

function isReason(value: string | null): value is UnavailabilityReason {
  return value !== null && (UNAVAILABILITY_REASONS as readonly string[]).includes(value);
}

/**
 * Returns the instants of the period in the business unit's zone, or null while a date or time is
 * missing or does not exist. Whole days run from the midnight that starts the first day to the
 * midnight that ends the last one.
 */
function periodOf(values: UnavailabilityValues, zone: string): { start: string; end: string } | null {
  if (values.wholeDays) {
    if (!values.firstDay || !values.lastDay) {
      return null;
    }
    const start = startOfDayInstant(values.firstDay, zone);
    const end = startOfDayInstant(addDays(values.lastDay, 1), zone);
    return start && end ? { start, end } : null;
  }
  if (!values.startDate || !values.endDate) {
    return null;
  }
  const start = wallTimeToInstant(values.startDate, values.startTime, zone);
  const end = wallTimeToInstant(values.endDate, values.endTime, zone);
  return start && end ? { start, end } : null;
}

interface AddUnavailabilityModalProps {
  opened: boolean;
  onClose: () => void;
  worker: WorkerDetail;
}

export function AddUnavailabilityModal({ opened, onClose, worker }: AddUnavailabilityModalProps) {
  const { t } = useTranslation("team");
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("unavailabilities.addTitle", { name: worker.name })}
      size="lg"
    >
      {/* Rendered only while open, so each opening starts from an empty form. */}
      {opened && <AddUnavailabilityForm worker={worker} onClose={onClose} />}
    </Modal>
  );
}

function AddUnavailabilityForm({ worker, onClose }: { worker: WorkerDetail; onClose: () => void }) {
  const { t } = useTranslation(["team", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const zone = businessUnit.timeZone;
  const addUnavailability = useAddUnavailability(businessUnit.id, worker.userId);
  const calendarAriaLabels = useCalendarAriaLabels();
  const [formError, setFormError] = useState<string | null>(null);

  const requiredDate = (value: LocalDate | null) =>
    value ? null : t("unavailabilities.errors.dateRequired");
  const form = useForm<UnavailabilityValues>({
    initialValues: INITIAL_VALUES,
    validate: (values) => {
      const errors: Partial<Record<keyof UnavailabilityValues, string | null>> = values.wholeDays
        ? { firstDay: requiredDate(values.firstDay), lastDay: requiredDate(values.lastDay) }
        : {
            startDate: requiredDate(values.startDate),
            endDate: requiredDate(values.endDate),
            startTime: timeError(values.startDate, values.startTime),
            endTime: timeError(values.endDate, values.endTime),
          };
      const period = periodOf(values, zone);
      if (period && new Date(period.end) <= new Date(period.start)) {
        errors[values.wholeDays ? "lastDay" : "endTime"] = t("unavailabilities.errors.endBeforeStart");
      }
      return errors;
    },
  });

  function timeError(date: LocalDate | null, time: string): string | null {
    if (time === "") {
      return t("unavailabilities.errors.timeRequired");
    }
    if (date && wallTimeToInstant(date, time, zone) === null) {
      return t("unavailabilities.errors.timeSkipped", { zone });
    }
    return null;
  }

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    const period = periodOf(values, zone);
    if (!period) {
      return;
    }
    const note = values.note.trim();
    const unavailability: NewUnavailability = {
      ...period,
      reason: values.reason,
      ...(note === "" ? {} : { note }),
    };
    addUnavailability.mutate(unavailability, {
      onSuccess: () => {
        notifications.show({ color: "green", message: t("unavailabilities.added", { name: worker.name }) });
        onClose();
      },
      onError: (error) => {
        const { fieldErrors, formError } = splitApiError(error, "", (path) =>
          ["start", "end", "reason", "note"].includes(path),
        );
        const inputOf: Record<string, keyof UnavailabilityValues> = values.wholeDays
          ? { start: "firstDay", end: "lastDay", reason: "reason", note: "note" }
          : { start: "startDate", end: "endDate", reason: "reason", note: "note" };
        const errors = Object.fromEntries(
          Object.entries(fieldErrors).map(([path, message]) => [inputOf[path] ?? path, message]),
        );
        form.setErrors(errors);
        setFormError(formError);
      },
    });
  });

  const dateProps = {
    ariaLabels: calendarAriaLabels,
    valueFormat: numericDateFormat(),
    dateParser: parseTypedDate,
    placeholder: t("unavailabilities.datePlaceholder", {
      example: formatLocalDate("2026-06-08", { day: "2-digit", month: "2-digit", year: "numeric" }),
    }),
    popoverProps: { withinPortal: true },
    // As the theme does for other inputs: an asterisk would become part of the label's text.
    withAsterisk: false,
  } as const;

  const period = periodOf(form.values, zone);
  const reasonOptions = UNAVAILABILITY_REASONS.map((reason) => ({
    value: reason,
    label: t(`unavailabilityReasons.${reason}`),
  }));

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {formError !== null && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Text size="sm">
          {t("unavailabilities.zoneHint", { zone, zoneName: zoneDisplayName(zone, formattingLocale()) })}
        </Text>
        <Select
          label={t("unavailabilities.reason")}
          data={reasonOptions}
          allowDeselect={false}
          required
          data-autofocus
          {...form.getInputProps("reason")}
          onChange={(value) => {
            if (isReason(value)) {
              form.setFieldValue("reason", value);
            }
          }}
        />
        <Checkbox
          label={t("unavailabilities.wholeDays")}
          description={t("unavailabilities.wholeDaysHint")}
          {...form.getInputProps("wholeDays", { type: "checkbox" })}
        />
        {form.values.wholeDays ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <DateInput
              label={t("unavailabilities.firstDay")}
              required
              {...dateProps}
              {...form.getInputProps("firstDay")}
            />
            <DateInput
              label={t("unavailabilities.lastDay")}
              required
              {...dateProps}
              {...form.getInputProps("lastDay")}
            />
          </SimpleGrid>
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <DateInput
                label={t("unavailabilities.startDate")}
                required
                {...dateProps}
                {...form.getInputProps("startDate")}
              />
              <TimeSelect
                label={t("unavailabilities.startTime")}
                required
                {...form.getInputProps("startTime")}
                value={form.values.startTime}
                onChange={(value) => form.setFieldValue("startTime", value)}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <DateInput
                label={t("unavailabilities.endDate")}
                required
                {...dateProps}
                {...form.getInputProps("endDate")}
              />
              <TimeSelect
                label={t("unavailabilities.endTime")}
                required
                {...form.getInputProps("endTime")}
                value={form.values.endTime}
                onChange={(value) => form.setFieldValue("endTime", value)}
              />
            </SimpleGrid>
          </>
        )}
        <Textarea
          label={t("unavailabilities.note")}
          description={t("unavailabilities.noteHint")}
          maxLength={MAX_NOTE_LENGTH}
          autosize
          minRows={2}
          {...form.getInputProps("note")}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {period && new Date(period.end) > new Date(period.start)
            ? t("unavailabilities.summary", {
                start: formatDateTime(period.start, zone),
                end: formatDateTime(period.end, zone),
              })
            : ""}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:actions.cancel")}
          </Button>
          <Button type="submit" loading={addUnavailability.isPending}>
            {t("unavailabilities.addSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
